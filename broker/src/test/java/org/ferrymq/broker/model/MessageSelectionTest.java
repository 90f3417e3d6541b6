package org.ferrymq.broker.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.ferrymq.broker.amqp.codec.AmqpBasicProperties;
import org.ferrymq.selector.SelectorContext;
import org.junit.jupiter.api.Test;

/** The broker sees a message's JMS headers and properties as the JMS provider's client-side evaluator does. */
class MessageSelectionTest {

    private static SelectorContext seen(Map<String, Object> headers, Integer deliveryMode, Integer priority, Long timestampSeconds) {
        AmqpBasicProperties p = new AmqpBasicProperties(null, null, headers, deliveryMode, priority, "corr", null, null,
                "ID:1", timestampSeconds, "order", null, null, null);
        return MessageSelection.contextOf(Message.of(1, "x", "k", p, new byte[0]));
    }

    @Test
    void jmsTimestampIsTheProvidersMillisecondHeaderElseTheAmqpSecondsElseZero() {
        assertThat(seen(Map.of("x-jms-timestamp", 1_700_000_000_123L), null, null, 1_700_000_000L)
                .property("JMSTimestamp")).isEqualTo(1_700_000_000_123L);
        assertThat(seen(Map.of(), null, null, 1_700_000_000L).property("JMSTimestamp")).isEqualTo(1_700_000_000_000L);
        assertThat(seen(Map.of(), null, null, null).property("JMSTimestamp")).isEqualTo(0L);
    }

    @Test
    void jmsPriorityIsFourWhenAbsentOrOutOfRange() {
        assertThat(seen(Map.of(), null, null, null).property("JMSPriority")).isEqualTo(4);
        assertThat(seen(Map.of(), null, 200, null).property("JMSPriority")).isEqualTo(4);
        assertThat(seen(Map.of(), null, 9, null).property("JMSPriority")).isEqualTo(9);
    }

    @Test
    void otherHeaderFields() {
        SelectorContext m = seen(Map.of(), 2, null, null);
        assertThat(m.property("JMSDeliveryMode")).isEqualTo("PERSISTENT");
        assertThat(seen(Map.of(), 1, null, null).property("JMSDeliveryMode")).isEqualTo("NON_PERSISTENT");
        assertThat(seen(Map.of(), null, null, null).property("JMSDeliveryMode")).isEqualTo("NON_PERSISTENT");
        assertThat(m.property("JMSMessageID")).isEqualTo("ID:1");
        assertThat(m.property("JMSCorrelationID")).isEqualTo("corr");
        assertThat(m.property("JMSType")).isEqualTo("order");
    }

    @Test
    void propertiesAreTheHeadersOfAJmsPropertyTypeExceptTheProvidersOwn() {
        Map<String, Object> headers = new HashMap<>();
        headers.put("color", "red");
        headers.put("size", 3);
        headers.put("bytes", new byte[] {1});
        headers.put("nested", Map.of("a", 1));
        headers.put("x-jms-body", "text");
        SelectorContext m = seen(headers, null, null, null);
        assertThat(m.property("color")).isEqualTo("red");
        assertThat(m.property("size")).isEqualTo(3);
        assertThat(m.property("bytes")).isNull();
        assertThat(m.property("nested")).isNull();
        assertThat(m.property("x-jms-body")).isNull();
        assertThat(m.property("missing")).isNull();
    }
}
