package org.ferrymq.tck.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ferrymq.tck.Jms.receive;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSContext;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;

import org.ferrymq.tck.Jms;
import org.ferrymq.tck.TckTest;
import org.junit.jupiter.api.Timeout;

/**
 * Jakarta Messaging 3.1, section 3.11 "Message body" (the five body types and Message without a
 * body), 3.11.1 "Clearing a message body", 3.11.2 "Read-only message body" (MessageNotWriteable,
 * MessageNotReadable, reset), and the Message Javadoc for {@code getBody} /
 * {@code isBodyAssignableTo} added in 2.0.
 */
@Timeout(30)
class MessageBodyIT {

    private static <T extends Message> T roundTrip(Jms jms, Session s, T m) throws Exception {
        Queue q = jms.queue(s);
        s.createProducer(q).send(m);
        @SuppressWarnings("unchecked")
        T got = (T) receive(s.createConsumer(q));
        return got;
    }

    // ---- the five types round trip -------------------------------------------------------------

    @TckTest
    void textMessageRoundTripsUnicode(Jms jms) throws Exception {
        Session s = jms.session();
        TextMessage got = roundTrip(jms, s, s.createTextMessage("héllo wörld ✓ 日本 \uD83D\uDE00"));
        assertThat(got.getText()).isEqualTo("héllo wörld ✓ 日本 \uD83D\uDE00");
    }

    @TckTest
    void textMessageEmptyText(Jms jms) throws Exception {
        Session s = jms.session();
        assertThat(roundTrip(jms, s, s.createTextMessage("")).getText()).isEmpty();
    }

    @TckTest
    void textMessageNullTextArrivesAsNull(Jms jms) throws Exception {
        Session s = jms.session();
        TextMessage got = roundTrip(jms, s, s.createTextMessage());
        assertThat(got.getText()).isNull();
        assertThat(got.getBody(String.class)).isNull();
    }

    @TckTest
    void aNullStringBodyThroughJmsProducerArrivesAsNullText(Jms jms) throws Exception {
        JMSContext ctx = jms.context();
        Queue q = jms.queue(ctx);
        ctx.createProducer().send(q, (String) null);
        Message got = receive(ctx.createConsumer(q));
        assertThat(got).isInstanceOf(TextMessage.class);
        assertThat(((TextMessage) got).getText()).isNull();
        assertThat(got.isBodyAssignableTo(String.class)).isTrue();
    }

    @TckTest
    void textMessageLargeBody(Jms jms) throws Exception {
        Session s = jms.session();
        String big = "x".repeat(300_000);
        assertThat(roundTrip(jms, s, s.createTextMessage(big)).getText()).isEqualTo(big);
    }

    @TckTest
    void bytesMessageRoundTripsEveryWriteMethod(Jms jms) throws Exception {
        Session s = jms.session();
        BytesMessage m = s.createBytesMessage();
        m.writeBoolean(true);
        m.writeByte((byte) -3);
        m.writeShort((short) -300);
        m.writeChar('Q');
        m.writeInt(77_000);
        m.writeLong(-5_000_000_000L);
        m.writeFloat(3.5f);
        m.writeDouble(-1.25d);
        m.writeUTF("utf ✓");
        m.writeBytes(new byte[] {9, 8, 7});
        m.writeBytes(new byte[] {0, 1, 2, 3}, 1, 2);
        m.writeObject(Integer.valueOf(5));
        BytesMessage got = roundTrip(jms, s, m);
        assertThat(got.readBoolean()).isTrue();
        assertThat(got.readByte()).isEqualTo((byte) -3);
        assertThat(got.readShort()).isEqualTo((short) -300);
        assertThat(got.readChar()).isEqualTo('Q');
        assertThat(got.readInt()).isEqualTo(77_000);
        assertThat(got.readLong()).isEqualTo(-5_000_000_000L);
        assertThat(got.readFloat()).isEqualTo(3.5f);
        assertThat(got.readDouble()).isEqualTo(-1.25d);
        assertThat(got.readUTF()).isEqualTo("utf ✓");
        byte[] five = new byte[5];
        assertThat(got.readBytes(five)).isEqualTo(5);
        assertThat(five).containsExactly(9, 8, 7, 1, 2);
        assertThat(got.readInt()).isEqualTo(5);
        assertThat(got.readBytes(five)).isEqualTo(-1);
    }

