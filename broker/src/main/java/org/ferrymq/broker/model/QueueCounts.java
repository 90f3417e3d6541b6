package org.ferrymq.broker.model;

/** What queue.declare-ok reports: messages ready for delivery and active consumers. */
public record QueueCounts(String queue, int messageCount, int consumerCount) {
}
