package org.ferrymq.examples.game;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What a completed quest is worth: the same in every language (item by the quest's room sequence). */
public final class Rewards {
    public static final String[] ITEMS = {"sword", "shield", "potion", "gem"};

    private Rewards() {
    }

    /**
     * The reply to a reward job {@code {"quest":..,"room":..,"player":..,"defeated":..,"seq":..}}:
     * {@code {"type":"reward","quest":..,"player":..,"item":..,"qty":1}}.
     */
    public static ObjectNode grant(byte[] jobBody) throws IOException {
        JsonNode job = GameJson.parse(jobBody);
        if (job == null || !job.isObject()) {
            throw new IOException("a reward job must be a JSON object");
        }
        long seq = job.path("seq").asLong();
        return GameJson.object().put("type", "reward").put("quest", job.path("quest").asText())
                .put("player", job.path("player").asText())
                .put("item", ITEMS[(int) Math.floorMod(seq, (long) ITEMS.length)]).put("qty", 1);
    }
}
