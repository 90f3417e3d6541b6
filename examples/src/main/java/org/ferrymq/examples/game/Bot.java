package org.ferrymq.examples.game;

import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A headless player's brain: attack a neighbour if there is one (half the time), else step in a
 * random direction that stays on the grid. Returns the action's body without player and seq.
 */
public final class Bot {
    private static final int[][] STEPS = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};

    private Bot() {
    }

    public static ObjectNode next(RoomView view, Random random) {
        JsonNode self = view.self();
        JsonNode room = view.room();
        if (self == null || room == null) {
            return GameJson.object().put("kind", "join");
        }
        int x = self.path("x").asInt();
        int y = self.path("y").asInt();
        if (random.nextBoolean()) {
            for (JsonNode p : room.path("players")) {
                int px = p.path("x").asInt();
                int py = p.path("y").asInt();
                if (!p.path("name").asText().equals(view.me()) && Math.abs(px - x) <= 1 && Math.abs(py - y) <= 1) {
                    return GameJson.object().put("kind", "attack").put("target", p.path("name").asText());
                }
            }
        }
        int w = room.path("w").asInt();
        int h = room.path("h").asInt();
        for (int tries = 0; tries < 8; tries++) {
            int[] step = STEPS[random.nextInt(STEPS.length)];
            int nx = x + step[0];
            int ny = y + step[1];
            if (nx >= 0 && ny >= 0 && nx < w && ny < h) {
                return GameJson.object().put("kind", "move").put("dx", step[0]).put("dy", step[1]);
            }
        }
        return GameJson.object().put("kind", "move").put("dx", x > 0 ? -1 : 1).put("dy", 0);
    }
}
