package org.ferrymq.broker.amqp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.amqp.codec.AmqpCodecTestSupport.hex;

@Timeout(10)
class AmqpBasicPropertiesTest {
    static final AmqpBasicProperties ALL = new AmqpBasicProperties("application/json", "gzip",
            Map.of("x-retries", 3), 2, 9, "corr-1", "amq.rabbitmq.reply-to", "60000", "msg-1", 1_700_000_000L,
            "order.created", "guest", "ferry-test", "cluster-a");

    @Test
    void allPropertiesRoundTrip() {
        byte[] raw = ALL.encode();
        assertThat(raw[0] & 0xFF).isEqualTo(0xFF); // bits 15..8
        assertThat(raw[1] & 0xFF).isEqualTo(0xFC); // bits 7..2, no continuation
        assertThat(AmqpBasicProperties.decode(raw)).isEqualTo(ALL);
    }

    @Test
    void noPropertiesIsTwoZeroBytes() {
        assertThat(AmqpBasicProperties.EMPTY.encode()).containsExactly(0, 0);
        assertThat(AmqpBasicProperties.decode(new byte[2])).isSameAs(AmqpBasicProperties.EMPTY);
    }

    @Test
    void somePropertiesSetOnlyTheirFlags() {
        AmqpBasicProperties some = AmqpBasicProperties.EMPTY.withDeliveryMode(2).withExpiration("5000");
        byte[] raw = some.encode();
        // delivery-mode bit 12, expiration bit 8: 0x1100, then octet 2, then shortstr "5000"
        assertThat(raw).isEqualTo(hex("1100 02 04 35303030"));
        AmqpBasicProperties decoded = AmqpBasicProperties.decode(raw);
        assertThat(decoded).isEqualTo(some);
        assertThat(decoded.persistent()).isTrue();
        assertThat(decoded.contentType()).isNull();
    }

    @Test
    void everySinglePropertyRoundTripsAlone() {
        AmqpBasicProperties e = AmqpBasicProperties.EMPTY;
        for (AmqpBasicProperties one : new AmqpBasicProperties[] {
                new AmqpBasicProperties("t", null, null, null, null, null, null, null, null, null, null, null, null, null),
                new AmqpBasicProperties(null, "e", null, null, null, null, null, null, null, null, null, null, null, null),
                e.withHeaders(Map.of()),
                e.withHeaders(AmqpCodecTestSupport.sampleTable()),
                e.withDeliveryMode(1),
                e.withPriority(255),
                new AmqpBasicProperties(null, null, null, null, null, "c", null, null, null, null, null, null, null, null),
                new AmqpBasicProperties(null, null, null, null, null, null, "r", null, null, null, null, null, null, null),
                e.withExpiration(""),
                new AmqpBasicProperties(null, null, null, null, null, null, null, null, "m", null, null, null, null, null),
                new AmqpBasicProperties(null, null, null, null, null, null, null, null, null, 0L, null, null, null, null),
                new AmqpBasicProperties(null, null, null, null, null, null, null, null, null, null, "ty", null, null, null),
                new AmqpBasicProperties(null, null, null, null, null, null, null, null, null, null, null, "u", null, null),
                new AmqpBasicProperties(null, null, null, null, null, null, null, null, null, null, null, null, "a", null),
                new AmqpBasicProperties(null, null, null, null, null, null, null, null, null, null, null, null, null, "cl")}) {
            ByteBuf buf = Unpooled.buffer();
            one.encode(buf);
            assertThat(Integer.bitCount(buf.getUnsignedShort(0))).isEqualTo(1);
            assertThat(AmqpBasicProperties.decode(buf)).isEqualTo(one);
            assertThat(buf.isReadable()).isFalse();
            buf.release();
        }
    }

    @Test
    void continuationFlagWordsAreSkipped() {
        // flags 0x8001 (content-type + continuation), then an empty second flags word, then "t"
        AmqpBasicProperties decoded = AmqpBasicProperties.decode(hex("8001 0000 0174"));
        assertThat(decoded.contentType()).isEqualTo("t");
    }

    @Test
    void withMethodsChangeOneProperty() {
        assertThat(ALL.withPriority(null).priority()).isNull();
        assertThat(ALL.withPriority(null).withPriority(9)).isEqualTo(ALL);
        assertThat(ALL.withHeaders(null).headers()).isNull();
        assertThat(ALL.withExpiration(null).expiration()).isNull();
        assertThat(ALL.withDeliveryMode(1).persistent()).isFalse();
        assertThat(AmqpBasicProperties.EMPTY.persistent()).isFalse();
    }
}
