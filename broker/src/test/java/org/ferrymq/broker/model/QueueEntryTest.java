package org.ferrymq.broker.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.ferrymq.broker.amqp.codec.AmqpBasicProperties;
import org.junit.jupiter.api.Test;

/**
 * When an entry counts as expired: a message never handed out lives through its expiry
 * millisecond (a TTL-0 message still reaches a consumer waiting at publish time), one that was
 * delivered and requeued is dead from that very millisecond on (RabbitMQ's {@code Now >= Expiry}).
 */
class QueueEntryTest {
    private static final long ARRIVED = 1_700_000_000_000L;

    private static QueueEntry ttlZeroEntry() {
        Message m = Message.of(1, "", "q", AmqpBasicProperties.EMPTY, new byte[0]);
        return new QueueEntry(m, 0, ARRIVED, 0, false);
    }

    @Test
    void undeliveredTtlZeroEntryLivesThroughItsArrivalMillisecond() {
        QueueEntry entry = ttlZeroEntry();
        assertThat(entry.expiredAt(ARRIVED)).isFalse();
        assertThat(entry.expiredAt(ARRIVED + 1)).isTrue();
    }

    @Test
    void deliveredEntryRequeuedWithinTheSameMillisecondIsExpired() {
        QueueEntry entry = ttlZeroEntry();
        entry.markDelivered();
        assertThat(entry.expiredAt(ARRIVED)).isTrue();
        assertThat(entry.expiredAt(ARRIVED - 1)).isFalse();
    }

    @Test
    void entryWithoutTtlNeverExpires() {
        Message m = Message.of(1, "", "q", AmqpBasicProperties.EMPTY, new byte[0]);
        QueueEntry entry = new QueueEntry(m, 0, 0, 0, false);
        entry.markDelivered();
        assertThat(entry.expiredAt(Long.MAX_VALUE)).isFalse();
    }
}
