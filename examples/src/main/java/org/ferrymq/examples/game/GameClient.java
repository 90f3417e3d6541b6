package org.ferrymq.examples.game;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What every player program does, whatever its transport (RabbitMQ client or JMS): send actions,
 * ask the room's server for its leaderboard, show the room. The transport-free parts (the action
 * body, the moves, the console and bot loops in {@link PlayerConsole}) live here once.
 */
public interface GameClient extends AutoCloseable {
    String name();

    /** The room as this player sees it, fed by its transport. */
    RoomView view();

    /** Sends {@code kind} with {@code fields} (see {@link #actionBody}); returns the action's seq. */
    long send(String kind, ObjectNode fields) throws Exception;

    /** Asks the room's owner for its leaderboard and waits for the answer (an RPC); a GameError if refused. */
    JsonNode leaderboard() throws Exception;

    default long move(int dx, int dy) throws Exception {
        return send("move", GameJson.object().put("dx", dx).put("dy", dy));
    }

    default long attack(String target) throws Exception {
        return send("attack", GameJson.object().put("target", target));
    }

    /** An action's JSON body: {@code {"player":..,"seq":..,"kind":..}} plus the kind's fields. */
    static ObjectNode actionBody(String player, long seq, String kind, ObjectNode fields) {
        ObjectNode body = GameJson.action(player, seq, kind);
        body.setAll(fields);
        body.put("kind", kind);
        return body;
    }

    /** The reply to a query: the answer itself, or the server's error as a GameError. */
    static JsonNode answerOrThrow(JsonNode reply) throws GameError {
        if ("error".equals(reply.path("type").asText())) {
            throw new GameError(reply.path("code").asText(), reply.path("message").asText());
        }
        return reply;
    }
}
