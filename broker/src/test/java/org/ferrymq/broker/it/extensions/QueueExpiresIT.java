package org.ferrymq.broker.it.extensions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.it.extensions.Messages.args;
import static org.ferrymq.broker.it.extensions.Messages.publishConfirmed;
import static org.ferrymq.broker.it.extensions.Messages.queueExists;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Queue expiry ({@code x-expires}): a queue that is unused (no consumers, no basic.get, no
 * redeclare) for the given time is deleted, whether or not it holds messages.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class QueueExpiresIT {
    @RegisterExtension
    static final BrokerTarget broker = BrokerTarget.any();

    private static final Duration GONE_WAIT = Duration.ofSeconds(6);

    private String expiringQueue(Channel ch, int expiresMillis) throws Exception {
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, args("x-expires", expiresMillis));
        return q;
    }

    /**
     * Waits until the queue is gone. A passive declare counts as a redeclare and renews the lease
     * (as RabbitMQ does), so the probe runs less often than the expiry delay.
     */
    private static void awaitGone(Connection c, String q, int expiresMillis) throws Exception {
        long deadline = System.nanoTime() + GONE_WAIT.toNanos();
        while (queueExists(c, q)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("queue " + q + " not deleted within " + GONE_WAIT.toMillis() + " ms");
            }
            Eventually.pause(expiresMillis + 250L);
        }
    }

    @Test
    void unusedQueueIsDeletedAfterTheDelay() throws Exception {
        Connection c = broker.connection();
        String q = expiringQueue(c.createChannel(), 300);
        assertThat(queueExists(c, q)).isTrue();
        awaitGone(c, q, 300);
    }

    @Test
    void messagesDoNotKeepAQueueAlive() throws Exception {
        Connection c = broker.connection();
        Channel ch = c.createChannel();
        String q = expiringQueue(ch, 300);
        publishConfirmed(ch, q, "a", "b");
        awaitGone(c, q, 300);
    }

    @Test
    void aConsumerKeepsTheQueueAliveUntilItCancels() throws Exception {
        Connection c = broker.connection();
        Channel ch = c.createChannel();
        String q = expiringQueue(ch, 300);
        String tag = ch.basicConsume(q, true, new CollectingConsumer(ch));
        Eventually.pause(900);
        assertThat(queueExists(c, q)).as("queue with a consumer after 3x x-expires").isTrue();
        ch.basicCancel(tag);
        awaitGone(c, q, 300);
    }

    @Test
    void redeclaringResetsTheExpiryTimer() throws Exception {
        Connection c = broker.connection();
        Channel ch = c.createChannel();
        String q = expiringQueue(ch, 800);
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1800);
        while (System.nanoTime() < until) {
            Eventually.pause(200);
            ch.queueDeclare(q, false, false, false, args("x-expires", 800));
        }
        assertThat(queueExists(c, q)).as("queue redeclared every 200 ms for 1.8 s with x-expires 800").isTrue();
        awaitGone(c, q, 800);
    }

    @Test
    void basicGetResetsTheExpiryTimer() throws Exception {
        Connection c = broker.connection();
        Channel ch = c.createChannel();
        String q = expiringQueue(ch, 800);
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1800);
        while (System.nanoTime() < until) {
            Eventually.pause(200);
            ch.basicGet(q, true);
        }
        assertThat(queueExists(c, q)).as("queue polled by basic.get every 200 ms for 1.8 s with x-expires 800").isTrue();
        awaitGone(c, q, 800);
    }
}
