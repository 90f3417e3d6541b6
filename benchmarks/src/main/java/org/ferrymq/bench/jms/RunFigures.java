package org.ferrymq.bench.jms;

import java.util.Optional;

import org.ferrymq.bench.ConsumerLatency;

/**
 * What one run of one scenario against one target measured.
 *
 * @param sent          messages the producer sent (committed, for transacted sends)
 * @param sendFailures  sends the provider reported as failed (async onException)
 * @param delivered     deliveries to all subscribers, duplicates included
 * @param duplicates    deliveries of a sequence number a subscriber already had
 * @param missing       (subscriber, sequence number) pairs sent but never delivered
 * @param unexpected    deliveries of numbers never sent (e.g. a leftover from another run)
 * @param sendSeconds   first send to last send (or last commit / last completion)
 * @param deliverSeconds first send to last delivery
 * @param drainTimedOut  a subscriber still lacked messages when the drain time ran out: its missing
 *                       ones were lost or only late (a backlog the drain was too short for)
 */
public record RunFigures(long sent, long sendFailures, long delivered, long duplicates, long missing, long unexpected,
                         double sendSeconds, double deliverSeconds, Optional<ConsumerLatency> latency,
                         boolean drainTimedOut) {

    public double sendRate() {
        return sendSeconds > 0 ? sent / sendSeconds : 0;
    }

    /** Deliveries per second, every copy counted (a topic with 4 subscribers delivers 4 per send). */
    public double deliverRate() {
        return deliverSeconds > 0 ? delivered / deliverSeconds : 0;
    }

    /** Exactly-once violations: duplicates, missing and unexpected messages. */
    public long violations() {
        return duplicates + missing + unexpected;
    }

    /** "3 missing, 1 duplicate" or "" when exactly once held. */
    public String violationText() {
        StringBuilder text = new StringBuilder();
        append(text, missing, drainTimedOut ? "not received by the end of the drain time" : "missing");
        append(text, duplicates, duplicates == 1 ? "duplicate" : "duplicates");
        append(text, unexpected, "unexpected");
        append(text, sendFailures, sendFailures == 1 ? "failed send" : "failed sends");
        return text.toString();
    }

    private static void append(StringBuilder text, long count, String what) {
        if (count > 0) {
            if (!text.isEmpty()) {
                text.append(", ");
            }
            text.append(String.format(java.util.Locale.ROOT, "%,d", count)).append(' ').append(what);
        }
    }
}
