package org.ferrymq.tck.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ferrymq.tck.Jms.receive;

import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.Queue;
import jakarta.jms.Session;

import org.ferrymq.tck.Jms;
import org.ferrymq.tck.TckTest;
import org.junit.jupiter.api.Timeout;

/**
 * Jakarta Messaging 3.1, section 3.5 "Message properties": 3.5.1 property names, 3.5.2 values,
 * 3.5.4 "Property value conversion" (every cell of the table, on a received message), 3.5.5
 * property values as objects, 3.5.6 iterating property names, 3.5.7 clearing properties,
 * 3.5.8 nonexistent properties, 3.5.9 JMS defined properties (JMSX), and section 3.10 /
 * 3.11.2 read-only properties of a received message.
 */
@Timeout(30)
class PropertiesIT {

    private static Message roundTrip(Jms jms, Message m, Session s) throws Exception {
        Queue q = jms.queue(s);
        s.createProducer(q).send(m);
        return receive(s.createConsumer(q));
    }

    private static Message withEveryPropertyType(Jms jms) throws Exception {
        Session s = jms.session();
        Message m = s.createMessage();
        for (ValueType t : ValueType.propertyTypes()) {
            TypedAccess.setProperty(m, t.name(), t);
        }
        return roundTrip(jms, m, s);
    }

    private static void checkRow(Message got, ValueType written) throws JMSException {
        for (ValueType read : ValueType.propertyTypes()) {
            if (written.readableAsProperty().contains(read)) {
                assertThat(TypedAccess.getProperty(got, written.name(), read)).as("%s read as %s", written, read)
                        .isEqualTo(written.expectedAs(read));
            } else {
                assertThatThrownBy(() -> TypedAccess.getProperty(got, written.name(), read))
                        .as("%s read as %s", written, read).isInstanceOf(MessageFormatException.class);
            }
        }
    }

    // ---- 3.5.4 conversion table, one row per test ----------------------------------------------

    @TckTest
    void booleanPropertyConversions(Jms jms) throws Exception {
        checkRow(withEveryPropertyType(jms), ValueType.BOOLEAN);
    }

    @TckTest
    void bytePropertyConversions(Jms jms) throws Exception {
        checkRow(withEveryPropertyType(jms), ValueType.BYTE);
    }

    @TckTest
    void shortPropertyConversions(Jms jms) throws Exception {
        checkRow(withEveryPropertyType(jms), ValueType.SHORT);
    }

    @TckTest
    void intPropertyConversions(Jms jms) throws Exception {
        checkRow(withEveryPropertyType(jms), ValueType.INT);
    }

    @TckTest
    void longPropertyConversions(Jms jms) throws Exception {
        checkRow(withEveryPropertyType(jms), ValueType.LONG);
    }

    @TckTest
    void floatPropertyConversions(Jms jms) throws Exception {
        checkRow(withEveryPropertyType(jms), ValueType.FLOAT);
    }

    @TckTest
    void doublePropertyConversions(Jms jms) throws Exception {
        checkRow(withEveryPropertyType(jms), ValueType.DOUBLE);
    }

    @TckTest
    void stringPropertyConversions(Jms jms) throws Exception {
        checkRow(withEveryPropertyType(jms), ValueType.STRING);
    }

    @TckTest
    void conversionTableHoldsOnAMessageNotYetSent(Jms jms) throws Exception {
        Message m = jms.session().createMessage();
        for (ValueType t : ValueType.propertyTypes()) {
            TypedAccess.setProperty(m, t.name(), t);
        }
        for (ValueType t : ValueType.propertyTypes()) {
            checkRow(m, t);
        }
    }

    @TckTest
    void unparsableStringPropertyIsANumberFormatException(Jms jms) throws Exception {
        Message m = jms.session().createMessage();
        m.setStringProperty("s", "twelve");
        assertThatThrownBy(() -> m.getIntProperty("s")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> m.getLongProperty("s")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> m.getFloatProperty("s")).isInstanceOf(NumberFormatException.class);
        assertThat(m.getBooleanProperty("s")).isFalse();
    }

    // ---- 3.5.5 objects, 3.5.6 names, 3.5.8 nonexistent -------------------------------------------

