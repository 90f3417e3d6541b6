package org.ferrymq.examples.game;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The game's one JSON wire format (UTF-8 bodies; see examples/README.md, "The game's wire format"). */
public final class GameJson {
    /** Thread-safe once configured, so shared. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private GameJson() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static byte[] bytes(JsonNode json) {
        try {
            return MAPPER.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(JsonNode json) {
        return new String(bytes(json), UTF_8);
    }

    /** Parses what a server sent; a body that is not JSON is an IOException. */
    public static JsonNode parse(byte[] body) throws IOException {
        return MAPPER.readTree(body);
    }

    public static JsonNode parse(String body) throws IOException {
        return MAPPER.readTree(body);
    }

    /** {@code {"type":"error","room":..,"code":..,"message":..,"action":seq}}: to the player who sent it only. */
    public static ObjectNode error(String room, GameError error, long actionSeq) {
        ObjectNode json = object().put("type", "error");
        if (room != null) {
            json.put("room", room);
        }
        json.put("code", error.code()).put("message", error.getMessage());
        if (actionSeq > 0) {
            json.put("action", actionSeq);
        }
        return json;
    }

    /** An action as a player sends it. */
    public static ObjectNode action(String player, long seq, String kind) {
        return object().put("player", player).put("seq", seq).put("kind", kind);
    }

    /** The routing key of an action: {@code room.<id>.action.<kind>}. */
    public static String actionKey(String room, String kind) {
        return "room." + room + ".action." + kind;
    }
}
