package org.ferrymq.broker.amqp.server;

import java.util.HashMap;
import java.util.Map;

/**
 * Publisher confirms of one channel (confirm.select). Each publish gets the next sequence
 * number; it is settled once every queue that must answer has answered (and, with a durable
 * store, once it is on disk). Confirms go out in sequence order: a run of acks as one
 * {@code basic.ack multiple=true}, a refused publish as its own {@code basic.nack}.
 *
 * <p>Owned by the channel's event loop.
 */
final class ConfirmTracker {
    /** A publish still waiting for some of its answers. */
    private static final class Pending {
        int awaiting;
        boolean refused;
    }

    private final Map<Long, Pending> pending = new HashMap<>();
    private long lastAssigned;
    private long lastSent;

    /** Assigns the next sequence number to a publish that waits for {@code answers} answers (0 = settled now). */
    long register(int answers) {
        long seq = ++lastAssigned;
        if (answers > 0) {
            Pending p = new Pending();
            p.awaiting = answers;
            pending.put(seq, p);
        }
        return seq;
    }

    /** One answer for a publish: {@code ok} false turns its confirm into a nack. */
    void answer(long seq, boolean ok) {
        Pending p = pending.get(seq);
        if (p == null) {
            return;
        }
        p.awaiting--;
        if (!ok) {
            p.refused = true;
        }
    }

    /**
     * Sends what can be sent, in order: {@code send(tag, ack)} is called with multiple implied
     * for acks (the tag is the end of a run of acks).
     */
    void flush(ConfirmSender send) {
        long runEnd = 0;
        long seq = lastSent + 1;
        while (seq <= lastAssigned) {
            Pending p = pending.get(seq);
            if (p != null && p.awaiting > 0) {
                break;
            }
            if (p != null && p.refused) {
                if (runEnd != 0) {
                    send.confirmed(runEnd - lastSent);
                    send.ack(runEnd, runEnd - lastSent > 1);
                    lastSent = runEnd;
                    runEnd = 0;
                }
                send.confirmed(1);
                send.nack(seq);
                lastSent = seq;
            } else {
                runEnd = seq;
            }
            if (p != null) {
                pending.remove(seq);
            }
            seq++;
        }
        if (runEnd != 0) {
            send.confirmed(runEnd - lastSent);
            send.ack(runEnd, runEnd - lastSent > 1);
            lastSent = runEnd;
        }
    }

    /** Receives the confirms to send. */
    interface ConfirmSender {
        void ack(long deliveryTag, boolean multiple);

        void nack(long deliveryTag);

        /** {@code count} publishes were just confirmed (acked or nacked), for the rates. */
        default void confirmed(long count) {
        }
    }
}
