package org.ferrymq.examples.game;

import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The state of one room (arena) and the game's rules, identical in the Python server
 * ({@code examples/python/game/rules.py}): a {@value #WIDTH}x{@value #HEIGHT} grid, players move one
 * cell at a time and attack an adjacent player for {@value #DAMAGE} hit points; a player brought to
 * 0 respawns with full health and the attacker completes a quest (a reward job).
 *
 * <p>Every change is an event with the next room sequence number, so players can check that they
 * see every change, in order. Nothing is random: spawn cells follow from the sequence number, so
 * the same actions give the same room in every language.
 *
 * <p>Not thread-safe: a room belongs to the one consumer (thread) that owns its queue.
 */
public final class Room {
    public static final int WIDTH = 10;
    public static final int HEIGHT = 10;
    public static final int MAX_HP = 100;
    public static final int DAMAGE = 25;

    private final String id;
    private long seq;
    private final Map<String, PlayerState> players = new TreeMap<>();

    /** Mutable on purpose: only the owning consumer touches it. */
    private static final class PlayerState {
        int x;
        int y;
        int hp = MAX_HP;
        int score;
    }

    /** What applying an action did: the event to publish, and a completed quest if there was one. */
    public record Outcome(ObjectNode event, Quest quest, boolean snapshotForSender) {
    }

    /** A completed quest: {@code player} defeated {@code defeated}; the id is unique per room change. */
    public record Quest(String id, String room, String player, String defeated, long seq) {
    }

    public Room(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public long seq() {
        return seq;
    }

    public boolean has(String player) {
        return players.containsKey(player);
    }

    /** Applies an action; a GameError leaves the room unchanged. */
    public Outcome apply(Action action) throws GameError {
        PlayerState me = players.get(action.player());
        if (me == null && !action.kind().equals("join")) {
            throw new GameError("not-joined", action.player() + " has not joined room " + id);
        }
        return switch (action.kind()) {
            case "join" -> join(action, me);
            case "move" -> move(action, me);
            case "attack" -> attack(action, me);
            case "leave" -> leave(action);
            default -> throw new GameError("unknown-action", "unknown action '" + action.kind() + "'");
        };
    }

    private Outcome join(Action action, PlayerState existing) throws GameError {
        if (existing != null) {   // a reconnect: same place, fresh snapshot
            return new Outcome(event("rejoin", action).put("x", existing.x).put("y", existing.y), null, true);
        }
        int cell = freeCell(seq + 1);
        if (cell < 0) {
            throw new GameError("blocked", "room " + id + " is full");
        }
        PlayerState me = new PlayerState();
        me.x = cell % WIDTH;
        me.y = cell / WIDTH;
        players.put(action.player(), me);
        return new Outcome(event("join", action).put("x", me.x).put("y", me.y), null, true);
    }

    private Outcome move(Action action, PlayerState me) throws GameError {
        if (Math.abs(action.dx()) + Math.abs(action.dy()) != 1) {
            throw new GameError("bad-move", "a move is one step: dx, dy in -1..1 and |dx|+|dy| = 1");
        }
        int x = me.x + action.dx();
        int y = me.y + action.dy();
        if (x < 0 || y < 0 || x >= WIDTH || y >= HEIGHT) {
            throw new GameError("off-grid", "(" + x + "," + y + ") is off the " + WIDTH + "x" + HEIGHT + " grid");
        }
        if (occupant(x, y) != null) {
            throw new GameError("blocked", "(" + x + "," + y + ") is taken by " + occupant(x, y));
        }
        me.x = x;
        me.y = y;
        return new Outcome(event("move", action).put("x", x).put("y", y), null, false);
    }

    private Outcome attack(Action action, PlayerState me) throws GameError {
        PlayerState target = players.get(action.target());
        if (target == null) {
            throw new GameError("unknown-target", "no player '" + action.target() + "' in room " + id);
        }
        if (target == me || Math.max(Math.abs(target.x - me.x), Math.abs(target.y - me.y)) > 1) {
            throw new GameError("out-of-range", action.target() + " is not next to " + action.player());
        }
        target.hp -= DAMAGE;
        ObjectNode event = event("attack", action).put("target", action.target()).put("damage", DAMAGE);
        Quest quest = null;
        if (target.hp <= 0) {
            me.score++;
            target.hp = MAX_HP;
            int cell = freeCell(seq);
            if (cell >= 0) {
                target.x = cell % WIDTH;
                target.y = cell / WIDTH;
            }
            quest = new Quest(id + "-" + seq, id, action.player(), action.target(), seq);
            event.put("defeated", true).put("quest", quest.id());
        }
        return new Outcome(event, quest, false);
    }

    private Outcome leave(Action action) {
        players.remove(action.player());
        return new Outcome(event("leave", action), null, false);
    }

    /** Starts the event of the next change: {@code {"kind":..,"player":..,"action":seq}}. */
    private ObjectNode event(String kind, Action action) {
        seq++;
        return GameJson.object().put("kind", kind).put("player", action.player()).put("action", action.seq());
    }

    private String occupant(int x, int y) {
        for (Map.Entry<String, PlayerState> p : players.entrySet()) {
            if (p.getValue().x == x && p.getValue().y == y) {
                return p.getKey();
            }
        }
        return null;
    }

    /** The first free cell from (salt * 7) mod cells on, or -1 when the room is full. */
    private int freeCell(long salt) {
        int cells = WIDTH * HEIGHT;
        int start = (int) Math.floorMod(salt * 7, (long) cells);
        for (int i = 0; i < cells; i++) {
            int cell = (start + i) % cells;
            if (occupant(cell % WIDTH, cell / WIDTH) == null) {
                return cell;
            }
        }
        return -1;
    }

    /** {@code {"type":type,"room":..,"seq":..,"w":..,"h":..,"players":[..]}}, players sorted by name. */
    public ObjectNode toJson(String type) {
        ObjectNode json = GameJson.object().put("type", type).put("room", id).put("seq", seq)
                .put("w", WIDTH).put("h", HEIGHT);
        ArrayNode list = json.putArray("players");
        players.forEach((name, p) -> list.addObject().put("name", name).put("x", p.x).put("y", p.y)
                .put("hp", p.hp).put("score", p.score));
        return json;
    }

    /**
     * The answer to a {@code leaderboard} query: {@code {"type":"leaderboard","room":..,"seq":..,
     * "players":[{"name":..,"score":..},..]}}, best score first, then by name.
     */
    public ObjectNode leaderboard() {
        ObjectNode json = GameJson.object().put("type", "leaderboard").put("room", id).put("seq", seq);
        ArrayNode list = json.putArray("players");
        players.entrySet().stream()
                .sorted(Map.Entry.<String, PlayerState>comparingByValue((a, b) -> Integer.compare(b.score, a.score))
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(p -> list.addObject().put("name", p.getKey()).put("score", p.getValue().score));
        return json;
    }

    /** A state update: the room after {@code event}. */
    public ObjectNode stateUpdate(ObjectNode event) {
        ObjectNode json = toJson("state");
        json.set("event", event);
        return json;
    }

    /** Restores a room from the snapshot a previous owner left (see {@link GameTopology#snapshotQueue}). */
    public static Room fromSnapshot(String id, JsonNode snapshot) {
        Room room = new Room(id);
        room.seq = snapshot.path("seq").asLong();
        for (JsonNode p : snapshot.path("players")) {
            PlayerState state = new PlayerState();
            state.x = p.path("x").asInt();
            state.y = p.path("y").asInt();
            state.hp = p.path("hp").asInt();
            state.score = p.path("score").asInt();
            room.players.put(p.path("name").asText(), state);
        }
        return room;
    }
}
