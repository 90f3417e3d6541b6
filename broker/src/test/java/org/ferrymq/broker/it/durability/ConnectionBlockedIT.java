package org.ferrymq.broker.it.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.it.support.AmqpAssertions.sync;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.BlockedListener;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The memory alarm: with a 1 KiB high watermark, a publisher filling a queue nobody consumes is
 * told {@code connection.blocked("low on memory")}, and {@code connection.unblocked} once a
 * consumer has drained the queue (the resource monitor checks every 250 ms).
 *
 * <p>FerryMQ-only (the watermark is FerryMQ configuration).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConnectionBlockedIT {
    @RegisterExtension
    static final BrokerTarget broker = BrokerTarget.embeddedOnly(b -> b.memoryHighWatermark(1024));

    @Test
    void publisherIsBlockedWhileMessagesPileUpAndUnblockedOnceDrained() throws Exception {
        Connection publisher = broker.connect();
        CompletableFuture<String> blocked = new CompletableFuture<>();
        CompletableFuture<Void> unblocked = new CompletableFuture<>();
        publisher.addBlockedListener(new BlockedListener() {
            @Override
            public void handleBlocked(String reason) {
                blocked.complete(reason);
            }

            @Override
            public void handleUnblocked() {
                unblocked.complete(null);
            }
        });
        Channel pub = publisher.createChannel();
        String queue = broker.name("pile");
        pub.queueDeclare(queue, false, false, false, null);
        byte[] body = new byte[1024];
        int published = 0;
        // publish gently until the alarm is raised: a blocked connection is not read any more,
        // so this stays far below what the socket buffers hold
        while (!blocked.isDone() && published < 200) {
            pub.basicPublish("", queue, null, body);
            published++;
            if (published >= 5) {
                try {
                    blocked.get(100, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException notYet) {
                    // keep publishing
                }
            }
        }
        assertThat(blocked.get(5, TimeUnit.SECONDS)).isEqualTo("low on memory");
        assertThat(unblocked).isNotDone();

        Channel consumer = broker.connect().createChannel();
        int drained = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (drained < published && System.nanoTime() < deadline) {
            GetResponse r = consumer.basicGet(queue, true);
            if (r == null) {
                Thread.sleep(20); // the rest may still be in the blocked publisher's socket
            } else {
                drained++;
            }
        }
        assertThat(drained).as("messages drained").isEqualTo(published);
        unblocked.get(5, TimeUnit.SECONDS);

        pub.basicPublish("", queue, null, "after".getBytes());
        sync(pub);
        assertThat(consumer.basicGet(queue, true)).isNotNull();
    }
}
