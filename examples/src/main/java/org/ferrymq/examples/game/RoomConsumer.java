package org.ferrymq.examples.game;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.MessageProperties;
import com.rabbitmq.client.ShutdownSignalException;

/**
 * Consumes one room's queue ({@code game.room.<id>}, single active consumer) on its own
 * transacted channel: per action, the state update, the sender's snapshot or error and a reward
 * job are published and the action acked; the room's new snapshot is published once, for the
 * last action of the batch, and one {@code tx.commit} covers every action that had arrived (group commit: one round trip per batch, not per action,
 * so a busy room is not limited to one action per round trip). A server that dies before the
 * commit published nothing and acked nothing: the broker hands those actions, with the room, to
 * the next consumer, which starts from the last committed snapshot. So no acknowledged action is
 * lost and none is applied twice.
 *
 * <p>The room logic is {@link RoomHandler}'s (shared with the JMS server); this class is the
 * transport: it maps the handler's outgoing messages to publishes and commits.
 *
 * <p>Threads: the Java client's consumer thread only queues deliveries; a drain task on the
 * server's executor, one at a time per room (the {@code draining} flag), applies them, so the
 * room needs no lock. Also used, with {@code roomId == null}, for {@code game.unknown-room}:
 * every action there gets an error.
 */
final class RoomConsumer extends DefaultConsumer {
    private static final AMQP.BasicProperties JSON = new AMQP.BasicProperties.Builder()
            .contentType("application/json").deliveryMode(1).build();

    private final RoomHandler handler;
    private final GameServer.Listener listener;
    private final Executor executor;
    private final Queue<Delivery> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    RoomConsumer(Channel channel, String roomId, RoomHandler.SnapshotReader snapshots, GameServer.Listener listener,
                 Executor executor) {
        super(channel);
        this.executor = executor;
        this.handler = new RoomHandler(roomId, snapshots);
        this.listener = listener;
    }

    /** Declares nothing: {@link GameTopology#declare} did. Starts consuming with manual acks. */
    void start(int prefetch) throws IOException {
        Channel channel = getChannel();
        channel.txSelect();
        channel.basicQos(prefetch);
        String roomId = handler.roomId();
        channel.basicConsume(roomId == null ? GameTopology.UNKNOWN_ROOM_QUEUE : GameTopology.roomQueue(roomId),
                false, this);
    }

    @Override
    public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        pending.add(new Delivery(envelope, properties, body));
        if (draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    /** Applies what has arrived, commits once, and goes again if more came meanwhile. */
    private void drain() {
        long taken = -1;
        try {
            long lastTag = -1;
            JsonNode snapshot = null;
            for (Delivery delivery; (delivery = pending.poll()) != null; ) {
                taken = delivery.getEnvelope().getDeliveryTag();
                JsonNode after = handle(delivery.getEnvelope(), delivery.getProperties(), delivery.getBody());
                snapshot = after != null ? after : snapshot;
                lastTag = delivery.getEnvelope().getDeliveryTag();
            }
            if (snapshot != null) {
                // the room as this commit leaves it: only the batch's last snapshot is ever read
                getChannel().basicPublish("", GameTopology.snapshotQueue(handler.roomId()), JSON, GameJson.bytes(snapshot));
            }
            if (lastTag >= 0) {
                getChannel().basicAck(lastTag, true);
                getChannel().txCommit();
            }
        } catch (IOException | ShutdownSignalException e) {
            handler.forget();     // uncommitted work is void: the next action starts from the committed snapshot
            giveBack(taken, e);
        } finally {
            draining.set(false);
        }
        if (!pending.isEmpty() && draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    /**
     * A failure with the channel still open (the snapshot could not be read): undo this batch and
     * requeue every delivery taken up to {@code taken} and those still pending, or they would sit
     * unacked here and the room would stall.
     */
    private void giveBack(long taken, Exception failure) {
        for (Delivery delivery; (delivery = pending.poll()) != null; ) {
            taken = delivery.getEnvelope().getDeliveryTag();   // pending now goes back too; later arrivals wait for the next drain
        }
        Channel channel = getChannel();
        if (taken < 0 || !channel.isOpen()) {
            return;   // nothing taken, or the channel is gone and the broker requeues them itself
        }
        try {
            channel.txRollback();
            channel.basicNack(taken, true, true);
            channel.txCommit();   // in a transacted channel the nack too waits for the commit
            System.err.println("room " + handler.roomId() + ": actions requeued after a failure: " + failure.getMessage());
        } catch (IOException | ShutdownSignalException e) {
            // closing now: the broker requeues what the channel held
        }
    }

    /** Applies one action and publishes what it sends; returns the room's snapshot after it, if it changed. */
    private JsonNode handle(Envelope envelope, AMQP.BasicProperties properties, byte[] body) throws IOException {
        Channel channel = getChannel();
        String replyTo = properties.getReplyTo();
        String correlationId = properties.getCorrelationId() != null ? properties.getCorrelationId()
                : properties.getMessageId();
        RoomHandler.Result result;
        try {
            result = handler.handle(envelope.getRoutingKey(), body, correlationId, replyTo != null);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot read the snapshot of room " + handler.roomId(), e);
        }
        if (result.tookRoom()) {
            listener.roomTaken(handler.roomId(), result.takenFrom());
        }
        JsonNode snapshot = null;
        for (RoomHandler.Outgoing out : result.outgoing()) {
            if (out.target() == RoomHandler.Target.ROOM_SNAPSHOT) {
                snapshot = out.body();   // published once per batch, before its commit (drain)
                continue;
            }
            byte[] bytes = GameJson.bytes(out.body());
            switch (out.target()) {
                case STATE -> channel.basicPublish(GameTopology.STATE_EXCHANGE, GameTopology.stateKey(handler.roomId()),
                        JSON, bytes);
                case SENDER -> channel.basicPublish("", replyTo, JSON.builder().correlationId(out.correlationId()).build(),
                        bytes);
                case REWARDS -> channel.basicPublish("", GameTopology.REWARDS_QUEUE, MessageProperties.PERSISTENT_BASIC
                        .builder().contentType("application/json").replyTo(replyTo).correlationId(out.correlationId())
                        .build(), bytes);
                case ROOM_SNAPSHOT -> throw new IllegalStateException("published per batch");
            }
        }
        if (result.update() != null) {
            listener.applied(handler.roomId(), result.update());
        }
        if (result.error() != null) {
            listener.rejected(handler.roomId(), envelope.getRoutingKey(), result.error());
        }
        return snapshot;
    }

    @Override
    public void handleShutdownSignal(String consumerTag, ShutdownSignalException sig) {
        pending.clear();   // the broker requeues these; the drain that sees the closed channel forgets the room
    }
}
