package org.ferrymq.examples.jms.game;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.ferrymq.examples.game.Action;
import org.ferrymq.examples.game.GameError;
import org.ferrymq.examples.game.GameJson;
import org.ferrymq.examples.game.GameServer;
import org.ferrymq.examples.game.GameTopology;
import org.ferrymq.examples.game.Room;

/**
 * One room on one transacted JMS session: the JMS form of {@code RoomConsumer}. Per action, the
 * state update (topic {@code game.state/room.<id>.state}), the sender's snapshot or error (its
 * JMSReplyTo), a reward job (queue {@code game.rewards}, PERSISTENT) and the room's snapshot
 * (queue {@code game.room.<id>.snapshot}) are sent and the action received in one
 * {@code session.commit()}: a server that dies first leaves the action to the next one.
 *
 * <p>A session's listener runs on one thread at a time, so the room needs no lock. With
 * {@code roomId == null} it answers every action of {@code game.unknown-room} with an error.
 */
final class JmsRoomListener implements MessageListener {
    /** Reads a room's last committed snapshot (null: a new room). */
    @FunctionalInterface
    interface SnapshotReader {
        JsonNode read(String room) throws JMSException;
    }

    private final Session session;
    private final MessageProducer producer;
    private final String roomId;
    private final SnapshotReader snapshots;
    private final GameServer.Listener listener;
    private Room room;

    JmsRoomListener(Session session, String roomId, SnapshotReader snapshots, GameServer.Listener listener)
            throws JMSException {
        this.session = session;
        this.producer = session.createProducer(null);
        this.roomId = roomId;
        this.snapshots = snapshots;
        this.listener = listener;
    }

    @Override
    public void onMessage(Message message) {
        try {
            handle(message);
            session.commit();
        } catch (JMSException | RuntimeException e) {
            // the session is gone (the server is stopping) or a bug: forget the room, start again from its snapshot
            room = null;
            try {
                session.rollback();
            } catch (JMSException ignored) {
                // the connection is closed: nothing to roll back
            }
        }
    }

    private void handle(Message message) throws JMSException {
        Destination replyTo = message.getJMSReplyTo();
        String messageId = message.getJMSMessageID();
        String routingKey = JmsGameMessages.routingKey(message.getJMSDestination());
        long actionSeq = 0;
        try {
            if (roomId == null) {
                String unknown = Action.roomOf(routingKey);
                throw new GameError(unknown == null ? "malformed" : "unknown-room", unknown == null
                        ? "routing key must be room.<id>.action.<kind>, was '" + routingKey + "'"
                        : "there is no room '" + unknown + "'");
            }
            Action action = Action.parse(routingKey, JmsGameMessages.body(message));
            actionSeq = action.seq();
            if (room == null) {
                JsonNode snapshot = snapshots.read(roomId);
                room = snapshot == null ? new Room(roomId) : Room.fromSnapshot(roomId, snapshot);
                listener.roomTaken(roomId, room.seq());
            }
            Room.Outcome outcome;
            try {
                outcome = room.apply(action);
            } catch (RuntimeException bug) {
                room = null;
                throw new GameError("internal", bug.toString());
            }
            ObjectNode update = room.stateUpdate(outcome.event());
            send(session.createTopic(GameTopology.STATE_EXCHANGE + "/" + GameTopology.stateKey(roomId)), update,
                    null, DeliveryMode.NON_PERSISTENT, null);
            if (outcome.snapshotForSender() && replyTo != null) {
                send(replyTo, room.toJson("snapshot"), messageId, DeliveryMode.NON_PERSISTENT, null);
            }
            if (outcome.quest() != null && replyTo != null) {
                Room.Quest quest = outcome.quest();
                ObjectNode job = GameJson.object().put("quest", quest.id()).put("room", quest.room())
                        .put("player", quest.player()).put("defeated", quest.defeated()).put("seq", quest.seq());
                send(session.createQueue(GameTopology.REWARDS_QUEUE), job, quest.id(), DeliveryMode.PERSISTENT, replyTo);
            }
            send(session.createQueue(GameTopology.snapshotQueue(roomId)), room.toJson("snapshot"), null,
                    DeliveryMode.NON_PERSISTENT, null);
            listener.applied(roomId, update);
        } catch (GameError error) {
            listener.rejected(roomId, routingKey, error);
            if (replyTo != null) {
                String room = roomId != null ? roomId : Action.roomOf(routingKey);
                send(replyTo, GameJson.error(room, error, actionSeq), messageId, DeliveryMode.NON_PERSISTENT, null);
            }
        }
    }

    private void send(Destination to, JsonNode json, String correlationId, int deliveryMode, Destination replyTo)
            throws JMSException {
        TextMessage message = session.createTextMessage(GameJson.text(json));
        if (correlationId != null) {
            message.setJMSCorrelationID(correlationId);
        }
        if (replyTo != null) {
            message.setJMSReplyTo(replyTo);
        }
        producer.send(to, message, deliveryMode, Message.DEFAULT_PRIORITY, Message.DEFAULT_TIME_TO_LIVE);
    }
}
