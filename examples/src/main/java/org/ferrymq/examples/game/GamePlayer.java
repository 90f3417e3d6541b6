package org.ferrymq.examples.game;

import java.io.IOException;
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
 * <p>{@link #leaderboard()} asks the room's server over direct reply-to ({@link DirectReplyToRpc}).
 *
 * <p>Threads: the Java client's consumer thread feeds the view; {@link #send} is synchronized.
 */
public final class GamePlayer implements GameClient {
    private final Connection connection;
    private final Channel channel;
    private final String name;
    private final String room;
    private final String queue;
    private final RoomView view;
    private final DirectReplyToRpc rpc;
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
        rpc = new DirectReplyToRpc(connection.createChannel(), GameTopology.ACTIONS_EXCHANGE);
    }

    /** Connects to {@code room} and sends {@code join}; the snapshot arrives in {@link #view()}. */
    public static GamePlayer join(Connection connection, String name, String room) throws IOException {
        GamePlayer player = new GamePlayer(connection, name, room);
        player.send("join", GameJson.object());
        return player;
    }

    @Override
    public RoomView view() {
        return view;
    }

    @Override
    public String name() {
        return name;
    }

    /** Sends {@code kind} with the given fields and waits for the broker's confirm; returns the action's seq. */
    @Override
    public synchronized long send(String kind, ObjectNode fields) throws IOException {
        long next = ++seq;
        sendRaw(GameJson.actionKey(room, kind), GameJson.bytes(GameClient.actionBody(name, next, kind, fields)),
                name + ":" + next);
        return next;
    }

    @Override
    public long move(int dx, int dy) throws IOException {
        return send("move", GameJson.object().put("dx", dx).put("dy", dy));
    }

    @Override
    public long attack(String target) throws IOException {
        return send("attack", GameJson.object().put("target", target));
    }

    /**
     * Asks the room's owner for the leaderboard, the tutorial's RPC over direct reply-to: the
     * request's {@code reply_to} is {@code amq.rabbitmq.reply-to}, consumed (no-ack) on the same
     * channel, and the answer is matched by {@code correlation_id}. No reply queue is declared.
     */
    @Override
    public JsonNode leaderboard() throws IOException, GameError, InterruptedException {
        return rpc.call(GameJson.actionKey(room, Action.LEADERBOARD),
                GameJson.bytes(GameClient.actionBody(name, 0, Action.LEADERBOARD, GameJson.object())));
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
        PlayerConsole.run(join(BrokerAddress.fromEnvironment().connect(), argv[0], PlayerConsole.room(argv)),
                PlayerConsole.options(argv));
    }

    /** For tests: the player's current view as JSON text. */
    public JsonNode room() {
        return view.room();
    }
}
