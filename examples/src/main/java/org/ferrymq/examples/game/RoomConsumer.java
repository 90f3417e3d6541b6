package org.ferrymq.examples.game;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.MessageProperties;
import com.rabbitmq.client.ShutdownSignalException;

/**
 * Consumes one room's queue ({@code game.room.<id>}, single active consumer) on its own
 * transacted channel: per action, the state update, the sender's snapshot or error, a reward job
 * and the room's new snapshot are published and the action acked, and one {@code tx.commit}
 * covers every action that had arrived (group commit: one round trip per batch, not per action,
 * so a busy room is not limited to one action per round trip). A server that dies before the
 * commit published nothing and acked nothing: the broker hands those actions, with the room, to
 * the next consumer, which starts from the last committed snapshot. So no acknowledged action is
 * lost and none is applied twice.
 *
 * <p>Threads: the Java client's consumer thread only queues deliveries; a drain task on the
 * server's executor, one at a time per room (the {@code draining} flag), applies them, so the
 * room needs no lock. Also used, with {@code roomId == null}, for {@code game.unknown-room}:
 * every action there gets an error.
 */
final class RoomConsumer extends DefaultConsumer {
    private static final AMQP.BasicProperties JSON = new AMQP.BasicProperties.Builder()
            .contentType("application/json").deliveryMode(1).build();

    private final String roomId;
    private final SnapshotReader snapshots;
    private final GameServer.Listener listener;
    private final Executor executor;
    private final Queue<Delivery> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private Room room;

    /** Reads a room's last committed snapshot (null: a new room). */
    @FunctionalInterface
    interface SnapshotReader {
        JsonNode read(String room) throws IOException;
    }

    RoomConsumer(Channel channel, String roomId, SnapshotReader snapshots, GameServer.Listener listener,
                 Executor executor) {
        super(channel);
        this.executor = executor;
        this.roomId = roomId;
        this.snapshots = snapshots;
        this.listener = listener;
    }

    /** Declares nothing: {@link GameTopology#declare} did. Starts consuming with manual acks. */
    void start(int prefetch) throws IOException {
        Channel channel = getChannel();
        channel.txSelect();
        channel.basicQos(prefetch);
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
        try {
            long lastTag = -1;
            for (Delivery delivery; (delivery = pending.poll()) != null; ) {
                handle(delivery.getEnvelope(), delivery.getProperties(), delivery.getBody());
                lastTag = delivery.getEnvelope().getDeliveryTag();
            }
            if (lastTag >= 0) {
                getChannel().basicAck(lastTag, true);
                getChannel().txCommit();
            }
        } catch (IOException | ShutdownSignalException e) {
            room = null;          // the channel is gone, its uncommitted work with it
            pending.clear();
        } finally {
            draining.set(false);
        }
        if (!pending.isEmpty() && draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void handle(Envelope envelope, AMQP.BasicProperties properties, byte[] body) throws IOException {
        Channel channel = getChannel();
        String replyTo = properties.getReplyTo();
        String correlationId = properties.getMessageId();
        long actionSeq = 0;
        try {
            if (roomId == null) {
                String room = Action.roomOf(envelope.getRoutingKey());
                throw new GameError(room == null ? "malformed" : "unknown-room",
                        room == null ? "routing key must be room.<id>.action.<kind>, was '" + envelope.getRoutingKey() + "'"
                                : "there is no room '" + room + "'");
            }
            Action action = Action.parse(envelope.getRoutingKey(), body);
            actionSeq = action.seq();
            if (room == null) {
                JsonNode snapshot = snapshots.read(roomId);
                room = snapshot == null ? new Room(roomId) : Room.fromSnapshot(roomId, snapshot);
                listener.roomTaken(roomId, room.seq());
            }
            Room.Outcome outcome = room.apply(action);
            ObjectNode update = room.stateUpdate(outcome.event());
            channel.basicPublish(GameTopology.STATE_EXCHANGE, GameTopology.stateKey(roomId), JSON, GameJson.bytes(update));
            if (outcome.snapshotForSender() && replyTo != null) {
                channel.basicPublish("", replyTo, reply(correlationId), GameJson.bytes(room.toJson("snapshot")));
            }
            if (outcome.quest() != null && replyTo != null) {
                publishRewardJob(channel, outcome.quest(), replyTo);
            }
            channel.basicPublish("", GameTopology.snapshotQueue(roomId), JSON, GameJson.bytes(room.toJson("snapshot")));
            listener.applied(roomId, update);
        } catch (GameError error) {
            sendError(channel, replyTo, correlationId, error, actionSeq, envelope.getRoutingKey());
        } catch (RuntimeException bug) {
            // never stop serving: forget the room (re-read from the last snapshot) and tell the player
            room = null;
            sendError(channel, replyTo, correlationId, new GameError("internal", bug.toString()), actionSeq,
                    envelope.getRoutingKey());
        }
    }

    private void publishRewardJob(Channel channel, Room.Quest quest, String replyTo) throws IOException {
        ObjectNode job = GameJson.object().put("quest", quest.id()).put("room", quest.room())
                .put("player", quest.player()).put("defeated", quest.defeated()).put("seq", quest.seq());
        AMQP.BasicProperties persistent = MessageProperties.PERSISTENT_BASIC.builder()
                .contentType("application/json").replyTo(replyTo).correlationId(quest.id()).build();
        channel.basicPublish("", GameTopology.REWARDS_QUEUE, persistent, GameJson.bytes(job));
    }

    private void sendError(Channel channel, String replyTo, String correlationId, GameError error, long actionSeq,
                           String routingKey) throws IOException {
        listener.rejected(roomId, routingKey, error);
        if (replyTo != null) {
            String room = roomId != null ? roomId : Action.roomOf(routingKey);
            channel.basicPublish("", replyTo, reply(correlationId), GameJson.bytes(GameJson.error(room, error, actionSeq)));
        }
    }

    private static AMQP.BasicProperties reply(String correlationId) {
        return JSON.builder().correlationId(correlationId).build();
    }

    @Override
    public void handleShutdownSignal(String consumerTag, ShutdownSignalException sig) {
        pending.clear();   // the broker requeues these; the drain that sees the closed channel forgets the room
    }
}
