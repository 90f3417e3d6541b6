package org.ferrymq.broker.amqp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.ferrymq.broker.errors.AmqpException;
import org.ferrymq.broker.errors.ReplyCode;
import org.junit.jupiter.api.Test;

class QueueBrowseTest {

    @Test
    void anOrdinaryConsumeIsNoBrowse() {
        assertThat(QueueBrowse.fromConsume(null, false, false)).isNull();
        assertThat(QueueBrowse.fromConsume(Map.of("x-priority", 5), false, true)).isNull();
        assertThat(QueueBrowse.fromConsume(Map.of("x-browse", false), false, true)).isNull();
    }

    @Test
    void aBrowseHasNoLimitUnlessOneIsGiven() {
        assertThat(QueueBrowse.fromConsume(Map.of("x-browse", true), true, false).limit()).isEqualTo(QueueBrowse.DEFAULT_LIMIT);
        assertThat(QueueBrowse.fromConsume(Map.of("x-browse", true, "x-browse-limit", 7L), true, false).limit()).isEqualTo(7);
        assertThat(QueueBrowse.fromConsume(Map.of("x-browse", true, "x-browse-limit", (short) 0), true, false).limit()).isZero();
    }

    @Test
    void whatMakesNoSenseIsAPreconditionFailure() {
        assertRefused(Map.of("x-browse", true), false, false, "requires no-ack");
        assertRefused(Map.of("x-browse", true), true, true, "cannot be exclusive");
        assertRefused(Map.of("x-browse", "yes"), true, false, "expected a boolean");
        assertRefused(Map.of("x-browse", true, "x-browse-limit", -1), true, false, "non-negative integer");
        assertRefused(Map.of("x-browse", true, "x-browse-limit", 1.5), true, false, "non-negative integer");
        assertRefused(Map.of("x-browse-limit", 3), true, false, "only valid with x-browse=true");
    }

    private static void assertRefused(Map<String, Object> arguments, boolean noAck, boolean exclusive, String text) {
        assertThatThrownBy(() -> QueueBrowse.fromConsume(arguments, noAck, exclusive))
                .isInstanceOfSatisfying(AmqpException.class, e -> assertThat(e.replyCode()).isEqualTo(ReplyCode.PRECONDITION_FAILED))
                .hasMessageContaining(text);
    }
}
