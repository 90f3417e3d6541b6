package org.ferrymq.examples.game;

import com.fasterxml.jackson.databind.JsonNode;

/** Draws a {@link RoomView} as text: the grid (me as '@', others by initial), the players, the last error and my loot. */
public final class TerminalView {
    private static final String CLEAR = "\u001b[H\u001b[2J";

    private TerminalView() {
    }

    public static String render(RoomView view, boolean clearScreen) {
        JsonNode room = view.room();
        StringBuilder out = new StringBuilder(clearScreen ? CLEAR : "");
        if (room == null) {
            return out.append("joining...\n").toString();
        }
        int w = room.path("w").asInt();
        int h = room.path("h").asInt();
        char[][] grid = new char[h][w];
        for (char[] row : grid) {
            java.util.Arrays.fill(row, '.');
        }
        for (JsonNode p : room.path("players")) {
            String name = p.path("name").asText();
            int x = p.path("x").asInt();
            int y = p.path("y").asInt();
            if (x >= 0 && y >= 0 && x < w && y < h) {
                grid[y][x] = name.equals(view.me()) ? '@' : Character.toLowerCase(name.charAt(0));
            }
        }
        out.append("room ").append(room.path("room").asText()).append("  seq ").append(room.path("seq").asLong())
                .append("  you are @ (").append(view.me()).append(")\n");
        for (char[] row : grid) {
            out.append(' ').append(new String(row).replace("", " ").trim()).append('\n');
        }
        for (JsonNode p : room.path("players")) {
            out.append(String.format(" %-12s hp %3d  score %d  at (%d,%d)%n", p.path("name").asText(),
                    p.path("hp").asInt(), p.path("score").asInt(), p.path("x").asInt(), p.path("y").asInt()));
        }
        JsonNode event = room.path("event");
        if (!event.isMissingNode()) {
            out.append(" last: ").append(event).append('\n');
        }
        if (!view.errors().isEmpty()) {
            JsonNode error = view.errors().get(view.errors().size() - 1);
            out.append(" error: ").append(error.path("code").asText()).append(": ")
                    .append(error.path("message").asText()).append('\n');
        }
        out.append(" loot: ");
        view.rewards().forEach(r -> out.append(r.path("item").asText()).append(' '));
        out.append("\n w/a/s/d + Enter: move   x NAME: attack   l: leaderboard   q: leave\n");
        return out.toString();
    }
}
