package org.ferrymq.jms.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;

import org.ferrymq.broker.model.MessageQueue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A flat-out JMS producer against a slow consumer is held by the broker's channel.flow, so it is
 * never more than the queue's window (plus what is in flight) ahead of the consumer: end-to-end
 * latency stays a window's worth of messages instead of everything sent so far. Over vm:// the
 * provider's PublishGate holds the sends (an in-process pipe has no TCP buffer to fill); over
 * amqp:// the RabbitMQ Java client underneath does. FerryMQ only: RabbitMQ paces by TCP alone.
 * Counts, not times.
 */
class ProducerFlowControlIT extends BrokerTestBase {
    private static final int WINDOW = MessageQueue.publisherWindow(20_000);
    private static final int PREFETCH = 100;
    /**
     * Sends still in flight when the hold reaches the producer, and the consumer's own buffer.
     * Over TCP the broker takes what the client wrote before the hold arrived (parked on the
     * channel, a few hundred, then the socket waits); without the hold the producer ran 11,000
     * and more ahead. The in-process pipe has no TCP window at all: sends written before the hold
     * arrives are bounded only by how late it arrives (a few thousand on a loaded machine; without
     * the hold, 20,000 and more).
     */
    private static int slack(String transport) {
        return transport.equals("vm") ? 8_000 : 4_000;
    }

    static Stream<Arguments> transports() {
        // against RabbitMQ the one case is skipped (assumeFalse): RabbitMQ paces by TCP alone
        return TestBroker.isExternal()
                ? Stream.of(Arguments.of("amqp", TestBroker.factory()))
                : Stream.of(Arguments.of("amqp", TestBroker.factory()), Arguments.of("vm", TestBroker.vmFactory()));
    }

    @ParameterizedTest(name = "[{0}]")
    @MethodSource("transports")
    void aFlatOutProducerStaysWithinTheWindowOfASlowConsumer(String transport, ConnectionFactory factory) throws Exception {
        assumeFalse(TestBroker.isExternal());
        int total = 30_000;
        AtomicLong sent = new AtomicLong();
        AtomicInteger received = new AtomicInteger();
        AtomicLong widestGap = new AtomicLong();
        CountDownLatch all = new CountDownLatch(1);
        Connection consuming = track(factory.createConnection());
        Session consumerSession = consuming.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = consumerSession.createQueue(TestBroker.queueName("paced-" + transport));
        MessageConsumer consumer = consumerSession.createConsumer(queue);
        consumer.setMessageListener(message -> {
            int n = received.incrementAndGet();
            widestGap.accumulateAndGet(sent.get() - n, Math::max);
            if (n % 10 == 0) {
                sleep(1);   // the slow consumer: at most ~10,000 msg/s, whatever the machine
            }
            if (n == total) {
                all.countDown();
            }
        });
        consuming.start();

        try (Connection producing = factory.createConnection()) {
            Session session = producing.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(queue);
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            for (int i = 0; i < total; i++) {
                producer.send(session.createTextMessage("m" + i));
                long gap = sent.incrementAndGet() - received.get();
                widestGap.accumulateAndGet(gap, Math::max);
            }
        }
        assertThat(all.await(60, TimeUnit.SECONDS)).as("every message arrives").isTrue();
        assertThat(widestGap.get()).as("sends ahead of the consumer, at most")
                .isLessThanOrEqualTo(WINDOW + PREFETCH + slack(transport))
                .as("the producer did outrun the consumer (else this proves nothing)")
                .isGreaterThanOrEqualTo(WINDOW / 2);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
