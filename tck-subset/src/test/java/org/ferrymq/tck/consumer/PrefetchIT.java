package org.ferrymq.tck.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.tck.Jms.receive;

import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;

import org.ferrymq.jms.FerryConnectionFactory;
import org.ferrymq.tck.Jms;
import org.ferrymq.tck.TckTest;
import org.junit.jupiter.api.Timeout;

/**
 * The factory's prefetch, and a destination's {@code ?prefetch=N}, reach the broker as basic.qos:
 * a CLIENT_ACKNOWLEDGE consumer that acknowledges nothing holds at most that many deliveries, the
 * rest stay ready on the queue (AMQP shows the ready count, so unacked = sent - ready).
 */
@Timeout(30)
class PrefetchIT {
    private static final int SENT = 10;

    /** Sends {@value #SENT} messages, consumes one without acknowledging, returns the queue's ready count once settled. */
    private static long readyWhileHolding(Jms jms, FerryConnectionFactory factory, String destination) throws Exception {
        Session producerSession = jms.session();
        Queue plain = producerSession.createQueue(destination.replaceAll("\\?.*", ""));
        MessageProducer p = producerSession.createProducer(plain);
        for (int i = 0; i < SENT; i++) {
            p.send(producerSession.createTextMessage("m" + i));
        }
        Connection c = jms.track(factory.createConnection());
        c.start();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        receive(s.createConsumer(s.createQueue(destination)));
        long ready = -1;
        long stableSince = System.nanoTime();
        // wait until the count has not moved for half a second: deliveries have stopped
        while (System.nanoTime() - stableSince < 500_000_000L) {
            long now = jms.readyCount(plain.getQueueName());
            if (now != ready) {
                ready = now;
                stableSince = System.nanoTime();
            }
            Jms.pause(50);
        }
        return ready;
    }

    @TckTest
    void theFactoryPrefetchLimitsUnacknowledgedDeliveries(Jms jms) throws Exception {
        FerryConnectionFactory factory = jms.factory();
        factory.setPrefetch(3);
        String q = jms.queueName();
        assertThat(readyWhileHolding(jms, factory, q)).isEqualTo(SENT - 3);
    }

    @TckTest
    void aDestinationPrefetchOverridesTheFactory(Jms jms) throws Exception {
        FerryConnectionFactory factory = jms.factory();
        factory.setPrefetch(3);
        String q = jms.queueName();
        assertThat(readyWhileHolding(jms, factory, q + "?prefetch=5")).isEqualTo(SENT - 5);
    }
}
