package org.ferrymq.examples.jms.game;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.Random;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import org.ferrymq.examples.game.Bot;
import org.ferrymq.examples.game.GameJson;
import org.ferrymq.examples.game.GameTopology;
import org.ferrymq.examples.game.RoomView;
import org.ferrymq.examples.game.TerminalView;
import org.ferrymq.examples.jms.JmsBroker;

/**
 * A player in JMS. State updates come through a non-durable subscriber on the topic
 * {@code game.state/room.<id>.state} (a server-named exclusive queue bound with that key),
 * snapshots, errors and rewards through a TemporaryQueue (server-named, exclusive) named as
 * JMSReplyTo of every action; both die with the connection. Actions are TextMessages to the topic
 * {@code game.actions/room.<id>.action.<kind>}, PERSISTENT so that {@code send} returns once the
 * broker confirmed them.
 *
 * <p>Usage: {@code JmsGamePlayer NAME [ROOM] [--bot]}, broker in {@code FERRYMQ_URI}.
 *
 * <p>Threads: the session's delivery thread feeds the view; {@link #send} is synchronized (a
 * session's producer is used by one thread at a time).
 */
public final class JmsGamePlayer implements AutoCloseable {
    private final Connection connection;
    private final Session session;
    private final MessageProducer producer;
    private final TemporaryQueue replies;
    private final String name;
    private final String room;
    private final RoomView view;
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
        connection.start();
    }

    /** Subscribes and sends {@code join}; the snapshot arrives in {@link #view()}. */
    public static JmsGamePlayer join(Connection connection, String name, String room) throws JMSException {
        JmsGamePlayer player = new JmsGamePlayer(connection, name, room);
        player.send("join", GameJson.object());
        return player;
    }

    public RoomView view() {
        return view;
    }

    public synchronized long send(String kind, ObjectNode fields) throws JMSException {
        long next = ++seq;
        ObjectNode body = GameJson.action(name, next, kind);
        body.setAll(fields);
        body.put("kind", kind);
        TextMessage message = session.createTextMessage(GameJson.text(body));
        message.setJMSReplyTo(replies);
        producer.send(session.createTopic(GameTopology.ACTIONS_EXCHANGE + "/" + GameJson.actionKey(room, kind)), message);
        return next;
    }

    public long move(int dx, int dy) throws JMSException {
        return send("move", GameJson.object().put("dx", dx).put("dy", dy));
    }

    public long attack(String target) throws JMSException {
        return send("attack", GameJson.object().put("target", target));
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
            System.err.println("usage: JmsGamePlayer NAME [ROOM] [--bot]");
            System.exit(2);
        }
        String name = argv[0];
        String room = argv.length > 1 && !argv[1].startsWith("--") ? argv[1] : "1";
        boolean bot = java.util.Arrays.asList(argv).contains("--bot");
        JmsBroker broker = JmsBroker.fromEnvironment();
        broker.declare(GameTopology::declareExchanges);
        JmsGamePlayer player = join(broker.connectionFactory().createConnection(), name, room);
        if (bot) {
            Random random = new Random();
            for (int i = 0; i < 100; i++) {
                Thread.sleep(500);
                ObjectNode action = Bot.next(player.view, random);
                player.send(action.remove("kind").asText(), action);
            }
            System.out.println(TerminalView.render(player.view, false));
            player.close();
            return;
        }
        player.view.onChange(() -> System.out.print(TerminalView.render(player.view, true)));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            switch (line.trim()) {
                case "w" -> player.move(0, -1);
                case "s" -> player.move(0, 1);
                case "a" -> player.move(-1, 0);
                case "d" -> player.move(1, 0);
                case "q" -> {
                    player.close();
                    return;
                }
                default -> {
                    if (line.trim().startsWith("x ")) {
                        player.attack(line.trim().substring(2).trim());
                    }
                }
            }
        }
        player.close();
    }

}
