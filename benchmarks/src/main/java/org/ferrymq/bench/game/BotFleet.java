package org.ferrymq.bench.game;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import org.ferrymq.examples.game.GameJson;
import org.ferrymq.examples.game.GameTopology;

/**
 * N headless players of the game example, as its players are built: each its own server-named
 * exclusive queue bound to its room's {@code room.<id>.state} and named as {@code reply_to}, its
 * actions JSON to {@code game.actions}. Bots share connections (one per {@value #BOTS_PER_CONNECTION}
 * bots) so thousands fit on one machine. Each bot steps left and right along its row at a fixed
 * rate, spread evenly over the tick; the latency of an action is from its publish to the state
 * update that reports it arriving in the bot's own queue.
 *
 * <p>Threads: one ticker thread publishes; the Java client's consumer threads record latencies.
 */
final class BotFleet implements AutoCloseable {
    static final int BOTS_PER_CONNECTION = 50;
    private static final int RING = 1024;
    private static final boolean DEBUG = Boolean.getBoolean("gamebench.debug");
    private static final AtomicLong debugged = new AtomicLong();
    private static final long TICK_MS = 10;
    private static final AMQP.BasicProperties JSON = new AMQP.BasicProperties.Builder().contentType("application/json").build();

    private final List<Connection> connections = new ArrayList<>();
    private final List<Bot> bots = new ArrayList<>();
    private final LatencySamples latencies = new LatencySamples();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong updates = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong snapshots = new AtomicLong();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "bot-ticker"));
    private volatile long measureFromNanos = Long.MAX_VALUE;
    private volatile long measureUntilNanos = Long.MAX_VALUE;

    /** One player. Its ring of send times is written by the ticker, read by its consumer. */
    private final class Bot extends DefaultConsumer {
        final String name;
        final String room;
        final Channel publish;
        final byte[] marker;
        final long[] sentAt = new long[RING];
        String queue;
        long seq;
        int direction;

        Bot(String name, String room, Channel consume, Channel publish) {
            super(consume);
            this.name = name;
            this.room = room;
            this.publish = publish;
            this.marker = ("\"player\":\"" + name + "\",\"action\":").getBytes(UTF_8);
        }

        void act() throws IOException {
            long next = ++seq;
            String kind = next == 1 ? "join" : "move";
            String body = next == 1
                    ? "{\"player\":\"" + name + "\",\"seq\":1,\"kind\":\"join\"}"
                    : "{\"player\":\"" + name + "\",\"seq\":" + next + ",\"kind\":\"move\",\"dx\":" + direction + ",\"dy\":0}";
            direction = -direction;
            AMQP.BasicProperties properties = JSON.builder().replyTo(queue).build();
            sentAt[(int) (next % RING)] = System.nanoTime();
            synchronized (publish) {
                publish.basicPublish(GameTopology.ACTIONS_EXCHANGE, GameJson.actionKey(room, kind), properties,
                        body.getBytes(UTF_8));
            }
            sent.incrementAndGet();
        }

        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
            long now = System.nanoTime();
            if (body.length > 8 && body[9] == 's' && body[10] == 'n') {          // {"type":"snapshot"
                snapshotIn(body);
                return;
            }
            if (body.length > 8 && body[9] == 'e') {                             // {"type":"error"
                errors.incrementAndGet();
                return;
            }
            if (DEBUG && debugged.incrementAndGet() % 1000 == 1) {
                System.err.println("bot " + name + " got #" + debugged.get() + " " + new String(body, UTF_8));
            }
            int at = lastIndexOf(body, marker);
            if (at < 0) {
                return;   // another player's change
            }
            long action = 0;
            for (int i = at + marker.length; i < body.length && body[i] >= '0' && body[i] <= '9'; i++) {
                action = action * 10 + (body[i] - '0');
            }
            long sentNanos = sentAt[(int) (action % RING)];
            if (sentNanos >= measureFromNanos && sentNanos < measureUntilNanos) {   // late answers count, late: no censoring
                latencies.add((now - sentNanos) / 1_000);
                updates.incrementAndGet();
            }
        }

        private void snapshotIn(byte[] body) {
            try {
                for (var p : GameJson.parse(body).path("players")) {
                    if (p.path("name").asText().equals(name)) {
                        direction = p.path("x").asInt() < 9 ? 1 : -1;
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            snapshots.incrementAndGet();
        }
    }

    BotFleet(String uri, int players, int playersPerRoom) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(uri);
        factory.setRequestedChannelMax(0);
        Connection connection = null;
        Channel consume = null;
        Channel publish = null;
        for (int i = 0; i < players; i++) {
            if (i % BOTS_PER_CONNECTION == 0) {
                connection = factory.newConnection("game-bots-" + i / BOTS_PER_CONNECTION);
                connections.add(connection);
                consume = connection.createChannel();
                publish = connection.createChannel();
            }
            String room = Integer.toString(i / playersPerRoom + 1);
            Bot bot = new Bot("bot" + i, room, consume, publish);
            bot.queue = consume.queueDeclare("", false, true, true, null).getQueue();
            consume.queueBind(bot.queue, GameTopology.STATE_EXCHANGE, GameTopology.stateKey(room));
            consume.basicConsume(bot.queue, true, bot);
            bots.add(bot);
        }
    }

    /** Every bot joins; returns once every snapshot is in. */
    void join(long timeoutMs) throws Exception {
        for (Bot bot : bots) {
            bot.act();
        }
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (snapshots.get() < bots.size()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("only " + snapshots.get() + " of " + bots.size() + " bots joined");
            }
            Thread.sleep(20);
        }
    }

    /** Starts acting: each bot {@code rate} times a second, in its own slot of the period. */
    void play(double rate) {
        int slots = Math.max(1, (int) Math.round(1000 / rate / TICK_MS));
        AtomicLong tick = new AtomicLong();
        ticker.scheduleAtFixedRate(() -> {
            int slot = (int) (tick.getAndIncrement() % slots);
            try {
                for (int i = slot; i < bots.size(); i += slots) {
                    bots.get(i).act();
                }
            } catch (IOException | RuntimeException e) {
                System.err.println("bot publish failed: " + e);
            }
        }, 0, TICK_MS, TimeUnit.MILLISECONDS);
    }

    /** Stops acting (the answers still on their way keep coming in). */
    void stop() {
        ticker.shutdownNow();
    }

    long timed() {
        return updates.get();
    }

    void measure(long fromNanos, long untilNanos) {
        measureFromNanos = fromNanos;
        measureUntilNanos = untilNanos;
    }

    LatencySamples latencies() {
        return latencies;
    }

    long sent() {
        return sent.get();
    }

    long errors() {
        return errors.get();
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        for (Connection connection : connections) {
            try {
                connection.close(5_000);
            } catch (IOException | RuntimeException e) {
                connection.abort(1_000);
            }
        }
    }

    /** From the end: the event that names the player comes last, after the whole room's state. */
    private static int lastIndexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = haystack.length - needle.length; i >= 0; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
