package org.ferrymq.broker.amqp.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.EventLoop;
import org.ferrymq.broker.amqp.codec.AmqpChannelFlow;
import org.ferrymq.broker.model.MessageQueue;

/**
 * Credit flow for one channel's publishes: after a publish that leaves a queue more than its
 * window ahead of its consumers (or with a full mailbox), the channel handles nothing more until
 * the queue has caught up, and while any of its channels waits the connection stops reading its
 * socket, so TCP pushes back on the publisher (as RabbitMQ's credit flow does). A client known to
 * honour it is instead sent {@code channel.flow(active=false)} when the wait starts and
 * {@code active=true} when it ends, so it stops writing at once instead of filling the TCP buffers
 * between it and the broker (with a flat-out publisher those buffers, megabytes on loopback, are
 * what end-to-end latency is made of); its socket is still read, and what it sent before the hold
 * is parked, up to {@link #PARKED_BEFORE_READING_STOPS} commands (see
 * {@link AmqpConnection#updateReading()}). Other clients simply find their socket full.
 *
 * <p>Never a deadlock, by construction: the acks a consumer owes must always get through, since
 * a queue can only catch up when its consumers ack. So a channel that owes acks never waits, a
 * delivery that will need an ack ends its channel's wait, and a connection whose channels owe
 * acks keeps reading (see {@link AmqpConnection#updateReading()}); a waiting channel of such a
 * connection holds its further commands, up to {@link #MAX_PARKED_COMMANDS}, and then goes on.
 *
 * <p>Owned by the channel's event loop.
 */
final class ChannelFlow {
    /** Commands a waiting channel holds while its connection cannot stop reading; then it goes on. */
    static final int MAX_PARKED_COMMANDS = 4_096;
    /**
     * Commands a channel held by channel.flow may park before its connection stops reading too:
     * a held client stops after what it had in flight, and this bounds what it can add beyond.
     */
    static final int PARKED_BEFORE_READING_STOPS = 256;

    private final AmqpChannel channel;
    /** Completes when the channel may go on; null while it does not wait. */
    private CompletableFuture<Void> waiting;
    /** True while the client has been told channel.flow(active=false). */
    private boolean clientHeld;

    ChannelFlow(AmqpChannel channel) {
        this.channel = channel;
    }

    boolean waiting() {
        return waiting != null;
    }

    /**
     * After a publish to {@code queues}: null if the channel may go on, otherwise a stage that
     * completes once every queue that is too far ahead has caught up.
     */
    CompletionStage<?> afterPublish(List<MessageQueue> queues) {
        if (queues.isEmpty() || channel.deliveries.unackedCount() > 0) {
            return null; // a channel owing acks never waits: they would queue behind its publishes
        }
        List<MessageQueue> full = null;
        for (int i = 0, n = queues.size(); i < n; i++) {
            MessageQueue queue = queues.get(i);
            if (queue.publishersMustWait()) {
                if (full == null) {
                    full = new ArrayList<>(2);
                }
                full.add(queue);
            }
        }
        if (full == null) {
            return null;
        }
        CompletableFuture<Void> wait = new CompletableFuture<>();
        waiting = wait;
        channel.connection().flowWaitStarted();
        if (channel.connection().holdsOnChannelFlow()) {
            clientHeld = true;
            channel.send(new AmqpChannelFlow(false));
            channel.connection().output().flush();
        }
        EventLoop loop = channel.connection().eventLoop();
        AtomicInteger left = new AtomicInteger(full.size());
        for (MessageQueue queue : full) {
            queue.whenPublishersMayGoOn(() -> {
                if (left.decrementAndGet() == 0) {
                    loop.execute(() -> goOn(wait));
                }
            });
        }
        return wait;
    }

    /** Stops waiting now: a delivery needs an ack, too many commands are held, or the channel closes. */
    void release() {
        if (waiting != null) {
            goOn(waiting);
        }
    }

    private void goOn(CompletableFuture<Void> wait) {
        if (waiting == wait) {
            waiting = null;
            channel.connection().flowWaitEnded();
            if (clientHeld && channel.isOpen()) {
                clientHeld = false;
                channel.send(new AmqpChannelFlow(true));
                channel.connection().output().flush();
            }
        }
        wait.complete(null);
    }
}
