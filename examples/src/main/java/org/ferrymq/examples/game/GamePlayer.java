package org.ferrymq.examples.game;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.ferrymq.examples.BrokerAddress;

/**
 * A player (RabbitMQ Java client). Its one server-named, exclusive queue is bound to
 * {@code game.state} with {@code room.<id>.state} and is also the {@code reply_to} of its actions,
 * so state updates, its snapshot, its errors and its rewards all arrive there; the queue dies
 * with the connection. Actions go to {@code game.actions} with publisher confirms: once
 * {@link #send} returns, the broker has the action.
 *
 * <p>Usage: {@code GamePlayer NAME [ROOM] [--bot [--actions N] [--rate PER_SECOND]]}; without
 * {@code --bot} it draws the room in the terminal and reads w/a/s/d, {@code x NAME}, q from stdin.
 *
 * <p>Threads: the Java client's consumer thread feeds the view; {@link #send} is synchronized.
 */
public final class GamePlayer implements AutoCloseable {
    private final Connection connection;
    private final Channel channel;
    private final String name;
    private final String room;
    private final String queue;
    private final RoomView view;
    private long seq;

    private GamePlayer(Connection connection, String name, String room) throws IOException {
        this.connection = connection;
        this.channel = connection.createChannel();
        this.name = name;
        this.room = room;
        this.view = new RoomView(name);
        GameTopology.declareExchanges(channel);
        queue = channel.queueDeclare("", false, true, true, null).getQueue();
        channel.queueBind(queue, GameTopology.STATE_EXCHANGE, GameTopology.stateKey(room));
        channel.basicConsume(queue, true, (tag, delivery) -> {
            try {
                view.accept(GameJson.parse(delivery.getBody()));
            } catch (IOException notJson) {
                // a server never sends one; ignore rather than stop listening
            }
        }, tag -> { });
        channel.confirmSelect();
    }

    /** Connects to {@code room} and sends {@code join}; the snapshot arrives in {@link #view()}. */
    public static GamePlayer join(Connection connection, String name, String room) throws IOException {
        GamePlayer player = new GamePlayer(connection, name, room);
        player.send("join", GameJson.object());
        return player;
    }

    public RoomView view() {
        return view;
    }

    public String name() {
        return name;
    }

    /** Sends {@code kind} with the given fields and waits for the broker's confirm; returns the action's seq. */
    public synchronized long send(String kind, ObjectNode fields) throws IOException {
        long next = ++seq;
        ObjectNode body = GameJson.action(name, next, kind);
        body.setAll(fields);
        body.put("kind", kind);
        sendRaw(GameJson.actionKey(room, kind), GameJson.bytes(body), name + ":" + next);
        return next;
    }

    public long move(int dx, int dy) throws IOException {
        return send("move", GameJson.object().put("dx", dx).put("dy", dy));
    }

    public long attack(String target) throws IOException {
        return send("attack", GameJson.object().put("target", target));
    }

    /** Publishes any bytes with any routing key, as a buggy or hostile client could. */
    public synchronized void sendRaw(String routingKey, byte[] body, String messageId) throws IOException {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/json")
                .replyTo(queue).messageId(messageId).build();
        channel.basicPublish(GameTopology.ACTIONS_EXCHANGE, routingKey, properties, body);
        try {
            channel.waitForConfirmsOrDie(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for the confirm", e);
        } catch (TimeoutException e) {
            throw new IOException("no confirm within 10 s", e);
        }
    }

    /** Sends {@code leave} and disconnects: the exclusive queue goes with the connection. */
    @Override
    public void close() throws IOException {
        if (connection.isOpen()) {
            try {
                send("leave", GameJson.object());
            } finally {
                connection.close(2_000);
            }
        }
    }

    /** Disconnects without leaving (a crash, a lost network): the queue is gone, the player stays in the room. */
    public void disconnect() {
        connection.abort(2_000);
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length < 1) {
            System.err.println("usage: GamePlayer NAME [ROOM] [--bot [--actions N] [--rate PER_SECOND]]");
            System.exit(2);
        }
        String name = argv[0];
        String room = argv.length > 1 && !argv[1].startsWith("--") ? argv[1] : "1";
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 1; i < argv.length; i++) {
            if (argv[i].startsWith("--")) {
                boolean hasValue = i + 1 < argv.length && !argv[i + 1].startsWith("--");
                options.put(argv[i], hasValue ? argv[++i] : "true");
            }
        }
        GamePlayer player = join(BrokerAddress.fromEnvironment().connect(), name, room);
        if (options.containsKey("--bot")) {
            int actions = Integer.parseInt(options.getOrDefault("--actions", "100"));
            double rate = Double.parseDouble(options.getOrDefault("--rate", "2"));
            player.view.onChange(() -> { });
            Random random = new Random();
            for (int i = 0; i < actions; i++) {
                Thread.sleep((long) (1000 / rate));
                ObjectNode action = Bot.next(player.view, random);
                player.send(action.remove("kind").asText(), action);
            }
            Thread.sleep(500);
            System.out.println(TerminalView.render(player.view, false));
            player.close();
            return;
        }
        player.view.onChange(() -> System.out.print(TerminalView.render(player.view, true)));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            line = line.trim();
            switch (line) {
                case "w" -> player.move(0, -1);
                case "s" -> player.move(0, 1);
                case "a" -> player.move(-1, 0);
                case "d" -> player.move(1, 0);
                case "q" -> {
                    player.close();
                    return;
                }
                default -> {
                    if (line.startsWith("x ")) {
                        player.attack(line.substring(2).trim());
                    }
                }
            }
        }
        player.close();
    }

    /** For tests: the player's current view as JSON text. */
    public JsonNode room() {
        return view.room();
    }
}
