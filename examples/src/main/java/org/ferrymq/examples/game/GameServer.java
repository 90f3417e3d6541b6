package org.ferrymq.examples.game;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import org.ferrymq.examples.BrokerAddress;

/**
 * A game server (RabbitMQ Java client): consumes every room's queue, each on its own transacted
 * channel ({@link RoomConsumer}). The room queues have {@code x-single-active-consumer}, so each
 * room is played by one server at a time and the others wait as standbys; when the owner dies the
 * broker makes the next one active and it carries on from the room's last snapshot.
 *
 * <p>Which server owns a room is decided by who subscribed first. A server subscribes to its
 * {@code primary} rooms at once and to the others after {@code standbyDelayMs}, so servers
 * started together share the rooms as their primaries say; by default every room is primary.
 *
 * <p>Usage: {@code GameServer [--rooms N] [--primary 1,3] [--prefetch N] [--standby-delay-ms N]}.
 *
 * <p>Threads: the Java client's consumer threads hand deliveries to the rooms; a small pool runs
 * the rooms (each one on one thread at a time); the snapshot reader's channel is shared under a
 * lock.
 */
public final class GameServer implements AutoCloseable {
    /** What a server did, for its console output and for tests. Called from consumer threads. */
    public interface Listener {
        default void roomTaken(String room, long seq) {
        }

        default void applied(String room, ObjectNode update) {
        }

        default void rejected(String room, String routingKey, GameError error) {
        }
    }

    private final Connection connection;
    private final List<String> rooms;
    private final List<String> primary;
    private final int prefetch;
    private final long standbyDelayMs;
    private final Listener listener;
    private final List<Channel> channels = new ArrayList<>();
    private final ScheduledExecutorService standby = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "game-server-standby");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService roomThreads = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
                Thread t = new Thread(r, "game-server-rooms");
                t.setDaemon(true);
                return t;
            });
    private Channel snapshotChannel;

    public GameServer(Connection connection, List<String> rooms, List<String> primary, int prefetch,
                      long standbyDelayMs, Listener listener) {
        this.connection = connection;
        this.rooms = List.copyOf(rooms);
        this.primary = List.copyOf(primary);
        this.prefetch = prefetch;
        this.standbyDelayMs = standbyDelayMs;
        this.listener = listener;
    }

    /** Declares the topology and subscribes: primaries now, the other rooms after the standby delay. */
    public GameServer start() throws IOException {
        try (Channel admin = connection.createChannel()) {
            GameTopology.declare(admin, rooms.size());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException(e);
        }
        snapshotChannel = connection.createChannel();
        subscribe(null);
        List<String> later = new ArrayList<>();
        for (String room : rooms) {
            if (primary.contains(room)) {
                subscribe(room);
            } else {
                later.add(room);
            }
        }
        if (!later.isEmpty()) {
            standby.schedule(() -> {
                for (String room : later) {
                    try {
                        subscribe(room);
                    } catch (IOException e) {
                        throw new IllegalStateException("cannot subscribe to room " + room, e);
                    }
                }
            }, standbyDelayMs, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    private synchronized void subscribe(String room) throws IOException {
        Channel channel = connection.createChannel();
        channels.add(channel);
        new RoomConsumer(channel, room, this::readSnapshot, listener, roomThreads).start(prefetch);
    }

    /** The room's last committed snapshot, left in its queue for the next owner (get, then requeue). */
    private JsonNode readSnapshot(String room) throws IOException {
        synchronized (snapshotChannel) {
            GetResponse response = snapshotChannel.basicGet(GameTopology.snapshotQueue(room), false);
            if (response == null) {
                return null;
            }
            snapshotChannel.basicReject(response.getEnvelope().getDeliveryTag(), true);
            return GameJson.parse(response.getBody());
        }
    }

    /** Stops like a crashed process would: the connection goes, uncommitted work with it. */
    public void crash() {
        standby.shutdownNow();
        roomThreads.shutdownNow();
        connection.abort(1_000);
    }

    @Override
    public void close() throws IOException {
        standby.shutdownNow();
        roomThreads.shutdown();
        if (connection.isOpen()) {
            connection.close(2_000);
        }
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
        List<String> rooms = GameTopology.rooms(roomCount);
        List<String> primary = primaryList == null ? rooms : Arrays.asList(primaryList.split(","));
        Connection connection = BrokerAddress.fromEnvironment().connect();
        new GameServer(connection, rooms, primary, prefetch, standbyDelay, new Listener() {
            @Override
            public void roomTaken(String room, long seq) {
                System.out.println(" [x] room " + room + ": now played here, from seq " + seq);
            }

            @Override
            public void rejected(String room, String routingKey, GameError error) {
                System.out.println(" [!] " + routingKey + ": " + error.code() + ": " + error.getMessage());
            }
        }).start();
        System.out.println(" [*] Game server (Java) for rooms 1-" + roomCount + ". To exit press CTRL+C");
    }
}
