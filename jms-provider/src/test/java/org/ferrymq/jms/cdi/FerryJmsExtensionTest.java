package org.ferrymq.jms.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSPasswordCredential;
import jakarta.jms.JMSSessionMode;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the extension adds to a Weld SE container, without touching a broker (contexts connect on first use). */
@Timeout(60)
class FerryJmsExtensionTest {

    @Dependent
    public static class Injected {
        @Inject
        @JMSConnectionFactory("amqp://127.0.0.1:1")
        @JMSPasswordCredential(userName = "alice", password = "secret")
        @JMSSessionMode(JMSContext.DUPS_OK_ACKNOWLEDGE)
        JMSContext field;

        JMSContext fromParameter;
        JMSContext fromMethodAnnotation;

        @Inject
        void initialise(@JMSSessionMode(JMSContext.CLIENT_ACKNOWLEDGE) JMSContext parameter) {
            fromParameter = parameter;
        }

        @Inject
        @JMSConnectionFactory("jms/nowhere")
        void initialiseToo(JMSContext parameter) {
            fromMethodAnnotation = parameter;
        }
    }

    /** An application (or a server) that injects JMSContexts its own way. */
    @Dependent
    public static class OwnProducer {
        @Produces
        JMSContext make() {
            return null; // never asked for in the test
        }
    }

    private static InjectionSettings settings(JMSContext injected) {
        return ((InjectedJmsContext) injected).settings();
    }

    @Test
    void annotationsOnFieldsParametersAndMethodsBecomeSettings() {
        try (WeldContainer c = new Weld().disableDiscovery().addExtension(new FerryJmsExtension())
                .addBeanClasses(Injected.class).initialize()) {
            Injected bean = c.select(Injected.class).get();
            assertEquals(new InjectionSettings("amqp://127.0.0.1:1", "alice", "secret", JMSContext.DUPS_OK_ACKNOWLEDGE),
                    settings(bean.field));
            assertEquals(new InjectionSettings(null, null, null, JMSContext.CLIENT_ACKNOWLEDGE), settings(bean.fromParameter));
            assertEquals(new InjectionSettings("jms/nowhere", null, null, JMSContext.AUTO_ACKNOWLEDGE),
                    settings(bean.fromMethodAnnotation));
            assertFalse(settings(bean.field).toString().contains("secret"), "no password in logs");
            assertEquals(JMSContext.CLIENT_ACKNOWLEDGE, bean.fromParameter.getSessionMode());
        }
    }

    @Test
    void programmaticLookupGetsTheDefaults() {
        try (WeldContainer c = new Weld().disableDiscovery().addExtension(new FerryJmsExtension())
                .addBeanClasses(Injected.class).initialize()) {
            JMSContext looked = c.select(JMSContext.class).get();
            assertEquals(InjectionSettings.DEFAULT, settings(looked));
            c.select(JMSContext.class).destroy(looked);
        }
    }

    @Test
    void anotherJmsContextProducerWinsWithoutAmbiguity() {
        try (WeldContainer c = new Weld().disableDiscovery().addExtension(new FerryJmsExtension())
                .addBeanClasses(OwnProducer.class).initialize()) {
            assertTrue(c.select(JMSContext.class).isResolvable());
            assertNull(c.select(JMSContext.class).get(), "the application's producer, not ours");
        }
    }

    @Test
    void theSystemPropertyTurnsItOff() {
        System.setProperty(FerryJmsExtension.ENABLED_PROPERTY, "false");
        try (WeldContainer c = new Weld().disableDiscovery().addExtension(new FerryJmsExtension())
                .addBeanClasses(OwnProducer.class).initialize()) {
            assertTrue(c.select(JMSContext.class).isResolvable());
            assertFalse(c.select(RequestJmsContexts.class).isResolvable());
        } finally {
            System.clearProperty(FerryJmsExtension.ENABLED_PROPERTY);
        }
    }
}
