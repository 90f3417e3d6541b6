package org.ferrymq.examples.game;

import java.io.IOException;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One player action as it arrives from the {@code game.actions} exchange: the room and kind come
 * from the routing key {@code room.<id>.action.<kind>}, the rest from the JSON body
 * {@code {"player":"alice","seq":7,"kind":"move","dx":1,"dy":0}}.
 *
 * @param seq the player's own action number, echoed in the state event it causes ("action")
 */
public record Action(String room, String kind, String player, long seq, int dx, int dy, String target) {
    /** A query, not a change: the room's owner answers the sender (an RPC, e.g. over direct reply-to). */
    public static final String LEADERBOARD = "leaderboard";
    public static final Set<String> KINDS = Set.of("join", "move", "attack", "leave", LEADERBOARD);

    /** The room named by a routing key, or null when the key is not {@code room.<id>.action.<kind>}. */
    public static String roomOf(String routingKey) {
        String[] words = routingKey.split("\\.", -1);
        return words.length == 4 && words[0].equals("room") && words[2].equals("action") && !words[1].isEmpty()
                ? words[1] : null;
    }

    /** Reads an action; anything a player could get wrong is a {@link GameError}. */
    public static Action parse(String routingKey, byte[] body) throws GameError {
        String[] words = routingKey.split("\\.", -1);
        if (roomOf(routingKey) == null) {
            throw new GameError("malformed", "routing key must be room.<id>.action.<kind>, was '" + routingKey + "'");
        }
        String kind = words[3];
        JsonNode json;
        try {
            json = GameJson.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new GameError("malformed", "body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new GameError("malformed", "body is not JSON: " + e.getMessage());
        }
        if (json == null || !json.isObject()) {
            throw new GameError("malformed", "body must be a JSON object");
        }
        JsonNode player = json.get("player");
        if (player == null || !player.isTextual() || player.asText().isBlank()) {
            throw new GameError("malformed", "\"player\" (a non-empty string) is required");
        }
        JsonNode bodyKind = json.get("kind");
        if (bodyKind != null && !bodyKind.asText().equals(kind)) {
            throw new GameError("malformed", "\"kind\" " + bodyKind + " does not match the routing key's '" + kind + "'");
        }
        if (!KINDS.contains(kind)) {
            throw new GameError("unknown-action", "unknown action '" + kind + "' (join, move, attack, leave, leaderboard)");
        }
        long seq = json.path("seq").canConvertToLong() ? json.path("seq").asLong() : 0;
        int dx = integer(json, "dx");
        int dy = integer(json, "dy");
        JsonNode target = json.get("target");
        if (kind.equals("move") && (!json.path("dx").isIntegralNumber() || !json.path("dy").isIntegralNumber())) {
            throw new GameError("malformed", "a move needs integer \"dx\" and \"dy\"");
        }
        if (kind.equals("attack") && (target == null || !target.isTextual())) {
            throw new GameError("malformed", "an attack needs \"target\" (a player name)");
        }
        return new Action(words[1], kind, player.asText(), seq, dx, dy, target == null ? null : target.asText());
    }

    private static int integer(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value != null && value.isIntegralNumber() && value.canConvertToInt() ? value.asInt() : 0;
    }
}
