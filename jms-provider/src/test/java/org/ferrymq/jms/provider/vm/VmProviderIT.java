package org.ferrymq.jms.provider.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.ferrymq.broker.FerryBroker;
import org.ferrymq.jms.FerryConnectionFactory;
import org.ferrymq.jms.provider.DeliveryListener;
import org.ferrymq.jms.provider.Provider;
import org.ferrymq.jms.provider.ProviderChannel;
import org.ferrymq.jms.provider.ProviderException;
import org.ferrymq.jms.provider.ProviderOptions;
import org.ferrymq.jms.provider.QueueSpec;
import org.ferrymq.jms.provider.Transports;
import org.ferrymq.jms.provider.WireDelivery;
import org.ferrymq.jms.provider.WireMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The transport SPI directly: what the JMS layer relies on from a vm:// Provider. */
@Timeout(60)
class VmProviderIT {
    private static final ProviderOptions OPTIONS = new ProviderOptions("vm-provider-it", Duration.ofSeconds(10), false);

    private static WireMessage text(String body) {
        return new WireMessage("text/plain", null, Map.of("k", "v"), 1, null, null, null, null, null,
                System.currentTimeMillis(), null, null, null, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theServiceLoaderFindsTheVmTransport() throws Exception {
        assertTrue(Transports.forUri(URI.create("vm://default")) instanceof VmProviderFactory);
    }

    @Test
    void confirmsGetAndConsumeWithTheBrokersOwnDeliveryTags() throws Exception {
        try (VmProvider p = VmTestBroker.admin()) {
            assertEquals("FerryMQ", p.brokerProduct());
            ProviderChannel ch = p.openChannel(true);
            // exclusive but not auto-delete: it must outlive the consumer cancelled below
            String q = ch.declareQueue(new QueueSpec("", false, true, false, Map.of()));
            assertTrue(q.startsWith("amq.gen-"), q);
            List<CompletableFuture<Void>> confirms = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                confirms.add(ch.publish("", q, text("m" + i)));
            }
            CompletableFuture.allOf(confirms.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            WireDelivery first = ch.get(q);
            assertEquals("m0", new String(first.message().body(), StandardCharsets.UTF_8));
            assertEquals("v", first.message().headers().get("k"));
            assertNotNull(first.message().timestampMillis());
            ch.ack(first.deliveryTag());
            BlockingQueue<WireDelivery> got = new LinkedBlockingQueue<>();
            String tag = ch.consume(q, 10, false, got::add);
            for (int i = 1; i < 100; i++) {
                WireDelivery d = got.poll(5, TimeUnit.SECONDS);
                assertEquals("m" + i, new String(d.message().body(), StandardCharsets.UTF_8), "in order");
                ch.ack(d.deliveryTag());
            }
            ch.cancel(tag);
            assertNull(ch.get(q));
            ch.close();
            assertFalse(ch.isOpen());
        }
    }

    @Test
    void aChannelErrorClosesOnlyThatChannelWithItsReplyCode() throws Exception {
        try (VmProvider p = VmTestBroker.admin()) {
            ProviderChannel bad = p.openChannel(false);
            ProviderChannel good = p.openChannel(true);
            ProviderException e = assertThrows(ProviderException.class, () -> bad.get("vm-it-no-such-queue"));
            assertEquals(404, e.replyCode());
            assertFalse(e.connectionLevel());
            assertFalse(bad.isOpen());
            assertEquals(404, assertThrows(ProviderException.class, () -> bad.ack(1)).replyCode());
            assertTrue(good.isOpen());
            assertFalse(p.queueExists("vm-it-no-such-queue"));
            assertTrue(p.exchangeExists("amq.topic"));
            assertFalse(p.exchangeExists("vm-it-no-such-exchange"));
            String q = good.declareQueue(QueueSpec.exclusiveServerNamed());
            assertTrue(p.queueExists(q));
            // many throw-away channels: numbers are released and reused
            for (int i = 0; i < 50; i++) {
                p.openChannel(false).close();
            }
        }
    }

    @Test
    void theBrokerCancellingAConsumerIsReported() throws Exception {
        try (VmProvider p = VmTestBroker.admin()) {
            ProviderChannel ch = p.openChannel(false);
            String q = ch.declareQueue(new QueueSpec(VmTestBroker.name("cancel"), false, false, false, Map.of()));
            CountDownLatch cancelled = new CountDownLatch(1);
            ch.consume(q, 1, false, new DeliveryListener() {
                @Override
                public void onDelivery(WireDelivery delivery) {
                }

                @Override
                public void onCancelled() {
                    cancelled.countDown();
                }
            });
            p.openChannel(false).deleteQueue(q, false);
            assertTrue(cancelled.await(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aBrokerShuttingDownIsAConnectionFailure(@TempDir Path dir) throws Exception {
        FerryBroker own = FerryBroker.builder().host("127.0.0.1").amqpPort(0).dataDir(dir).start();
        VmBrokers.register("vm-it-doomed", own);
        try {
            Provider p = new VmProviderFactory().connect(URI.create("vm://?broker=vm-it-doomed"), null, null, OPTIONS);
            ProviderChannel ch = p.openChannel(true);
            BlockingQueue<ProviderException> failures = new LinkedBlockingQueue<>();
            p.onFailure(failures::add);
            own.close();
            ProviderException failure = failures.poll(10, TimeUnit.SECONDS);
            assertNotNull(failure);
            assertTrue(failure.connectionLevel());
            assertEquals(320, failure.replyCode(), failure.getMessage());   // CONNECTION_FORCED
            assertFalse(ch.isOpen());
            assertThrows(ProviderException.class, () -> p.openChannel(false));
            p.close();
        } finally {
            VmBrokers.unregister("vm-it-doomed");
            own.close();
        }
    }

    @Test
    void theDefaultUriStartsAnEmbeddedBrokerOnceWhenNoneIsRegisteredAsDefault() throws Exception {
        // not a @TempDir: the embedded broker lives until the JVM exits (its shutdown hook closes it)
        Path dir = java.nio.file.Files.createTempDirectory("ferrymq-vm-default-it");
        // several brokers are registered in this JVM (vm-it at least), none as "default": vm://default embeds one
        VmTestBroker.broker();
        VmBrokers.register("vm-it-second", VmTestBroker.broker());
        try {
            String uri = "vm://default?dataDir=" + dir.toUri().getRawPath();
            FerryConnectionFactory f = new FerryConnectionFactory(uri);
            try (Connection a = f.createConnection(); Connection b = new FerryConnectionFactory("vm:///?dataDir="
                    + dir.toUri().getRawPath()).createConnection()) {
                a.start();
                Session sa = a.createSession(false, Session.AUTO_ACKNOWLEDGE);
                Session sb = b.createSession(false, Session.AUTO_ACKNOWLEDGE);
                jakarta.jms.Queue q = sa.createQueue("vm-it.embedded");
                sb.createProducer(q).send(sb.createTextMessage("same broker"));
                assertEquals("same broker", ((TextMessage) sa.createConsumer(q).receive(5000)).getText());
                assertFalse(VmTestBroker.broker().amqpPort() == VmBrokers.broker(VmAddress.parse(URI.create(uri), null, null)).amqpPort());
            }
        } finally {
            VmBrokers.unregister("vm-it-second");
        }
    }

    @Test
    void aPlainVmUriMeansTheDefaultBroker() throws Exception {
        // "vm://" alone is not a java.net.URI (authority expected): the factory reads it as vm://default
        try (jakarta.jms.Connection connection = new FerryConnectionFactory("vm://").createConnection()) {
            assertTrue(connection.getMetaData().getJMSProviderName().length() > 0);
        }
    }
}
