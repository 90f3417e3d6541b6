package org.ferrymq.ra.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.TextMessage;
import jakarta.resource.ResourceException;

import org.ferrymq.broker.FerryBroker;
import org.ferrymq.jms.FerryConnectionFactory;
import org.ferrymq.ra.FerryResourceAdapter;
import org.ferrymq.ra.TestEndpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** An external FerryMQ server (amqp://) restarted under an active activation. */
@Timeout(90)
class ReconnectTest {
    @TempDir
    Path data;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void send(String uri, int from, int to) {
        try (JMSContext ctx = new FerryConnectionFactory(uri).createContext()) {
            for (int i = from; i < to; i++) {
                ctx.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(ctx.createQueue("restarts"), "m" + i);
            }
        }
    }

    @Test
    void theActivationReconnectsAfterABrokerRestartAndLosesNothing() throws Exception {
        int port = freePort();
        String uri = "amqp://guest:guest@127.0.0.1:" + port;
        FerryBroker broker = FerryBroker.builder().host("127.0.0.1").amqpPort(port).dataDir(data).start();
        FerryResourceAdapter ra = new FerryResourceAdapter();
        ra.setBrokerURI(uri);
        ra.start(null);
        Set<String> got = ConcurrentHashMap.newKeySet();
        try {
            FerryActivationSpec spec = new FerryActivationSpec();
            spec.setResourceAdapter(ra);
            spec.setDestination("restarts");
            spec.setMaxSession(2);
            spec.setSetupInterval(200L);
            TestEndpoints endpoints = new TestEndpoints(m -> {
                try {
                    got.add(((TextMessage) m).getText());
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            ra.endpointActivation(endpoints, spec);
            send(uri, 0, 50);
            await(got, 50);
            broker.close();
            Thread.sleep(1000);
            broker = FerryBroker.builder().host("127.0.0.1").amqpPort(port).dataDir(data).start();
            send(uri, 50, 100);
            await(got, 100);
            assertEquals(100, got.size(), "every message before and after the restart reached the bean");
            ra.endpointDeactivation(endpoints, spec);
        } finally {
            ra.stop();
            broker.close();
        }
    }

    @Test
    void aRefusalFailsTheActivationWithTheBrokersReason() throws Exception {
        int port = freePort();
        FerryBroker broker = FerryBroker.builder().host("127.0.0.1").amqpPort(port).dataDir(data).start();
        FerryResourceAdapter ra = new FerryResourceAdapter();
        ra.setBrokerURI("amqp://guest:wrong@127.0.0.1:" + port);
        ra.start(null);
        try {
            FerryActivationSpec spec = new FerryActivationSpec();
            spec.setResourceAdapter(ra);
            spec.setDestination("q");
            ResourceException e = assertThrows(ResourceException.class, () -> ra.endpointActivation(new TestEndpoints(m -> { }), spec));
            assertTrue(e.getMessage().contains("FerryMQ cannot activate"), e.getMessage());
        } finally {
            ra.stop();
            broker.close();
        }
    }

    private static void await(Set<String> got, int n) throws InterruptedException {
        long until = System.currentTimeMillis() + 30_000;
        while (got.size() < n && System.currentTimeMillis() < until) {
            Thread.sleep(50);
        }
        assertEquals(n, got.size());
    }
}
