package org.ferrymq.examples.game;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A room server's logic without its transport, shared by the RabbitMQ-client server
 * ({@link RoomConsumer}) and the JMS one ({@code JmsRoomListener}): from one incoming action
 * (routing key + body) to the messages to send, each saying where it goes. Loads the room from
 * its last snapshot on the first action it sees, applies the action, builds the state update,
 * the sender's snapshot, the reward job, the room's new snapshot, a leaderboard reply, or the
 * error; the caller only sends them (and acks the action) in one transaction.
 *
 * <p>Not thread-safe: one handler per room, used by the one thread that owns the room's queue.
 * With {@code roomId == null} it serves {@code game.unknown-room}: every action gets an error.
 */
public final class RoomHandler {
    /** Where an outgoing message goes; the transport maps each to an exchange/queue/topic. */
    public enum Target {
        /** {@code game.state} with {@code room.<id>.state}: every player of the room. */
        STATE,
        /** The action's reply-to, correlated with the action: the sender only. */
        SENDER,
        /** The durable work queue {@code game.rewards}, persistent, reply-to = the sender's. */
        REWARDS,
        /** {@code game.room.<id>.snapshot}: the room as committed, for the next owner. */
        ROOM_SNAPSHOT
    }

    /** One message to send. {@code correlationId} is set for SENDER (the action's) and REWARDS (the quest id). */
    public record Outgoing(Target target, JsonNode body, String correlationId) {
    }

    /** Reads a room's last committed snapshot (null: a new room). */
    @FunctionalInterface
    public interface SnapshotReader {
        JsonNode read(String room) throws Exception;
    }

    /**
     * What handling one action did: the messages to send, the update or error (for logs and
     * tests), and {@code takenFrom}, the snapshot's seq when this action made the handler load
     * the room (-1 otherwise).
     */
    public record Result(List<Outgoing> outgoing, ObjectNode update, GameError error, long takenFrom) {
        public boolean tookRoom() {
            return takenFrom >= 0;
        }
    }

    private final String roomId;
    private final SnapshotReader snapshots;
    private Room room;

    public RoomHandler(String roomId, SnapshotReader snapshots) {
        this.roomId = roomId;
        this.snapshots = snapshots;
    }

    public String roomId() {
        return roomId;
    }

    /** The room as held now (null until the first action, and after {@link #forget()}). */
    public Room room() {
        return room;
    }

    /** The transaction failed or the channel is gone: read the room again from its snapshot next time. */
    public void forget() {
        room = null;
    }

    /**
     * Handles one action. {@code correlationId} is what replies to the sender carry (the request's
     * correlation id, else its message id); {@code hasReplyTo} says whether there is a sender to
     * answer. Throws only if the snapshot cannot be read (the transport's problem: retry later).
     */
    public Result handle(String routingKey, byte[] body, String correlationId, boolean hasReplyTo) throws Exception {
        List<Outgoing> out = new ArrayList<>();
        long actionSeq = 0;
        long took = -1;
        try {
            if (roomId == null) {
                String unknown = Action.roomOf(routingKey);
                throw new GameError(unknown == null ? "malformed" : "unknown-room", unknown == null
                        ? "routing key must be room.<id>.action.<kind>, was '" + routingKey + "'"
                        : "there is no room '" + unknown + "'");
            }
            Action action = Action.parse(routingKey, body);
            actionSeq = action.seq();
            if (room == null) {
                JsonNode snapshot = snapshots.read(roomId);
                room = snapshot == null ? new Room(roomId) : Room.fromSnapshot(roomId, snapshot);
                took = room.seq();
            }
            if (action.kind().equals(Action.LEADERBOARD)) {
                // a query (RPC): answered from the room as it is, changes nothing
                if (hasReplyTo) {
                    out.add(new Outgoing(Target.SENDER, room.leaderboard(), correlationId));
                }
                return new Result(out, null, null, took);
            }
            Room.Outcome outcome;
            try {
                outcome = room.apply(action);
            } catch (RuntimeException bug) {
                room = null;   // half-applied: read it again from the last snapshot
                throw new GameError("internal", bug.toString());
            }
            ObjectNode update = room.stateUpdate(outcome.event());
            out.add(new Outgoing(Target.STATE, update, null));
            if (outcome.snapshotForSender() && hasReplyTo) {
                out.add(new Outgoing(Target.SENDER, room.toJson("snapshot"), correlationId));
            }
            if (outcome.quest() != null && hasReplyTo) {
                Room.Quest quest = outcome.quest();
                ObjectNode job = GameJson.object().put("quest", quest.id()).put("room", quest.room())
                        .put("player", quest.player()).put("defeated", quest.defeated()).put("seq", quest.seq());
                out.add(new Outgoing(Target.REWARDS, job, quest.id()));
            }
            out.add(new Outgoing(Target.ROOM_SNAPSHOT, room.toJson("snapshot"), null));
            return new Result(out, update, null, took);
        } catch (GameError error) {
            if (hasReplyTo) {
                String room = roomId != null ? roomId : Action.roomOf(routingKey);
                out.add(new Outgoing(Target.SENDER, GameJson.error(room, error, actionSeq), correlationId));
            }
            return new Result(out, null, error, took);
        }
    }
}
