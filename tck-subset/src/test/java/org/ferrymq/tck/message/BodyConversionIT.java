package org.ferrymq.tck.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.ferrymq.tck.Jms.receive;

import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;

import jakarta.jms.MapMessage;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;

import org.ferrymq.tck.Jms;
import org.ferrymq.tck.TckTest;
import org.junit.jupiter.api.Timeout;

/**
 * Jakarta Messaging 3.1, section 3.11.3 "Conversions provided by StreamMessage and MapMessage":
 * every cell of the conversion table, checked on messages that went through the broker (so the
 * wire mapping keeps each value's type), plus the MapMessage and StreamMessage Javadoc rules
 * (names, nulls, MessageFormatException, NumberFormatException, MessageEOFException, the
 * read pointer not moving after a failed conversion, readBytes chunks).
 */
@Timeout(30)
class BodyConversionIT {

    private static MapMessage roundTripMap(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        MapMessage m = s.createMapMessage();
        for (ValueType t : ValueType.values()) {
            TypedAccess.set(m, t.name(), t);
        }
        s.createProducer(q).send(m);
        return (MapMessage) receive(s.createConsumer(q));
    }

    private static void checkCell(ValueType written, ValueType read, ThrowingRead reader) throws Exception {
        if (written.readableInBody().contains(read)) {
            Object value = reader.read();
            if (read == ValueType.BYTES) {
                assertThat((byte[]) value).as("%s read as %s", written, read).containsExactly((byte[]) written.sample);
            } else {
                assertThat(value).as("%s read as %s", written, read).isEqualTo(written.expectedAs(read));
            }
        } else {
            assertThatThrownBy(reader::read).as("%s read as %s", written, read).isInstanceOf(MessageFormatException.class);
        }
    }

    interface ThrowingRead {
        Object read() throws Exception;
    }

    // ---- MapMessage --------------------------------------------------------------------------

    @TckTest
    void mapMessageConversionTableOnAReceivedMessage(Jms jms) throws Exception {
        MapMessage got = roundTripMap(jms);
        for (ValueType written : ValueType.values()) {
            for (ValueType read : ValueType.values()) {
                checkCell(written, read, () -> TypedAccess.get(got, written.name(), read));
            }
        }
    }

    @TckTest
    void mapMessageKeepsEveryValueTypeAsAnObject(Jms jms) throws Exception {
        MapMessage got = roundTripMap(jms);
        assertThat(got.getObject("BOOLEAN")).isEqualTo(Boolean.TRUE);
        assertThat(got.getObject("BYTE")).isEqualTo((byte) 12);
        assertThat(got.getObject("SHORT")).isEqualTo((short) 1234);
        assertThat(got.getObject("CHAR")).isEqualTo('Z');
        assertThat(got.getObject("INT")).isEqualTo(123_456);
        assertThat(got.getObject("LONG")).isEqualTo(1_234_567_890_123L);
        assertThat(got.getObject("FLOAT")).isEqualTo(1.5f);
        assertThat(got.getObject("DOUBLE")).isEqualTo(2.25d);
        assertThat(got.getObject("STRING")).isEqualTo("42");
        assertThat((byte[]) got.getObject("BYTES")).containsExactly(1, 2, 3);
    }

    @TckTest
    void mapMessageNamesAndItemExists(Jms jms) throws Exception {
        MapMessage got = roundTripMap(jms);
        HashSet<Object> names = new HashSet<>(Collections.list(got.getMapNames()));
        HashSet<Object> expected = new HashSet<>();
        for (ValueType t : ValueType.values()) {
            expected.add(t.name());
        }
        assertThat(names).isEqualTo(expected);
        assertThat(got.itemExists("INT")).isTrue();
        assertThat(got.itemExists("missing")).isFalse();
    }

    @TckTest
    void mapMessageMissingNamesReadAsNullOrTheNullConversion(Jms jms) throws Exception {
        MapMessage m = jms.session().createMapMessage();
        assertThat(m.getObject("missing")).isNull();
        assertThat(m.getString("missing")).isNull();
        assertThat(m.getBytes("missing")).isNull();
        assertThat(m.getBoolean("missing")).isFalse();   // Boolean.valueOf(null)
        assertThatThrownBy(() -> m.getInt("missing")).isInstanceOf(NumberFormatException.class);
    }

