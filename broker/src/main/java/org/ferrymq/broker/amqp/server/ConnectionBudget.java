package org.ferrymq.broker.amqp.server;

import java.util.concurrent.atomic.AtomicInteger;

import org.ferrymq.broker.config.BrokerConfig;
import org.ferrymq.broker.config.HandshakeLimits;

/**
 * Counts socket connections in two separate budgets: those still in the handshake (not logged in
 * and opened yet: {@link HandshakeLimits#unauthenticatedMax()}) and those open
 * ({@code connection_max}). A client without credentials can use up only the first, so it
 * cannot lock out the clients that can log in.
 *
 * <p>Thread-safe: every connection's event loop calls it.
 */
final class ConnectionBudget {
    private final HandshakeLimits limits;
    private final int maxOpen;
    private final AtomicInteger inHandshake = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();

    ConnectionBudget(BrokerConfig config) {
        this.limits = config.handshake();
        this.maxOpen = config.maxConnections();
    }

    /**
     * A socket was accepted.
     *
     * @return its handshake timeout in milliseconds, or -1 when the handshake budget is used up
     *         (the socket must be closed)
     */
    long enterHandshake() {
        int now = inHandshake.incrementAndGet();
        if (now > limits.unauthenticatedMax()) {
            inHandshake.decrementAndGet();
            return -1;
        }
        return limits.timeoutFor(now - 1);
    }

    /** The connection left the handshake: opened, or closed before that. Called once. */
    void leaveHandshake() {
        inHandshake.decrementAndGet();
    }

    /** Takes a place among open connections; false when {@code connection_max} are open already. */
    boolean tryOpen() {
        if (open.incrementAndGet() > maxOpen) {
            open.decrementAndGet();
            return false;
        }
        return true;
    }

    /** An open connection closed. Called once per successful {@link #tryOpen()}. */
    void closed() {
        open.decrementAndGet();
    }

    int inHandshake() {
        return inHandshake.get();
    }

    int unauthenticatedMax() {
        return limits.unauthenticatedMax();
    }

    int maxOpen() {
        return maxOpen;
    }
}