    @TckTest
    void bytesMessageBodyLengthAndUnsignedReads(Jms jms) throws Exception {
        Session s = jms.session();
        BytesMessage m = s.createBytesMessage();
        m.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFE});
        BytesMessage got = roundTrip(jms, s, m);
        assertThat(got.getBodyLength()).isEqualTo(3);
        assertThat(got.readUnsignedByte()).isEqualTo(255);
        assertThat(got.readUnsignedShort()).isEqualTo(0xFFFE);
        assertThatThrownBy(got::readByte).isInstanceOf(MessageEOFException.class);
    }

    @TckTest
    void bytesMessageReadPastTheEndIsMessageEofException(Jms jms) throws Exception {
        Session s = jms.session();
        BytesMessage m = s.createBytesMessage();
        m.writeShort((short) 1);
        BytesMessage got = roundTrip(jms, s, m);
        assertThatThrownBy(got::readInt).isInstanceOf(MessageEOFException.class);
    }

    @TckTest
    void bytesMessageWriteObjectRefusesOtherTypes(Jms jms) throws Exception {
        BytesMessage m = jms.session().createBytesMessage();
        assertThatThrownBy(() -> m.writeObject(new java.util.Date())).isInstanceOf(MessageFormatException.class);
    }

    @TckTest
    void mapMessageRoundTrips(Jms jms) throws Exception {
        Session s = jms.session();
        MapMessage m = s.createMapMessage();
        m.setString("name", "ferry");
        m.setInt("count", 3);
        MapMessage got = roundTrip(jms, s, m);
        assertThat(got.getString("name")).isEqualTo("ferry");
        assertThat(got.getInt("count")).isEqualTo(3);
    }

    @TckTest
    void objectMessageRoundTripsASerializable(Jms jms) throws Exception {
        Session s = jms.session();
        ArrayList<String> list = new ArrayList<>(List.of("a", "b"));
        ObjectMessage got = roundTrip(jms, s, s.createObjectMessage(list));
        assertThat(got.getObject()).isEqualTo(list);
    }

    @TckTest
    void objectMessageWithoutObject(Jms jms) throws Exception {
        Session s = jms.session();
        assertThat(roundTrip(jms, s, s.createObjectMessage()).getObject()).isNull();
    }

    @TckTest
    void objectMessageKeepsASnapshotOfTheObject(Jms jms) throws Exception {
        Session s = jms.session();
        ArrayList<String> list = new ArrayList<>(List.of("before"));
        ObjectMessage m = s.createObjectMessage(list);
        list.add("after");
        ObjectMessage got = roundTrip(jms, s, m);
        assertThat(got.getObject()).isEqualTo(List.of("before"));
    }

    @TckTest
    void plainMessageHasNoBody(Jms jms) throws Exception {
        Session s = jms.session();
        Message got = roundTrip(jms, s, s.createMessage());
        assertThat(got).isNotInstanceOfAny(TextMessage.class, BytesMessage.class, MapMessage.class,
                StreamMessage.class, ObjectMessage.class);
        assertThat(got.getBody(Object.class)).isNull();
    }

    @TckTest
    void eachTypeArrivesAsItsOwnInterface(Jms jms) throws Exception {
        Session s = jms.session();
        assertThat(roundTrip(jms, s, s.createTextMessage("t"))).isInstanceOf(TextMessage.class);
        assertThat(roundTrip(jms, s, s.createBytesMessage())).isInstanceOf(BytesMessage.class);
        assertThat(roundTrip(jms, s, s.createMapMessage())).isInstanceOf(MapMessage.class);
        assertThat(roundTrip(jms, s, s.createStreamMessage())).isInstanceOf(StreamMessage.class);
        assertThat(roundTrip(jms, s, s.createObjectMessage("o"))).isInstanceOf(ObjectMessage.class);
    }

    // ---- getBody / isBodyAssignableTo -----------------------------------------------------------

    @TckTest
    void getBodyOfATextMessage(Jms jms) throws Exception {
        Session s = jms.session();
        TextMessage got = roundTrip(jms, s, s.createTextMessage("body"));
        assertThat(got.getBody(String.class)).isEqualTo("body");
        assertThat(got.getBody(Object.class)).isEqualTo("body");
        assertThat(got.isBodyAssignableTo(String.class)).isTrue();
        assertThat(got.isBodyAssignableTo(Integer.class)).isFalse();
        assertThatThrownBy(() -> got.getBody(Integer.class)).isInstanceOf(MessageFormatException.class);
    }

    @TckTest
    void getBodyOfAMessageWithoutBodyIsNullAndAnyTypeIsAssignable(Jms jms) throws Exception {
        Session s = jms.session();
        TextMessage noText = s.createTextMessage();
        assertThat(noText.getBody(String.class)).isNull();
        assertThat(noText.isBodyAssignableTo(Integer.class)).isTrue();
        Message plain = s.createMessage();
        assertThat(plain.isBodyAssignableTo(Map.class)).isTrue();
    }

    @TckTest
    void getBodyOfABytesMessage(Jms jms) throws Exception {
        Session s = jms.session();
        BytesMessage m = s.createBytesMessage();
        m.writeBytes(new byte[] {4, 5, 6});
        BytesMessage got = roundTrip(jms, s, m);
        assertThat(got.isBodyAssignableTo(byte[].class)).isTrue();
        assertThat(got.isBodyAssignableTo(String.class)).isFalse();
        assertThat(got.getBody(byte[].class)).containsExactly(4, 5, 6);
        assertThatThrownBy(() -> got.getBody(String.class)).isInstanceOf(MessageFormatException.class);
    }

    @TckTest
    void getBodyOfAMapMessage(Jms jms) throws Exception {
        Session s = jms.session();
        MapMessage m = s.createMapMessage();
        m.setInt("a", 1);
        m.setString("b", "two");
        MapMessage got = roundTrip(jms, s, m);
        assertThat(got.isBodyAssignableTo(Map.class)).isTrue();
        assertThat(got.isBodyAssignableTo(String.class)).isFalse();
        assertThat(got.getBody(Map.class)).containsEntry("a", 1).containsEntry("b", "two").hasSize(2);
    }

    @TckTest
    void getBodyOfAnObjectMessage(Jms jms) throws Exception {
        Session s = jms.session();
        ObjectMessage got = roundTrip(jms, s, s.createObjectMessage("serialized"));
        assertThat(got.isBodyAssignableTo(String.class)).isTrue();
        assertThat(got.isBodyAssignableTo(Serializable.class)).isTrue();
        assertThat(got.isBodyAssignableTo(Integer.class)).isFalse();
        assertThat(got.getBody(String.class)).isEqualTo("serialized");
        assertThatThrownBy(() -> got.getBody(Integer.class)).isInstanceOf(MessageFormatException.class);
    }

    @TckTest
    void aStreamMessageBodyCannotBeTakenWhole(Jms jms) throws Exception {
        Session s = jms.session();
        StreamMessage m = s.createStreamMessage();
        m.writeInt(1);
        StreamMessage got = roundTrip(jms, s, m);
        assertThat(got.isBodyAssignableTo(Object.class)).isFalse();
        assertThatThrownBy(() -> got.getBody(Object.class)).isInstanceOf(MessageFormatException.class);
    }

    // ---- 3.11.2 read-only and write-only; 3.11.1 clearBody -------------------------------------

    @TckTest
    void aReceivedTextMessageBodyIsReadOnlyUntilCleared(Jms jms) throws Exception {
        Session s = jms.session();
        TextMessage got = roundTrip(jms, s, s.createTextMessage("ro"));
        assertThatThrownBy(() -> got.setText("x")).isInstanceOf(MessageNotWriteableException.class);
        got.clearBody();
        assertThat(got.getText()).isNull();
        got.setText("now writable");
        assertThat(got.getText()).isEqualTo("now writable");
    }

    @TckTest
    void aReceivedBytesMessageIsReadOnlyUntilCleared(Jms jms) throws Exception {
        Session s = jms.session();
        BytesMessage m = s.createBytesMessage();
        m.writeInt(1);
        BytesMessage got = roundTrip(jms, s, m);
        assertThatThrownBy(() -> got.writeInt(2)).isInstanceOf(MessageNotWriteableException.class);
        got.clearBody();
        got.writeInt(3);
        assertThatThrownBy(got::readInt).isInstanceOf(MessageNotReadableException.class);
        got.reset();
        assertThat(got.readInt()).isEqualTo(3);
    }

    @TckTest
    void aNewBytesMessageIsWriteOnlyUntilReset(Jms jms) throws Exception {
        BytesMessage m = jms.session().createBytesMessage();
        m.writeLong(9L);
        assertThatThrownBy(m::readLong).isInstanceOf(MessageNotReadableException.class);
        assertThatThrownBy(m::getBodyLength).isInstanceOf(MessageNotReadableException.class);
        m.reset();
        assertThat(m.getBodyLength()).isEqualTo(8);
        assertThat(m.readLong()).isEqualTo(9L);
        assertThatThrownBy(() -> m.writeInt(1)).isInstanceOf(MessageNotWriteableException.class);
    }

    @TckTest
    void aNewStreamMessageIsWriteOnlyUntilReset(Jms jms) throws Exception {
        StreamMessage m = jms.session().createStreamMessage();
        m.writeString("s");
        assertThatThrownBy(m::readString).isInstanceOf(MessageNotReadableException.class);
        m.reset();
        assertThat(m.readString()).isEqualTo("s");
        assertThatThrownBy(() -> m.writeString("t")).isInstanceOf(MessageNotWriteableException.class);
    }

    @TckTest
    void aReceivedStreamMessageIsReadOnlyUntilCleared(Jms jms) throws Exception {
        Session s = jms.session();
        StreamMessage m = s.createStreamMessage();
        m.writeInt(1);
        StreamMessage got = roundTrip(jms, s, m);
        assertThatThrownBy(() -> got.writeInt(2)).isInstanceOf(MessageNotWriteableException.class);
        got.clearBody();
        got.writeInt(5);
        got.reset();
        assertThat(got.readInt()).isEqualTo(5);
    }

    @TckTest
    void aReceivedMapMessageIsReadOnlyUntilCleared(Jms jms) throws Exception {
        Session s = jms.session();
        MapMessage m = s.createMapMessage();
        m.setInt("a", 1);
        MapMessage got = roundTrip(jms, s, m);
        assertThatThrownBy(() -> got.setInt("b", 2)).isInstanceOf(MessageNotWriteableException.class);
        got.clearBody();
        assertThat(got.itemExists("a")).isFalse();
        got.setInt("b", 2);
        assertThat(got.getInt("b")).isEqualTo(2);
    }

    @TckTest
    void aReceivedObjectMessageIsReadOnlyUntilCleared(Jms jms) throws Exception {
        Session s = jms.session();
        ObjectMessage got = roundTrip(jms, s, s.createObjectMessage("o"));
        assertThatThrownBy(() -> got.setObject("x")).isInstanceOf(MessageNotWriteableException.class);
        got.clearBody();
        assertThat(got.getObject()).isNull();
        got.setObject("writable");
        assertThat(got.getObject()).isEqualTo("writable");
    }

    @TckTest
    void aMapMessageIsReadableWhileBeingWritten(Jms jms) throws Exception {
        MapMessage m = jms.session().createMapMessage();
        m.setInt("a", 1);
        assertThat(m.getInt("a")).isEqualTo(1);
    }

    @TckTest
    void clearBodyOnAStreamMessageEmptiesIt(Jms jms) throws Exception {
        StreamMessage m = jms.session().createStreamMessage();
        m.writeInt(1);
        m.clearBody();
        m.reset();
        assertThatThrownBy(m::readInt).isInstanceOf(MessageEOFException.class);
    }
}