    @TckTest
    void mapMessageNullAndEmptyNamesAreIllegal(Jms jms) throws Exception {
        MapMessage m = jms.session().createMapMessage();
        assertThatThrownBy(() -> m.setInt(null, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.setString("", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @TckTest
    void mapMessageSetObjectAcceptsOnlyPrimitiveWrappersStringsAndBytes(Jms jms) throws Exception {
        MapMessage m = jms.session().createMapMessage();
        m.setObject("ok", 5L);
        m.setObject("bytes", new byte[] {9});
        assertThatThrownBy(() -> m.setObject("bad", new java.util.Date())).isInstanceOf(MessageFormatException.class);
    }

    @TckTest
    void mapMessageUnparsableStringIsANumberFormatException(Jms jms) throws Exception {
        MapMessage m = jms.session().createMapMessage();
        m.setString("s", "not a number");
        assertThatThrownBy(() -> m.getInt("s")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> m.getDouble("s")).isInstanceOf(NumberFormatException.class);
        assertThat(m.getBoolean("s")).isFalse();
    }

    @TckTest
    void mapMessageNullStringValueRoundTrips(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        MapMessage m = s.createMapMessage();
        m.setString("nothing", null);
        m.setString("something", "x");
        s.createProducer(q).send(m);
        MapMessage got = (MapMessage) receive(s.createConsumer(q));
        assertThat(got.getString("something")).isEqualTo("x");
        assertThat(got.getString("nothing")).isNull();
    }

    @TckTest
    void mapMessageSetBytesWithOffsetAndLength(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        MapMessage m = s.createMapMessage();
        m.setBytes("part", new byte[] {0, 1, 2, 3, 4}, 1, 3);
        s.createProducer(q).send(m);
        assertThat(((MapMessage) receive(s.createConsumer(q))).getBytes("part")).containsExactly(1, 2, 3);
    }

    // ---- StreamMessage -----------------------------------------------------------------------

    @TckTest
    void streamMessageConversionTable(Jms jms) throws Exception {
        Session s = jms.session();
        for (ValueType written : ValueType.values()) {
            for (ValueType read : ValueType.values()) {
                StreamMessage m = s.createStreamMessage();
                TypedAccess.write(m, written);
                m.reset();
                checkCell(written, read, () -> TypedAccess.read(m, read));
            }
        }
    }

    @TckTest
    void streamMessageKeepsEveryValueTypeThroughTheBroker(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        StreamMessage m = s.createStreamMessage();
        for (ValueType t : ValueType.values()) {
            TypedAccess.write(m, t);
        }
        s.createProducer(q).send(m);
        StreamMessage got = (StreamMessage) receive(s.createConsumer(q));
        assertThat(got.readObject()).isEqualTo(Boolean.TRUE);
        assertThat(got.readObject()).isEqualTo((byte) 12);
        assertThat(got.readObject()).isEqualTo((short) 1234);
        assertThat(got.readObject()).isEqualTo('Z');
        assertThat(got.readObject()).isEqualTo(123_456);
        assertThat(got.readObject()).isEqualTo(1_234_567_890_123L);
        assertThat(got.readObject()).isEqualTo(1.5f);
        assertThat(got.readObject()).isEqualTo(2.25d);
        assertThat(got.readObject()).isEqualTo("42");
        assertThat((byte[]) got.readObject()).containsExactly(1, 2, 3);
        assertThatThrownBy(got::readObject).isInstanceOf(MessageEOFException.class);
    }

    @TckTest
    void streamMessageConversionsOnAReceivedMessage(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        StreamMessage m = s.createStreamMessage();
        m.writeByte((byte) 7);
        m.writeFloat(0.5f);
        m.writeString("true");
        s.createProducer(q).send(m);
        StreamMessage got = (StreamMessage) receive(s.createConsumer(q));
        assertThat(got.readLong()).isEqualTo(7L);
        assertThat(got.readDouble()).isEqualTo(0.5d);
        assertThat(got.readBoolean()).isTrue();
    }

    @TckTest
    void aFailedStreamConversionDoesNotMoveTheReadPointer(Jms jms) throws Exception {
        StreamMessage m = jms.session().createStreamMessage();
        m.writeString("not a number");
        m.writeInt(5);
        m.reset();
        assertThatThrownBy(m::readInt).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(m::readChar).isInstanceOf(MessageFormatException.class);
        assertThat(m.readString()).isEqualTo("not a number");
        assertThat(m.readInt()).isEqualTo(5);
    }

    @TckTest
    void streamMessageReadsPastTheEndAreMessageEofException(Jms jms) throws Exception {
        StreamMessage m = jms.session().createStreamMessage();
        m.writeInt(1);
        m.reset();
        m.readInt();
        assertThatThrownBy(m::readInt).isInstanceOf(MessageEOFException.class);
        assertThatThrownBy(m::readString).isInstanceOf(MessageEOFException.class);
    }

    @TckTest
    void streamMessageReadBytesInChunksThenMinusOne(Jms jms) throws Exception {
        StreamMessage m = jms.session().createStreamMessage();
        m.writeBytes(new byte[] {1, 2, 3, 4, 5});
        m.writeInt(9);
        m.reset();
        byte[] buf = new byte[3];
        assertThat(m.readBytes(buf)).isEqualTo(3);
        assertThat(buf).containsExactly(1, 2, 3);
        assertThat(m.readBytes(buf)).isEqualTo(2);   // fewer than asked: the field is complete
        assertThat(buf[0]).isEqualTo((byte) 4);
        assertThat(m.readInt()).isEqualTo(9);
    }

    @TckTest
    void streamMessageReadBytesWithAnExactBuffer(Jms jms) throws Exception {
        StreamMessage m = jms.session().createStreamMessage();
        m.writeBytes(new byte[] {1, 2, 3});
        m.writeString("next");
        m.reset();
        byte[] buf = new byte[3];
        assertThat(m.readBytes(buf)).isEqualTo(3);
        assertThat(m.readBytes(buf)).isEqualTo(-1);
        assertThat(m.readString()).isEqualTo("next");
    }

    @TckTest
    void streamMessageNullStringReadsAsNull(Jms jms) throws Exception {
        StreamMessage m = jms.session().createStreamMessage();
        m.writeString(null);
        m.writeObject(null);
        m.reset();
        assertThat(m.readString()).isNull();
        assertThat(m.readObject()).isNull();
    }

    @TckTest
    void streamMessageWriteObjectRefusesOtherTypes(Jms jms) throws Exception {
        StreamMessage m = jms.session().createStreamMessage();
        m.writeObject(3);
        assertThatThrownBy(() -> m.writeObject(new java.util.Date())).isInstanceOf(MessageFormatException.class);
    }

    @TckTest
    void everyBodyTypeIsCovered(Jms jms) {
        // a guard: the table above has ten rows as the spec's table does
        assertThat(EnumSet.allOf(ValueType.class)).hasSize(10);
        if (ValueType.STRING.readableInBody().contains(ValueType.CHAR)) {
            fail("String must not convert to char");
        }
    }
}
