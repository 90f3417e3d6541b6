package org.ferrymq.examples.game;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The player programs' front ends, shared by {@code GamePlayer} and {@code JmsGamePlayer}: a
 * headless bot ({@code --bot [--actions N] [--rate PER_SECOND]}) or a terminal view reading
 * w/a/s/d, {@code x NAME} (attack), {@code l} (leaderboard) and q from stdin. Runs on the
 * caller's (main) thread.
 */
public final class PlayerConsole {
    private PlayerConsole() {
    }

    /** {@code NAME [ROOM] [--option [value]]...}: the options after the name and room, "true" for a flag. */
    public static Map<String, String> options(String[] argv) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < argv.length; i++) {
            if (argv[i].startsWith("--")) {
                boolean hasValue = i + 1 < argv.length && !argv[i + 1].startsWith("--");
                options.put(argv[i], hasValue ? argv[++i] : "true");
            }
        }
        return options;
    }

    public static String room(String[] argv) {
        return argv.length > 1 && !argv[1].startsWith("--") ? argv[1] : "1";
    }

    /** Plays as the options say (bot or terminal), then leaves. */
    public static void run(GameClient player, Map<String, String> options) throws Exception {
        if (options.containsKey("--bot")) {
            bot(player, Integer.parseInt(options.getOrDefault("--actions", "100")),
                    Double.parseDouble(options.getOrDefault("--rate", "2")));
        } else {
            terminal(player);
        }
        player.close();
    }

    private static void bot(GameClient player, int actions, double rate) throws Exception {
        Random random = new Random();
        for (int i = 0; i < actions; i++) {
            Thread.sleep((long) (1000 / rate));
            ObjectNode action = Bot.next(player.view(), random);
            player.send(action.remove("kind").asText(), action);
        }
        Thread.sleep(500);
        System.out.println(TerminalView.render(player.view(), false));
        System.out.println(describe(player.leaderboard()));
    }

    private static void terminal(GameClient player) throws Exception {
        player.view().onChange(() -> System.out.print(TerminalView.render(player.view(), true)));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            line = line.trim();
            switch (line) {
                case "w" -> player.move(0, -1);
                case "s" -> player.move(0, 1);
                case "a" -> player.move(-1, 0);
                case "d" -> player.move(1, 0);
                case "l" -> System.out.println(describe(player.leaderboard()));
                case "q" -> {
                    return;
                }
                default -> {
                    if (line.startsWith("x ")) {
                        player.attack(line.substring(2).trim());
                    }
                }
            }
        }
    }

    /** "leaderboard of room 1: bob 2, alice 0". */
    public static String describe(JsonNode leaderboard) {
        StringBuilder text = new StringBuilder("leaderboard of room ").append(leaderboard.path("room").asText()).append(':');
        String separator = " ";
        for (JsonNode p : leaderboard.path("players")) {
            text.append(separator).append(p.path("name").asText()).append(' ').append(p.path("score").asInt());
            separator = ", ";
        }
        return text.toString();
    }
}
