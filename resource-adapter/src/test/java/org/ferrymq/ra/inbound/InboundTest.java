package org.ferrymq.ra.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.resource.spi.InvalidPropertyException;

import org.ferrymq.jms.FerryConnectionFactory;
import org.ferrymq.ra.FerryResourceAdapter;
import org.ferrymq.ra.TestEndpoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Message inflow against the adapter's embedded broker (a real FerryMQ broker, over vm://). */
@Timeout(60)
class InboundTest {
    @TempDir
    Path data;
    FerryResourceAdapter ra;
    FerryConnectionFactory client;

    @BeforeEach
    void startAdapter() throws Exception {
        ra = new FerryResourceAdapter();
        ra.setEmbeddedBroker(true);
        ra.setEmbeddedDataDir(data.toString());
        ra.start(null);
        client = new FerryConnectionFactory("vm://ferrymq-ra");
    }

    @AfterEach
    void stopAdapter() {
        ra.stop();
    }

    private FerryActivationSpec spec(String destination) throws Exception {
        FerryActivationSpec spec = new FerryActivationSpec();
        spec.setResourceAdapter(ra);
        spec.setDestination(destination);
        return spec;
    }

    private void send(String destination, boolean topic, int count, String property, Object value) {
        try (JMSContext ctx = client.createContext()) {
            for (int i = 0; i < count; i++) {
                var producer = ctx.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
                if (property != null) {
                    producer.setProperty(property, value);
                }
                producer.send(topic ? ctx.createTopic(destination) : ctx.createQueue(destination), "m" + i);
            }
        }
    }

