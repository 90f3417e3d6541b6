package org.ferrymq.examples.game;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.Channel;

/**
 * The game's exchanges and queues, declared the same way by every server (Python, Java, JMS):
 *
 * <pre>
 * player ── room.&lt;id&gt;.action.&lt;kind&gt; ──▶ game.actions (topic) ──▶ game.room.&lt;id&gt; (durable, single active consumer) ──▶ the room's owner
 *                                        └ no room bound (alternate exchange) ──▶ game.unrouted (fanout) ──▶ game.unknown-room ──▶ any server: error
 * owner ── room.&lt;id&gt;.state ──▶ game.state (topic) ──▶ each player's server-named exclusive queue
 * owner ── the room after each change ──▶ game.room.&lt;id&gt;.snapshot (durable, x-max-length 1): read by the next owner
 * owner ── quest completed (persistent) ──▶ game.rewards (durable work queue) ──▶ reward workers ── reply_to + correlation_id ──▶ player
 * </pre>
 *
 * Rooms are named 1..{@code GAME_ROOMS} (environment, default {@value #DEFAULT_ROOMS}); an action
 * for any other room reaches {@code game.unknown-room} and is answered with an error.
 */
public final class GameTopology {
    public static final String ACTIONS_EXCHANGE = "game.actions";
    public static final String UNROUTED_EXCHANGE = "game.unrouted";
    public static final String UNKNOWN_ROOM_QUEUE = "game.unknown-room";
    public static final String STATE_EXCHANGE = "game.state";
    public static final String REWARDS_QUEUE = "game.rewards";
    public static final int DEFAULT_ROOMS = 4;

    private GameTopology() {
    }

    public static String roomQueue(String room) {
        return "game.room." + room;
    }

    public static String snapshotQueue(String room) {
        return "game.room." + room + ".snapshot";
    }

    public static String stateKey(String room) {
        return "room." + room + ".state";
    }

    /** Rooms 1..n as names. */
    public static List<String> rooms(int count) {
        List<String> rooms = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            rooms.add(Integer.toString(i));
        }
        return rooms;
    }

    /** {@code GAME_ROOMS} from the environment. */
    public static int roomCount() {
        return Integer.parseInt(System.getenv().getOrDefault("GAME_ROOMS", Integer.toString(DEFAULT_ROOMS)));
    }

    /** What players and reward workers need. */
    public static void declareExchanges(Channel channel) throws IOException {
        channel.exchangeDeclare(UNROUTED_EXCHANGE, "fanout", true);
        channel.exchangeDeclare(ACTIONS_EXCHANGE, "topic", true, false,
                Map.of("alternate-exchange", UNROUTED_EXCHANGE));
        channel.exchangeDeclare(STATE_EXCHANGE, "topic", true);
        channel.queueDeclare(UNKNOWN_ROOM_QUEUE, true, false, false, null);
        channel.queueBind(UNKNOWN_ROOM_QUEUE, UNROUTED_EXCHANGE, "");
        channel.queueDeclare(REWARDS_QUEUE, true, false, false, null);
    }

    /** Everything, for rooms 1..roomCount: idempotent, every server runs it at start. */
    public static void declare(Channel channel, int roomCount) throws IOException {
        declareExchanges(channel);
        for (String room : rooms(roomCount)) {
            channel.queueDeclare(roomQueue(room), true, false, false, Map.of("x-single-active-consumer", true));
            channel.queueBind(roomQueue(room), ACTIONS_EXCHANGE, "room." + room + ".action.*");
            channel.queueDeclare(snapshotQueue(room), true, false, false, Map.of("x-max-length", 1));
        }
    }
}
