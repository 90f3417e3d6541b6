package org.ferrymq.examples.game;

/**
 * A bad action: the {@code code} travels to the player in an {@code error} message (see the wire
 * format in examples/README.md), the server carries on. Codes: malformed, unknown-room,
 * unknown-action, not-joined, bad-move, off-grid, blocked, unknown-target, out-of-range.
 */
public final class GameError extends Exception {
    private final String code;

    public GameError(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
