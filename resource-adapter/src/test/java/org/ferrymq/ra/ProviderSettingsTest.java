package org.ferrymq.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.resource.spi.ResourceAdapterInternalException;

import org.ferrymq.jms.FerryJmsConfig;
import org.ferrymq.ra.outbound.FerryManagedConnectionFactory;
import org.junit.jupiter.api.Test;

class ProviderSettingsTest {

    @Test
    void adapterSettingsBecomeTheProviderConfigAndConnectionFactoriesOverrideThem() {
        FerryResourceAdapter ra = new FerryResourceAdapter();
        ra.setBrokerURI("amqp://a:b@127.0.0.1:5999/vh");
        ra.setPrefetch(7);
        ra.setQueueType("quorum");
        ra.setRecoveryIntervalMs(1234L);
        ra.setBlockOnDurableSend(false);
        FerryJmsConfig base = ra.providerConfig();
        assertEquals("amqp://a:b@127.0.0.1:5999/vh", base.brokerUri());
        assertEquals(7, base.prefetch());
        assertEquals("quorum", base.queueType());
        assertEquals(Duration.ofMillis(1234), base.recoveryInterval());
        assertEquals(false, base.blockOnDurableSend());

        FerryManagedConnectionFactory mcf = new FerryManagedConnectionFactory();
        mcf.setResourceAdapter(ra);
        mcf.setPrefetch(3);
        mcf.setClientID("orders-app");
        FerryJmsConfig overridden = mcf.providerConfig();
        assertEquals(3, overridden.prefetch());
        assertEquals("quorum", overridden.queueType(), "unset on the factory: the adapter's value");
        assertEquals("orders-app", overridden.clientId());
    }

    @Test
    void equalsAndHashCodeFollowTheProperties() {
        FerryResourceAdapter a = new FerryResourceAdapter();
        FerryResourceAdapter b = new FerryResourceAdapter();
        a.setBrokerURI("vm://x");
        b.setBrokerURI("vm://x");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        b.setEmbeddedBroker(true);
        assertNotEquals(a, b);
    }

    @Test
    void aBadSettingFailsTheAdapterStartNamingIt() {
        FerryResourceAdapter ra = new FerryResourceAdapter();
        ra.setQueueType("stream");
        ResourceAdapterInternalException e = assertThrows(ResourceAdapterInternalException.class, () -> ra.start(null));
        assertTrue(e.getMessage().contains("queueType"), e.getMessage());
    }

    @Test
    void passwordsAreNotShownInToString() {
        FerryResourceAdapter ra = new FerryResourceAdapter();
        ra.setPassword("s3cret");
        ra.setTrustStorePassword("t0p");
        assertTrue(!ra.toString().contains("s3cret") && !ra.toString().contains("t0p"), ra.toString());
    }
}