    @Test
    void maxSessionSessionsRunOnMessageInParallel() throws Exception {
        FerryActivationSpec spec = spec("parallel");
        spec.setMaxSession(4);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(16);
        TestEndpoints endpoints = new TestEndpoints(m -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            sleep(300);
            running.decrementAndGet();
            all.countDown();
        });
        spec.setPrefetch(1);
        ra.endpointActivation(endpoints, spec);
        send("parallel", false, 16, null, null);
        assertTrue(all.await(30, TimeUnit.SECONDS));
        assertEquals(4, most.get(), "maxSession=4: four onMessage calls at once, never more");
        ra.endpointDeactivation(endpoints, spec);
        assertEquals(4, endpoints.released, "each session's endpoint is released at deactivation");
    }

    @Test
    void aQueueSelectorDeliversOnlyMatchingMessagesAndLeavesTheOthersQueued() throws Exception {
        FerryActivationSpec spec = spec("selected");
        spec.setMessageSelector("region = 'eu'");
        List<String> got = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch two = new CountDownLatch(2);
        TestEndpoints endpoints = new TestEndpoints(m -> { got.add(region(m)); two.countDown(); });
        ra.endpointActivation(endpoints, spec);
        send("selected", false, 2, "region", "us");
        send("selected", false, 2, "region", "eu");
        assertTrue(two.await(10, TimeUnit.SECONDS));
        Thread.sleep(300);
        assertEquals(List.of("eu", "eu"), got);
        ra.endpointDeactivation(endpoints, spec);
        try (JMSContext ctx = client.createContext()) {
            var c = ctx.createConsumer(ctx.createQueue("selected"));
            assertEquals("us", c.receive(5000).getStringProperty("region"));
            assertEquals("us", c.receive(5000).getStringProperty("region"));
        }
    }

    @Test
    void aTopicSelectorFiltersTheSubscription() throws Exception {
        FerryActivationSpec spec = spec("weather.#");
        spec.setDestinationType("jakarta.jms.Topic");
        spec.setMessageSelector("region = 'eu'");
        List<String> got = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch one = new CountDownLatch(1);
        TestEndpoints endpoints = new TestEndpoints(m -> { got.add(region(m)); one.countDown(); });
        ra.endpointActivation(endpoints, spec);
        send("weather.today", true, 1, "region", "us");
        send("weather.today", true, 1, "region", "eu");
        assertTrue(one.await(10, TimeUnit.SECONDS));
        Thread.sleep(300);
        assertEquals(List.of("eu"), got);
        ra.endpointDeactivation(endpoints, spec);
    }

    @Test
    void aFailingOnMessageRedeliversThenDeadLetters() throws Exception {
        FerryActivationSpec spec = spec("poison");
        spec.setMaxDeliveryAttempts(3);
        spec.setDeadLetterQueue("poison.DLQ");
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        TestEndpoints endpoints = new TestEndpoints(m -> {
            try {
                seen.add(m.getJMSRedelivered() + "/" + m.getIntProperty("JMSXDeliveryCount"));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
            throw new IllegalStateException("the bean fails");
        });
        ra.endpointActivation(endpoints, spec);
        send("poison", false, 1, null, null);
        try (Connection c = client.createConnection()) {
            c.start();
            MessageConsumer dlq = c.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(client.createContext().createQueue("poison.DLQ"));
            Message dead = dlq.receive(20_000);
            assertNotNull(dead, "after 3 failed deliveries the message is in the dead-letter queue");
            assertEquals("m0", ((TextMessage) dead).getText());
        }
        assertEquals(List.of("false/1", "true/2", "true/3"), seen);
        ra.endpointDeactivation(endpoints, spec);
        try (JMSContext ctx = client.createContext()) {
            assertNull(ctx.createConsumer(ctx.createQueue("poison")).receive(500), "nothing left in the source queue");
        }
    }

    @Test
    void aDurableSubscriptionKeepsMessagesWhileDeactivated() throws Exception {
        FerryActivationSpec spec = spec("prices.#");
        spec.setDestinationType("jakarta.jms.Topic");
        spec.setSubscriptionDurability("Durable");
        spec.setSubscriptionName("price-watch");
        spec.setClientId("mdb-app");
        List<String> got = Collections.synchronizedList(new ArrayList<>());
        TestEndpoints endpoints = new TestEndpoints(m -> got.add(text(m)));
        ra.endpointActivation(endpoints, spec);
        ra.endpointDeactivation(endpoints, spec);
        send("prices.eur", true, 3, null, null);   // nobody active: kept by the subscription

        FerryActivationSpec again = spec("prices.#");
        again.setDestinationType("jakarta.jms.Topic");
        again.setSubscriptionDurability("Durable");
        again.setSubscriptionName("price-watch");
        again.setClientID("mdb-app");   // Artemis's spelling
        TestEndpoints redeployed = new TestEndpoints(m -> got.add(text(m)));
        ra.endpointActivation(redeployed, again);
        long until = System.currentTimeMillis() + 10_000;
        while (got.size() < 3 && System.currentTimeMillis() < until) {
            Thread.sleep(50);
        }
        assertEquals(List.of("m0", "m1", "m2"), got);
        ra.endpointDeactivation(redeployed, again);
    }

    @Test
    void deactivationWaitsForTheOnMessageInProgressAndLeavesNoThread() throws Exception {
        FerryActivationSpec spec = spec("slow");
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        TestEndpoints endpoints = new TestEndpoints(m -> { started.countDown(); sleep(1000); finished.incrementAndGet(); });
        ra.endpointActivation(endpoints, spec);
        send("slow", false, 1, null, null);
        assertTrue(started.await(10, TimeUnit.SECONDS));
        ra.endpointDeactivation(endpoints, spec);
        assertEquals(1, finished.get(), "deactivation returned only after onMessage did");
        Thread.sleep(200);
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && (t.getName().startsWith("ferrymq-ra-activation") || t.getName().startsWith("ferrymq-jms-session"))),
                "no activation or dispatch thread left");
        assertEquals(0, ra.activationCount());
    }

    @Test
    void validateNamesTheBadProperty() throws Exception {
        FerryActivationSpec noDestination = new FerryActivationSpec();
        assertTrue(assertThrows(InvalidPropertyException.class, noDestination::validate).getMessage().contains("'destination'"));
        FerryActivationSpec badType = spec("q");
        badType.setDestinationType("jakarta.jms.Table");
        assertTrue(assertThrows(InvalidPropertyException.class, badType::validate).getMessage().contains("'destinationType'"));
        FerryActivationSpec durableQueue = spec("q");
        durableQueue.setSubscriptionDurability("Durable");
        assertTrue(assertThrows(InvalidPropertyException.class, durableQueue::validate).getMessage().contains("'subscriptionDurability'"));
        FerryActivationSpec noName = spec("t");
        noName.setDestinationType("jakarta.jms.Topic");
        noName.setShareSubscriptions(true);
        assertTrue(assertThrows(InvalidPropertyException.class, noName::validate).getMessage().contains("'subscriptionName'"));
        FerryActivationSpec zero = spec("q");
        zero.setMaxSession(0);
        assertTrue(assertThrows(InvalidPropertyException.class, zero::validate).getMessage().contains("'maxSession'"));
        FerryActivationSpec ack = spec("q");
        ack.setAcknowledgeMode("Client-acknowledge");
        assertTrue(assertThrows(InvalidPropertyException.class, ack::validate).getMessage().contains("'acknowledgeMode'"));
        FerryActivationSpec prefetch = spec("q");
        prefetch.setPrefetch(0);
        assertTrue(assertThrows(InvalidPropertyException.class, prefetch::validate).getMessage().contains("prefetch"));
        spec("q").validate();
    }

    private static String region(Message m) {
        try {
            return m.getStringProperty("region");
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    private static String text(Message m) {
        try {
            return ((TextMessage) m).getText();
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * GlassFish and Payara block createEndpoint until the deployment that called
     * endpointActivation has finished (ConnectorMessageBeanClient waits for the bean container's
     * start, then fails with UnavailableException): endpointActivation must return before it
     * creates any endpoint, with the consumers already open so nothing sent meanwhile is missed.
     */
    @Test
    void endpointActivationReturnsWithoutWaitingForEndpointsAsPayaraRequires() throws Exception {
        FerryActivationSpec spec = spec("deploying");
        spec.setMaxSession(2);
        CountDownLatch deployed = new CountDownLatch(1);
        CountDownLatch got = new CountDownLatch(3);
        TestEndpoints beans = new TestEndpoints(m -> got.countDown());
        jakarta.resource.spi.endpoint.MessageEndpointFactory payaraLike = (jakarta.resource.spi.endpoint.MessageEndpointFactory)
                java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {jakarta.resource.spi.endpoint.MessageEndpointFactory.class}, (proxy, method, args) -> {
                            if (method.getName().equals("createEndpoint")) {
                                if (!deployed.await(30, TimeUnit.SECONDS)) {
                                    throw new jakarta.resource.spi.UnavailableException("deployment never finished");
                                }
                            }
                            try {
                                return method.invoke(beans, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
        long start = System.nanoTime();
        ra.endpointActivation(payaraLike, spec);
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 10, "endpointActivation did not wait for createEndpoint");
        send("deploying", false, 3, null, null);   // sent while the 'deployment' is still going on
        assertFalse(got.await(500, TimeUnit.MILLISECONDS), "no delivery before the container can create endpoints");
        deployed.countDown();
        assertTrue(got.await(20, TimeUnit.SECONDS), "delivered once the deployment finished");
        ra.endpointDeactivation(payaraLike, spec);
    }
}