    @TckTest
    void objectPropertiesKeepTheirTypeThroughTheBroker(Jms jms) throws Exception {
        Message got = withEveryPropertyType(jms);
        assertThat(got.getObjectProperty("BOOLEAN")).isEqualTo(Boolean.TRUE);
        assertThat(got.getObjectProperty("BYTE")).isEqualTo((byte) 12);
        assertThat(got.getObjectProperty("SHORT")).isEqualTo((short) 1234);
        assertThat(got.getObjectProperty("INT")).isEqualTo(123_456);
        assertThat(got.getObjectProperty("LONG")).isEqualTo(1_234_567_890_123L);
        assertThat(got.getObjectProperty("FLOAT")).isEqualTo(1.5f);
        assertThat(got.getObjectProperty("DOUBLE")).isEqualTo(2.25d);
        assertThat(got.getObjectProperty("STRING")).isEqualTo("42");
    }

    @TckTest
    void setObjectPropertyAcceptsOnlyWrappersAndStrings(Jms jms) throws Exception {
        Message m = jms.session().createMessage();
        m.setObjectProperty("i", 7);
        assertThat(m.getIntProperty("i")).isEqualTo(7);
        assertThatThrownBy(() -> m.setObjectProperty("bytes", new byte[] {1})).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> m.setObjectProperty("char", 'c')).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> m.setObjectProperty("date", new java.util.Date())).isInstanceOf(MessageFormatException.class);
    }

    @TckTest
    void propertyNamesListsEveryUserProperty(Jms jms) throws Exception {
        Message got = withEveryPropertyType(jms);
        Set<Object> names = new HashSet<>(Collections.list(got.getPropertyNames()));
        for (ValueType t : ValueType.propertyTypes()) {
            assertThat(names).contains(t.name());
        }
        assertThat(got.propertyExists("INT")).isTrue();
        assertThat(got.propertyExists("absent")).isFalse();
    }

    @TckTest
    void nonexistentPropertiesReadAsNullOrTheNullConversion(Jms jms) throws Exception {
        Message m = jms.session().createMessage();
        assertThat(m.getObjectProperty("absent")).isNull();
        assertThat(m.getStringProperty("absent")).isNull();
        assertThat(m.getBooleanProperty("absent")).isFalse();
        assertThatThrownBy(() -> m.getIntProperty("absent")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> m.getDoubleProperty("absent")).isInstanceOf(NullPointerException.class);
    }

    // ---- 3.5.1 names ------------------------------------------------------------------------------

    @TckTest
    void nullOrEmptyPropertyNamesAreIllegal(Jms jms) throws Exception {
        Message m = jms.session().createMessage();
        assertThatThrownBy(() -> m.setStringProperty(null, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.setIntProperty("", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @TckTest
    void propertyNamesMustBeJavaIdentifiers(Jms jms) throws Exception {
        Message m = jms.session().createMessage();
        assertThatThrownBy(() -> m.setStringProperty("1abc", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.setStringProperty("a-b", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.setStringProperty("a b", "x")).isInstanceOf(IllegalArgumentException.class);
        m.setStringProperty("_ok$1", "fine");
        assertThat(m.getStringProperty("_ok$1")).isEqualTo("fine");
    }

    @TckTest
    void selectorReservedWordsAreNotPropertyNames(Jms jms) throws Exception {
        Message m = jms.session().createMessage();
        for (String reserved : new String[] {"NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN", "LIKE", "IN", "IS", "ESCAPE"}) {
            assertThatThrownBy(() -> m.setStringProperty(reserved, "x")).as(reserved).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @TckTest
    void propertyNamesAreCaseSensitive(Jms jms) throws Exception {
        Session s = jms.session();
        Message m = s.createMessage();
        m.setStringProperty("name", "lower");
        m.setStringProperty("NAME", "upper");
        Message got = roundTrip(jms, m, s);
        assertThat(got.getStringProperty("name")).isEqualTo("lower");
        assertThat(got.getStringProperty("NAME")).isEqualTo("upper");
    }

    @TckTest
    void nonAsciiPropertyNamesAndValuesRoundTrip(Jms jms) throws Exception {
        Session s = jms.session();
        Message m = s.createMessage();
        m.setStringProperty("größe", "ünïcødé ✓");
        Message got = roundTrip(jms, m, s);
        assertThat(got.getStringProperty("größe")).isEqualTo("ünïcødé ✓");
    }

    @TckTest
    void settingAPropertyAgainReplacesItsValueAndType(Jms jms) throws Exception {
        Session s = jms.session();
        Message m = s.createMessage();
        m.setIntProperty("p", 1);
        m.setStringProperty("p", "now a string");
        Message got = roundTrip(jms, m, s);
        assertThat(got.getObjectProperty("p")).isEqualTo("now a string");
    }

    @TckTest
    void extremeNumericValuesRoundTrip(Jms jms) throws Exception {
        Session s = jms.session();
        Message m = s.createMessage();
        m.setLongProperty("minLong", Long.MIN_VALUE);
        m.setIntProperty("maxInt", Integer.MAX_VALUE);
        m.setByteProperty("minByte", Byte.MIN_VALUE);
        m.setStringProperty("empty", "");
        Message got = roundTrip(jms, m, s);
        assertThat(got.getLongProperty("minLong")).isEqualTo(Long.MIN_VALUE);
        assertThat(got.getIntProperty("maxInt")).isEqualTo(Integer.MAX_VALUE);
        assertThat(got.getByteProperty("minByte")).isEqualTo(Byte.MIN_VALUE);
        assertThat(got.getStringProperty("empty")).isEmpty();
    }

    @TckTest
    void nonFiniteFloatingPointValuesRoundTripOrAreRefusedClearly(Jms jms) throws Exception {
        Session s = jms.session();
        Message m = s.createMessage();
        m.setDoubleProperty("nan", Double.NaN);
        m.setFloatProperty("inf", Float.POSITIVE_INFINITY);
        if (jms.isRabbitMq()) {
            // RabbitMQ cannot hold NaN/Infinity in a header table: it closes the channel
            var t = jms.topic(s);   // no queue needed: the broker refuses the publish itself
            assertThatThrownBy(() -> s.createProducer(t).send(m)).isInstanceOf(JMSException.class);
            return;
        }
        Message got = roundTrip(jms, m, s);
        assertThat(got.getDoubleProperty("nan")).isNaN();
        assertThat(got.getFloatProperty("inf")).isEqualTo(Float.POSITIVE_INFINITY);
    }

    // ---- 3.5.7 clearing; read-only on receipt --------------------------------------------------

    @TckTest
    void propertiesOfAReceivedMessageAreReadOnly(Jms jms) throws Exception {
        Message got = withEveryPropertyType(jms);
        assertThatThrownBy(() -> got.setStringProperty("new", "x")).isInstanceOf(MessageNotWriteableException.class);
        assertThatThrownBy(() -> got.setIntProperty("INT", 1)).isInstanceOf(MessageNotWriteableException.class);
        assertThatThrownBy(() -> got.setObjectProperty("o", 1)).isInstanceOf(MessageNotWriteableException.class);
    }

    @TckTest
    void clearPropertiesRemovesThemAndMakesThemWritable(Jms jms) throws Exception {
        Message got = withEveryPropertyType(jms);
        got.clearProperties();
        assertThat(got.propertyExists("INT")).isFalse();
        assertThat(got.getObjectProperty("STRING")).isNull();
        got.setStringProperty("again", "writable");
        assertThat(got.getStringProperty("again")).isEqualTo("writable");
    }

    @TckTest
    void clearPropertiesLeavesTheBodyAndHeaders(Jms jms) throws Exception {
        Session s = jms.session();
        var m = s.createTextMessage("body");
        m.setJMSType("kind");
        m.setStringProperty("p", "v");
        m.clearProperties();
        assertThat(m.getText()).isEqualTo("body");
        assertThat(m.getJMSType()).isEqualTo("kind");
        assertThat(m.propertyExists("p")).isFalse();
    }

    @TckTest
    void clearBodyLeavesTheProperties(Jms jms) throws Exception {
        var m = jms.session().createTextMessage("body");
        m.setStringProperty("p", "v");
        m.clearBody();
        assertThat(m.getText()).isNull();
        assertThat(m.getStringProperty("p")).isEqualTo("v");
    }

    // ---- 3.5.9 JMSX properties ------------------------------------------------------------------

    @TckTest
    void jmsxDeliveryCountIsOneOnFirstDelivery(Jms jms) throws Exception {
        Session s = jms.session();
        Message got = roundTrip(jms, s.createMessage(), s);
        assertThat(got.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
    }

    @TckTest
    void jmsxGroupPropertiesAreCarriedAsSet(Jms jms) throws Exception {
        Session s = jms.session();
        Message m = s.createMessage();
        m.setStringProperty("JMSXGroupID", "group-1");
        m.setIntProperty("JMSXGroupSeq", 3);
        Message got = roundTrip(jms, m, s);
        assertThat(got.getStringProperty("JMSXGroupID")).isEqualTo("group-1");
        assertThat(got.getIntProperty("JMSXGroupSeq")).isEqualTo(3);
    }
}
