package org.ferrymq.examples.jms.game;

import java.io.IOException;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import org.ferrymq.examples.game.Action;
import org.ferrymq.examples.game.GameClient;
import org.ferrymq.examples.game.GameError;
import org.ferrymq.examples.game.GameJson;
import org.ferrymq.examples.game.GameTopology;
import org.ferrymq.examples.game.PlayerConsole;
import org.ferrymq.examples.game.RoomView;
import org.ferrymq.examples.jms.JmsBroker;

/**
 * A player in JMS. State updates come through a non-durable subscriber on the topic
 * {@code game.state/room.<id>.state} (a server-named exclusive queue bound with that key),
 * snapshots, errors and rewards through a TemporaryQueue (server-named, exclusive) named as
 * JMSReplyTo of every action; both die with the connection. Actions are TextMessages to the topic
 * {@code game.actions/room.<id>.action.<kind>}, PERSISTENT so that {@code send} returns once the
 * broker confirmed them.
 *
 * <p>Usage: {@code JmsGamePlayer NAME [ROOM] [--bot [--actions N] [--rate PER_SECOND]]}, broker in
 * {@code FERRYMQ_URI}. The front end (terminal or bot) is {@link PlayerConsole}, shared with
 * {@code GamePlayer}; {@link #leaderboard()} is a JMS request/reply on a second session.
 *
 * <p>Threads: the session's delivery thread feeds the view; {@link #send} is synchronized (a
 * session's producer is used by one thread at a time).
 */
public final class JmsGamePlayer implements GameClient {
    private final Connection connection;
    private final Session session;
    private final MessageProducer producer;
    private final TemporaryQueue replies;
    private final String name;
    private final String room;
    private final RoomView view;
    private final Session rpcSession;
    private final TemporaryQueue rpcReplies;
    private final MessageProducer rpcProducer;
    private final MessageConsumer rpcConsumer;
    private long seq;

    private JmsGamePlayer(Connection connection, String name, String room) throws JMSException {
        this.connection = connection;
        this.name = name;
        this.room = room;
        this.view = new RoomView(name);
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        replies = session.createTemporaryQueue();
        MessageListener toView = message -> {
            try {
                view.accept(GameJson.parse(JmsGameMessages.body(message)));
            } catch (JMSException | IOException e) {
                // not a game message: ignore it and keep listening
            }
        };
        session.createConsumer(replies).setMessageListener(toView);
        session.createConsumer(session.createTopic(GameTopology.STATE_EXCHANGE + "/" + GameTopology.stateKey(room)))
                .setMessageListener(toView);
        producer = session.createProducer(null);
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        rpcSession = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        rpcReplies = rpcSession.createTemporaryQueue();
        rpcConsumer = rpcSession.createConsumer(rpcReplies);
        rpcProducer = rpcSession.createProducer(null);
        rpcProducer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        connection.start();
    }

    /** Subscribes and sends {@code join}; the snapshot arrives in {@link #view()}. */
    public static JmsGamePlayer join(Connection connection, String name, String room) throws JMSException {
        JmsGamePlayer player = new JmsGamePlayer(connection, name, room);
        player.send("join", GameJson.object());
        return player;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public RoomView view() {
        return view;
    }

    @Override
    public synchronized long send(String kind, ObjectNode fields) throws JMSException {
        long next = ++seq;
        TextMessage message = session.createTextMessage(GameJson.text(GameClient.actionBody(name, next, kind, fields)));
        message.setJMSReplyTo(replies);
        producer.send(session.createTopic(GameTopology.ACTIONS_EXCHANGE + "/" + GameJson.actionKey(room, kind)), message);
        return next;
    }

    /**
     * Asks the room's owner for the leaderboard: JMS request/reply, a request with JMSReplyTo =
     * a TemporaryQueue of its own and a JMSCorrelationID, answered on that queue.
     */
    @Override
    public synchronized JsonNode leaderboard() throws JMSException, GameError, IOException {
        String correlationId = UUID.randomUUID().toString();
        TextMessage request = rpcSession.createTextMessage(
                GameJson.text(GameClient.actionBody(name, 0, Action.LEADERBOARD, GameJson.object())));
        request.setJMSReplyTo(rpcReplies);
        request.setJMSCorrelationID(correlationId);
        rpcProducer.send(rpcSession.createTopic(GameTopology.ACTIONS_EXCHANGE + "/"
                + GameJson.actionKey(room, Action.LEADERBOARD)), request);
        long deadline = System.currentTimeMillis() + 10_000;
        for (long left = 10_000; left > 0; left = deadline - System.currentTimeMillis()) {
            Message reply = rpcConsumer.receive(left);
            if (reply != null && correlationId.equals(reply.getJMSCorrelationID())) {
                return GameClient.answerOrThrow(GameJson.parse(JmsGameMessages.body(reply)));
            }
        }
        throw new JMSException("no leaderboard from room " + room + " within 10 s");
    }

    @Override
    public void close() throws JMSException {
        try {
            send("leave", GameJson.object());
        } finally {
            connection.close();
        }
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length < 1) {
            System.err.println("usage: JmsGamePlayer NAME [ROOM] [--bot [--actions N] [--rate PER_SECOND]]");
            System.exit(2);
        }
        JmsBroker broker = JmsBroker.fromEnvironment();
        broker.declare(GameTopology::declareExchanges);
        PlayerConsole.run(join(broker.connectionFactory().createConnection(), argv[0], PlayerConsole.room(argv)),
                PlayerConsole.options(argv));
    }
}
