package org.ferrymq.examples.jms.game;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import org.ferrymq.examples.game.GameJson;
import org.ferrymq.examples.game.GameServer;
import org.ferrymq.examples.game.GameTopology;
import org.ferrymq.examples.jms.JmsBroker;

/**
 * The game server in JMS: the same rooms, queues and wire format as the pika and Java AMQP
 * servers, so they can run side by side, take over each other's rooms and serve each other's
 * players. One transacted session per room ({@link JmsRoomListener}) consuming
 * {@code game.room.<id>?prefetch=N}; the single-active-consumer queues themselves are declared
 * with the AMQP client first, as JMS cannot ({@link JmsBroker#declare}).
 *
 * <p>Usage: {@code JmsGameServer [--rooms N] [--primary 1,3] [--prefetch N] [--standby-delay-ms N]}
 * (as {@link GameServer}), broker in {@code FERRYMQ_URI}.
 *
 * <p>Threads: each session's listener thread runs its room; the snapshot browser's session is
 * shared under a lock.
 */
public final class JmsGameServer implements AutoCloseable {
    private final Connection connection;
    private final List<String> rooms;
    private final List<String> primary;
    private final int prefetch;
    private final long standbyDelayMs;
    private final GameServer.Listener listener;
    private final List<Session> sessions = new ArrayList<>();
    private final ScheduledExecutorService standby = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jms-game-server-standby");
        t.setDaemon(true);
        return t;
    });
    private Session browsing;

    public JmsGameServer(Connection connection, List<String> rooms, List<String> primary, int prefetch,
                         long standbyDelayMs, GameServer.Listener listener) {
        this.connection = connection;
        this.rooms = List.copyOf(rooms);
        this.primary = List.copyOf(primary);
        this.prefetch = prefetch;
        this.standbyDelayMs = standbyDelayMs;
        this.listener = listener;
    }

    /** The topology must exist ({@code broker.declare(ch -> GameTopology.declare(ch, n))}). */
    public JmsGameServer start() throws JMSException {
        browsing = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        subscribe(null);
        List<String> later = new ArrayList<>();
        for (String room : rooms) {
            if (primary.contains(room)) {
                subscribe(room);
            } else {
                later.add(room);
            }
        }
        connection.start();
        if (!later.isEmpty()) {
            standby.schedule(() -> {
                for (String room : later) {
                    try {
                        subscribe(room);
                    } catch (JMSException e) {
                        throw new IllegalStateException("cannot subscribe to room " + room, e);
                    }
                }
            }, standbyDelayMs, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    private synchronized void subscribe(String room) throws JMSException {
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        sessions.add(session);
        String queue = room == null ? GameTopology.UNKNOWN_ROOM_QUEUE : GameTopology.roomQueue(room);
        session.createConsumer(session.createQueue(queue + "?prefetch=" + prefetch))
                .setMessageListener(new JmsRoomListener(session, room, this::readSnapshot, listener));
    }

    /** The room's last committed snapshot: a QueueBrowser looks without taking it. */
    private JsonNode readSnapshot(String room) throws JMSException {
        synchronized (browsing) {
            QueueBrowser browser = browsing.createBrowser(browsing.createQueue(GameTopology.snapshotQueue(room)));
            try {
                Enumeration<?> messages = browser.getEnumeration();
                JsonNode last = null;
                while (messages.hasMoreElements()) {
                    last = GameJson.parse(JmsGameMessages.body((Message) messages.nextElement()));
                }
                return last;
            } catch (java.io.IOException e) {
                throw new JMSException("a snapshot of room " + room + " is not JSON: " + e.getMessage());
            } finally {
                browser.close();
            }
        }
    }

    @Override
    public void close() throws JMSException {
        standby.shutdownNow();
        connection.close();
    }

    public static void main(String[] argv) throws Exception {
        int roomCount = GameTopology.roomCount();
        int prefetch = 50;
        long standbyDelay = 1_000;
        String primaryList = null;
        for (int i = 0; i < argv.length - 1; i += 2) {
            switch (argv[i]) {
                case "--rooms" -> roomCount = Integer.parseInt(argv[i + 1]);
                case "--primary" -> primaryList = argv[i + 1];
                case "--prefetch" -> prefetch = Integer.parseInt(argv[i + 1]);
                case "--standby-delay-ms" -> standbyDelay = Long.parseLong(argv[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + argv[i]);
            }
        }
        int rooms = roomCount;
        JmsBroker broker = JmsBroker.fromEnvironment();
        broker.declare(ch -> GameTopology.declare(ch, rooms));
        List<String> all = GameTopology.rooms(roomCount);
        List<String> primary = primaryList == null ? all : Arrays.asList(primaryList.split(","));
        new JmsGameServer(broker.connectionFactory().createConnection(), all, primary, prefetch, standbyDelay,
                new GameServer.Listener() {
                    @Override
                    public void roomTaken(String room, long seq) {
                        System.out.println(" [x] room " + room + ": now played here, from seq " + seq);
                    }

                    @Override
                    public void rejected(String room, String routingKey, org.ferrymq.examples.game.GameError error) {
                        System.out.println(" [!] " + routingKey + ": " + error.code() + ": " + error.getMessage());
                    }
                }).start();
        System.out.println(" [*] Game server (JMS) for rooms 1-" + roomCount + ". To exit press CTRL+C");
    }
}
