package org.ferrymq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class FerryJmsConfigTest {

    @Test
    void defaults() {
        FerryJmsConfig c = FerryJmsConfig.builder().build();
        assertEquals("amqp://guest:guest@127.0.0.1:5672", c.brokerUri());
        assertEquals(100, c.prefetch());
        assertEquals(Duration.ofSeconds(30), c.confirmTimeout());
        assertEquals(Duration.ofSeconds(5), c.recoveryInterval());
        assertNull(c.clientId());
    }

    @Test
    void fromProperties() {
        Properties p = new Properties();
        p.setProperty("ferrymq.jms.uri", "amqp://h:1");
        p.setProperty("ferrymq.jms.prefetch", "7");
        p.setProperty("ferrymq.jms.clientId", "app");
        p.setProperty("ferrymq.jms.confirmTimeoutMs", "500");
        p.setProperty("ferrymq.jms.recoveryIntervalMs", "250");
        p.setProperty("ferrymq.jms.automaticRecovery", "false");
        p.setProperty("ferrymq.jms.queueType", "quorum");
        FerryJmsConfig c = FerryJmsConfig.fromProperties(p);
        assertEquals("quorum", c.queueType());
        assertEquals("amqp://h:1", c.brokerUri());
        assertEquals(7, c.prefetch());
        assertEquals("app", c.clientId());
        assertEquals(Duration.ofMillis(500), c.confirmTimeout());
        assertEquals(Duration.ofMillis(250), c.recoveryInterval());
        assertFalse(c.automaticRecovery());
    }

    @Test
    void factorySettersReplaceTheImmutableConfig() {
        FerryConnectionFactory f = new FerryConnectionFactory("amqp://a:1");
        FerryJmsConfig before = f.getConfig();
        f.setPrefetch(5);
        f.setClientID("x");
        assertEquals(100, before.prefetch());
        assertEquals(5, f.getConfig().prefetch());
        assertEquals("x", f.getClientID());
        assertEquals("amqp://a:1", f.getBrokerURI());
        assertThrows(IllegalArgumentException.class, () -> f.setPrefetch(0));
    }

    @Test
    void queueTypeIsClassicQuorumOrTheBrokersDefault() {
        assertNull(FerryJmsConfig.builder().build().queueType());
        assertNull(FerryJmsConfig.builder().queueType(" ").build().queueType(), "blank means unset");
        assertEquals("classic", FerryJmsConfig.builder().queueType("classic").build().queueType());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FerryJmsConfig.builder().queueType("stream").build());
        assertEquals("queueType must be classic or quorum (or unset for the broker's default), was 'stream'", e.getMessage());
    }
}
