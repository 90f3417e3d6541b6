package org.ferrymq.broker.amqp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ferrymq.broker.amqp.codec.AmqpCodecTestSupport.bytesOf;
import static org.ferrymq.broker.amqp.codec.AmqpCodecTestSupport.hex;

@Timeout(10)
class AmqpFieldTableTest {

    static Stream<Arguments> valuesWithTheirTag() {
        return Stream.of(
                Arguments.of("hello é", 'S'),
                Arguments.of("", 'S'),
                Arguments.of(Integer.MIN_VALUE, 'I'),
                Arguments.of(Long.MAX_VALUE, 'l'),
                Arguments.of(true, 't'),
                Arguments.of(false, 't'),
                Arguments.of((byte) -128, 'b'),
                Arguments.of((short) -32768, 's'),
                Arguments.of(3.25f, 'f'),
                Arguments.of(Double.MIN_VALUE, 'd'),
                Arguments.of(new BigDecimal("-2147.483648"), 'D'),
                Arguments.of(new BigDecimal("7"), 'D'),
                Arguments.of(new Date(1_234_567_890_000L), 'T'),
                Arguments.of(Map.of("k", "v"), 'F'),
                Arguments.of(Map.of(), 'F'),
                Arguments.of(List.of(1, "two", List.of(3L)), 'A'),
                Arguments.of(List.of(), 'A'));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("valuesWithTheirTag")
    void everyValueTypeRoundTripsWithItsTag(Object value, char tag) {
        ByteBuf buf = Unpooled.buffer();
        AmqpFieldTable.writeValue(buf, value);
        assertThat((char) buf.getByte(0)).isEqualTo(tag);
        assertThat(AmqpFieldTable.readValue(buf)).isEqualTo(value);
        assertThat(buf.isReadable()).isFalse();
        buf.release();
    }

    @Test
    void nullIsVoidAndBytesAreX() {
        ByteBuf buf = Unpooled.buffer();
        AmqpFieldTable.writeValue(buf, null);
        AmqpFieldTable.writeValue(buf, new byte[] {1, 2, 3});
        assertThat(bytesOf(buf.copy())).containsExactly('V', 'x', 0, 0, 0, 3, 1, 2, 3);
        assertThat(AmqpFieldTable.readValue(buf)).isNull();
        assertThat((byte[]) AmqpFieldTable.readValue(buf)).containsExactly(1, 2, 3);
        buf.release();
    }

    @Test
    void unsignedTagsThatOtherClientsWriteAreRead() {
        // 'B' unsigned octet, 'u' unsigned short, 'i' unsigned int (RabbitMQ's table of field types)
        ByteBuf buf = Unpooled.wrappedBuffer(hex("42ff 75ffff 69ffffffff"));
        assertThat(AmqpFieldTable.readValue(buf)).isEqualTo((short) 255);
        assertThat(AmqpFieldTable.readValue(buf)).isEqualTo(65535);
        assertThat(AmqpFieldTable.readValue(buf)).isEqualTo(4_294_967_295L);
    }

    @Test
    @SuppressWarnings("unchecked")
    void nestedTableRoundTripsInOrderAndIsUnmodifiable() {
        Map<String, Object> table = AmqpCodecTestSupport.sampleTable();
        ByteBuf buf = Unpooled.buffer();
        AmqpFieldTable.write(buf, table);
        assertThat(buf.getInt(0)).isEqualTo(buf.readableBytes() - 4);

        Map<String, Object> decoded = AmqpFieldTable.read(buf);

        assertThat(decoded).isEqualTo(table);
        assertThat(new ArrayList<>(decoded.keySet())).containsExactlyElementsOf(table.keySet());
        assertThat(buf.isReadable()).isFalse();
        assertThatThrownBy(() -> decoded.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((List<Object>) decoded.get("list")).add(1)).isInstanceOf(UnsupportedOperationException.class);
        buf.release();
    }

    @Test
    void emptyAndNullTablesAreFourZeroBytes() {
        ByteBuf buf = Unpooled.buffer();
        AmqpFieldTable.write(buf, Map.of());
        AmqpFieldTable.write(buf, null);
        assertThat(bytesOf(buf.copy())).containsExactly(0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(AmqpFieldTable.read(buf)).isEmpty();
        assertThat(AmqpFieldTable.read(buf)).isEmpty();
        buf.release();
    }

    @Test
    void knownBytesOfASmallTable() {
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("a", 1);
        table.put("b", "xy");
        ByteBuf buf = Unpooled.buffer();
        AmqpFieldTable.write(buf, table);
        assertThat(bytesOf(buf)).isEqualTo(hex("00000010 0161 49 00000001 0162 53 00000002 7879"));
    }

    @Test
    void readEntriesReadsAnAmqplainResponse() {
        // AMQPLAIN's SASL response: table entries with no length prefix (what py-amqp/kombu send)
        byte[] response = hex("054c4f47494e 53 00000005 6775657374 0850415353574f5244 53 00000005 6775657374");
        ByteBuf buf = Unpooled.wrappedBuffer(response);
        Map<String, Object> entries = AmqpFieldTable.readEntries(buf, response.length);
        assertThat(entries).containsExactly(Map.entry("LOGIN", "guest"), Map.entry("PASSWORD", "guest"));
        assertThat(buf.isReadable()).isFalse();
    }

    @Test
    void truncatedAndMalformedTablesAreRejected() {
        assertThatThrownBy(() -> AmqpFieldTable.read(Unpooled.wrappedBuffer(hex("00000010 0161 49"))))
                .isInstanceOf(IndexOutOfBoundsException.class);
        // entry value runs past the table's declared length
        assertThatThrownBy(() -> AmqpFieldTable.read(Unpooled.wrappedBuffer(hex("00000004 0161 49 00000001"))))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> AmqpFieldTable.read(Unpooled.wrappedBuffer(hex("00000003 0161 5a"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Z'");
        assertThatThrownBy(() -> AmqpFieldTable.readValue(Unpooled.wrappedBuffer(hex("53 ffffffff 61"))))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void unsupportedJavaTypesAndKeysAreRejectedWithoutWritingAnything() {
        ByteBuf buf = Unpooled.buffer();
        assertThatThrownBy(() -> AmqpFieldTable.write(buf, Map.of("x", new Object())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(buf.writerIndex()).isZero();
        assertThatThrownBy(() -> AmqpFieldTable.writeValue(buf, Map.of(1, "x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AmqpFieldTable.writeValue(Unpooled.buffer(), new BigDecimal("1e-300")))
                .isInstanceOf(IllegalArgumentException.class);
        buf.release();
    }

    @Test
    void objectArraysAndCharSequencesAreWrittenAsArraysAndStrings() {
        ByteBuf buf = Unpooled.buffer();
        AmqpFieldTable.writeValue(buf, new Object[] {"a", 1});
        AmqpFieldTable.writeValue(buf, new StringBuilder("sb"));
        assertThat(AmqpFieldTable.readValue(buf)).isEqualTo(List.of("a", 1));
        assertThat(AmqpFieldTable.readValue(buf)).isEqualTo("sb");
        buf.release();
    }
}
