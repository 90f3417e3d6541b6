package org.ferrymq.examples.jms.game;

import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.ferrymq.examples.game.GameJson;
import org.ferrymq.examples.game.GameServer;
import org.ferrymq.examples.game.GameTopology;
import org.ferrymq.examples.game.RoomHandler;

/**
 * One room on one transacted JMS session: the JMS transport of {@link RoomHandler} (the room logic
 * the RabbitMQ-client server shares). Per action, what the handler says goes out: the state
 * update (topic {@code game.state/room.<id>.state}), the sender's snapshot, error or leaderboard
 * (its JMSReplyTo), a reward job (queue {@code game.rewards}, PERSISTENT) and the room's snapshot
 * (queue {@code game.room.<id>.snapshot}), sent and the action received in one
 * {@code session.commit()}: a server that dies first leaves the action to the next one.
 *
 * <p>A session's listener runs on one thread at a time, so the room needs no lock. With
 * {@code roomId == null} it answers every action of {@code game.unknown-room} with an error.
 */
final class JmsRoomListener implements MessageListener {
    private final Session session;
    private final MessageProducer producer;
    private final RoomHandler handler;
    private final GameServer.Listener listener;

    JmsRoomListener(Session session, String roomId, RoomHandler.SnapshotReader snapshots, GameServer.Listener listener)
            throws JMSException {
        this.session = session;
        this.producer = session.createProducer(null);
        this.handler = new RoomHandler(roomId, snapshots);
        this.listener = listener;
    }

    @Override
    public void onMessage(Message message) {
        try {
            handle(message);
            session.commit();
        } catch (Exception e) {
            // the session is gone (the server is stopping) or a bug: forget the room, start again from its snapshot
            handler.forget();
            try {
                session.rollback();
            } catch (JMSException ignored) {
                // the connection is closed: nothing to roll back
            }
        }
    }

    private void handle(Message message) throws Exception {
        Destination replyTo = message.getJMSReplyTo();
        String correlationId = message.getJMSCorrelationID() != null ? message.getJMSCorrelationID()
                : message.getJMSMessageID();
        String routingKey = JmsGameMessages.routingKey(message.getJMSDestination());
        RoomHandler.Result result = handler.handle(routingKey, JmsGameMessages.body(message), correlationId,
                replyTo != null);
        if (result.tookRoom()) {
            listener.roomTaken(handler.roomId(), result.takenFrom());
        }
        for (RoomHandler.Outgoing out : result.outgoing()) {
            switch (out.target()) {
                case STATE -> send(session.createTopic(GameTopology.STATE_EXCHANGE + "/"
                        + GameTopology.stateKey(handler.roomId())), out, DeliveryMode.NON_PERSISTENT, null);
                case SENDER -> send(replyTo, out, DeliveryMode.NON_PERSISTENT, null);
                case REWARDS -> send(session.createQueue(GameTopology.REWARDS_QUEUE), out, DeliveryMode.PERSISTENT,
                        replyTo);
                case ROOM_SNAPSHOT -> send(session.createQueue(GameTopology.snapshotQueue(handler.roomId())), out,
                        DeliveryMode.NON_PERSISTENT, null);
            }
        }
        if (result.update() != null) {
            listener.applied(handler.roomId(), result.update());
        }
        if (result.error() != null) {
            listener.rejected(handler.roomId(), routingKey, result.error());
        }
    }

    private void send(Destination to, RoomHandler.Outgoing out, int deliveryMode, Destination replyTo)
            throws JMSException {
        TextMessage message = session.createTextMessage(GameJson.text(out.body()));
        if (out.correlationId() != null) {
            message.setJMSCorrelationID(out.correlationId());
        }
        if (replyTo != null) {
            message.setJMSReplyTo(replyTo);
        }
        producer.send(to, message, deliveryMode, Message.DEFAULT_PRIORITY, Message.DEFAULT_TIME_TO_LIVE);
    }
}
