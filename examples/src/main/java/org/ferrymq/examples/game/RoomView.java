package org.ferrymq.examples.game;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one player knows of its room, built from the messages the servers send it: a
 * {@code snapshot} (after joining), then every {@code state} update with a higher sequence number.
 * Updates that arrive before the snapshot are held and those it already contains dropped, so the
 * view works whether updates and replies share a queue (the AMQP players) or not (JMS).
 * A sequence number that skips one is recorded in {@link #gaps()}: a player must see every change;
 * one it has already applied as an update (not merely one the snapshot contains) in
 * {@link #duplicates()}: it must see each change once.
 *
 * <p>Thread-safe: the consumer thread writes, a renderer or test reads.
 */
public final class RoomView {
    private final String me;
    private long seq = -1;
    private long snapshotSeq = -1;
    private JsonNode room;
    private final TreeMap<Long, JsonNode> early = new TreeMap<>();
    private final List<JsonNode> updates = new CopyOnWriteArrayList<>();
    private final List<JsonNode> errors = new CopyOnWriteArrayList<>();
    private final List<JsonNode> rewards = new CopyOnWriteArrayList<>();
    private final List<String> gaps = new CopyOnWriteArrayList<>();
    private final List<String> duplicates = new CopyOnWriteArrayList<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public RoomView(String me) {
        this.me = me;
    }

    /** Takes one message from a server; returns false for one it does not understand. */
    public boolean accept(JsonNode message) {
        switch (message.path("type").asText()) {
            case "snapshot" -> snapshot(message);
            case "state" -> state(message);
            case "error" -> errors.add(message);
            case "reward" -> rewards.add(message);
            default -> {
                return false;
            }
        }
        listeners.forEach(Runnable::run);
        return true;
    }

    private synchronized void snapshot(JsonNode snapshot) {
        long at = snapshot.path("seq").asLong();
        if (seq < 0 || at > seq) {   // a later snapshot (a rejoin) replaces what we had
            seq = at;
            snapshotSeq = at;
            room = snapshot;
        }
        while (!early.isEmpty()) {
            JsonNode update = early.pollFirstEntry().getValue();
            if (update.path("seq").asLong() > seq) {
                apply(update);
            }
        }
    }

    private synchronized void state(JsonNode update) {
        if (seq < 0) {
            early.put(update.path("seq").asLong(), update);
        } else if (update.path("seq").asLong() > seq) {
            apply(update);
        } else if (update.path("seq").asLong() > snapshotSeq) {
            duplicates.add("seq " + update.path("seq").asLong() + " again, after seq " + seq);
        }
    }

    private void apply(JsonNode update) {
        long next = update.path("seq").asLong();
        if (next != seq + 1) {
            gaps.add("expected seq " + (seq + 1) + ", got " + next);
        }
        seq = next;
        room = update;
        updates.add(update);
    }

    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    public String me() {
        return me;
    }

    /** The room's sequence number as this player last saw it; -1 before the snapshot. */
    public synchronized long seq() {
        return seq;
    }

    /** The latest room (snapshot or state update); null before the snapshot. */
    public synchronized JsonNode room() {
        return room;
    }

    /** My own entry in the room's player list, or null. */
    public synchronized JsonNode self() {
        return player(me);
    }

    public synchronized JsonNode player(String name) {
        if (room == null) {
            return null;
        }
        for (JsonNode p : room.path("players")) {
            if (p.path("name").asText().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /** Every state update applied, in order. */
    public List<JsonNode> updates() {
        return new ArrayList<>(updates);
    }

    public List<JsonNode> errors() {
        return new ArrayList<>(errors);
    }

    public List<JsonNode> rewards() {
        return new ArrayList<>(rewards);
    }

    public List<String> gaps() {
        return new ArrayList<>(gaps);
    }

    /** State updates received again after they were applied (a change seen twice). */
    public List<String> duplicates() {
        return new ArrayList<>(duplicates);
    }
}
