package org.ferrymq.ra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;

import org.ferrymq.jms.FerryConnectionFactory;
import org.ferrymq.ra.it.Results.Delivery;
import org.ferrymq.ra.it.app.AnnotatedMdb;
import org.ferrymq.ra.it.app.EchoMdb;
import org.ferrymq.ra.it.app.JakartaEeServlet;
import org.ferrymq.ra.it.app.SendServlet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An MDB bound by {@code @org.jboss.ejb3.annotation.ResourceAdapter} (no jboss-ejb3.xml), and the
 * Jakarta EE resource annotations on FerryMQ: {@code @JMSConnectionFactoryDefinition} and
 * {@code @JMSDestinationDefinition} naming the adapter, {@code @Inject @JMSConnectionFactory JMSContext}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(600)
class BindingWaysIT {
    static final String BROKER = ExternalBroker.get().uri();

    static {
        // before the deployment (this runs when Arquillian calls the @Deployment methods): the
        // defined factory's BrokerURI is "${ferrymq.it.broker.uri}", resolved by the server
        try {
            WildFlyCli.run("--command=/system-property=ferrymq.it.broker.uri:add(value=\"" + BROKER + "\")");
            WildFlyCli.run("--command=/subsystem=ee:write-attribute(name=annotation-property-replacement, value=true)");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void putTheServerBack() throws Exception {
        WildFlyCli.run("--command=/subsystem=ee:write-attribute(name=annotation-property-replacement, value=false)");
        WildFlyCli.run("--command=/system-property=ferrymq.it.broker.uri:remove");
    }

    @ArquillianResource
    @OperateOnDeployment("app")
    URL app;

    @Deployment(name = "rar", order = 1, testable = false)
    static ResourceAdapterArchive rar() {
        return Archives.rarFor(BROKER);
    }

    @Deployment(name = "app", order = 2, testable = false)
    static WebArchive app() {
        return ShrinkWrap.create(WebArchive.class, "binding-ways.war")
                .addClasses(EchoMdb.class, AnnotatedMdb.class, SendServlet.class, JakartaEeServlet.class)
                // the definitions instantiate the adapter's classes in this module: it must see the .rar
                .addAsWebInfResource(new StringAsset("""
                        <jboss-deployment-structure xmlns="urn:jboss:deployment-structure:1.3">
                          <deployment><dependencies><module name="deployment.ferrymq-ra.rar"/></dependencies></deployment>
                        </jboss-deployment-structure>
                        """), "jboss-deployment-structure.xml")
                .addAsWebInfResource(new StringAsset("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\" bean-discovery-mode=\"annotated\"/>"),
                        "beans.xml");
    }

    @Test
    void anMdbBoundByTheResourceAdapterAnnotationReceives() throws Exception {
        Results.pikaSend(BROKER, "it.annotated", 2, null, null);
        Results.get(URI.create(app + "send?queue=it.annotated&n=2&text=web"));
        List<Delivery> got = Results.await(BROKER, "it.annotated", 4, 60_000);
        assertEquals(Set.of("pika-0", "pika-1", "web-0", "web-1"), got.stream().map(Delivery::text).collect(Collectors.toSet()));
        assertEquals(4, got.size(), "each message exactly once");
    }

    @Test
    void anInjectedJmsContextSendsToFerryMq() throws Exception {
        Results.get(URI.create(app + "ee?via=inject&op=send&queue=it.ee.inject.out&n=3&text=injected"));
        assertEquals(List.of("injected-0", "injected-1", "injected-2"), drain("it.ee.inject.out", 3));
    }

    @Test
    void anInjectedJmsContextReceivesWhatJmsAndPikaSent() throws Exception {
        try (JMSContext ctx = new FerryConnectionFactory(BROKER).createContext()) {
            ctx.createProducer().send(ctx.createQueue("it.ee.inject.in"), "jms-0");
        }
        Results.pikaSend(BROKER, "it.ee.inject.in", 2, null, null);
        String body = Results.get(URI.create(app + "ee?via=inject&op=receive&queue=it.ee.inject.in&n=3"));
        assertEquals(List.of("jms-0", "pika-0", "pika-1"), body.lines().toList());
    }

    @Test
    void aDefinedFactoryAndQueueNamingTheAdapterSendAndReceive() throws Exception {
        Results.get(URI.create(app + "ee?via=defined&op=send&n=2&text=defined"));
        // the defined queue is FerryMQ's queue it.ee.defined: read it from the broker directly
        assertEquals(List.of("defined-0", "defined-1"), drain("it.ee.defined", 2));
        Results.pikaSend(BROKER, "it.ee.defined", 2, null, null);
        String body = Results.get(URI.create(app + "ee?via=defined&op=receive&n=2"));
        assertEquals(List.of("pika-0", "pika-1"), body.lines().toList());
    }

    /** Receives up to n bodies from a FerryMQ queue with the provider, outside the server. */
    static List<String> drain(String queue, int n) throws Exception {
        List<String> bodies = new ArrayList<>();
        try (JMSContext ctx = new FerryConnectionFactory(BROKER).createContext();
                JMSConsumer consumer = ctx.createConsumer(ctx.createQueue(queue))) {
            for (int i = 0; i < n; i++) {
                String body = consumer.receiveBody(String.class, 30_000);
                if (body == null) {
                    break;
                }
                bodies.add(body);
            }
        }
        return bodies;
    }
}
