package org.ferrymq.broker.xa;

/** What a branch does at commit with a delivery it consumed: ack it, requeue it, or drop (dead-letter) it. */
public enum HeldOutcome {
    ACK, REQUEUE, DISCARD
}
