package org.ferrymq.jms.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;

import org.junit.jupiter.api.Test;

/** The property conversion table of spec section 3.5.4, row by row. */
class TypeConversionsTest {
    private final FerryMessage m = new FerryMessage();

    @Test
    void booleanReadsAsBooleanAndStringOnly() throws Exception {
        m.setBooleanProperty("b", true);
        assertTrue(m.getBooleanProperty("b"));
        assertEquals("true", m.getStringProperty("b"));
        assertThrows(MessageFormatException.class, () -> m.getIntProperty("b"));
        assertThrows(MessageFormatException.class, () -> m.getByteProperty("b"));
        assertThrows(MessageFormatException.class, () -> m.getDoubleProperty("b"));
    }

    @Test
    void byteWidensToShortIntLong() throws Exception {
        m.setByteProperty("x", (byte) 7);
        assertEquals(7, m.getByteProperty("x"));
        assertEquals(7, m.getShortProperty("x"));
        assertEquals(7, m.getIntProperty("x"));
        assertEquals(7L, m.getLongProperty("x"));
        assertEquals("7", m.getStringProperty("x"));
        assertThrows(MessageFormatException.class, () -> m.getFloatProperty("x"));
        assertThrows(MessageFormatException.class, () -> m.getBooleanProperty("x"));
    }

    @Test
    void intDoesNotNarrow() throws Exception {
        m.setIntProperty("i", 70000);
        assertEquals(70000L, m.getLongProperty("i"));
        assertThrows(MessageFormatException.class, () -> m.getShortProperty("i"));
        assertThrows(MessageFormatException.class, () -> m.getByteProperty("i"));
        m.setLongProperty("l", 1L);
        assertThrows(MessageFormatException.class, () -> m.getIntProperty("l"));
    }

    @Test
    void floatWidensToDoubleButNotBack() throws Exception {
        m.setFloatProperty("f", 1.5f);
        assertEquals(1.5d, m.getDoubleProperty("f"));
        m.setDoubleProperty("d", 2.5d);
        assertThrows(MessageFormatException.class, () -> m.getFloatProperty("d"));
        assertThrows(MessageFormatException.class, () -> m.getLongProperty("d"));
    }

    @Test
    void stringParsesIntoEveryType() throws Exception {
        m.setStringProperty("s", "12");
        assertEquals(12, m.getByteProperty("s"));
        assertEquals(12, m.getShortProperty("s"));
        assertEquals(12, m.getIntProperty("s"));
        assertEquals(12L, m.getLongProperty("s"));
        assertEquals(12f, m.getFloatProperty("s"));
        assertEquals(12d, m.getDoubleProperty("s"));
        assertFalse(m.getBooleanProperty("s"));
        m.setStringProperty("bad", "x");
        assertThrows(NumberFormatException.class, () -> m.getIntProperty("bad"));
    }

    @Test
    void missingPropertyBehavesLikeValueOfNull() throws Exception {
        assertFalse(m.getBooleanProperty("none"));
        assertNull(m.getStringProperty("none"));
        assertNull(m.getObjectProperty("none"));
        assertThrows(NumberFormatException.class, () -> m.getIntProperty("none"));
        assertThrows(NumberFormatException.class, () -> m.getLongProperty("none"));
        assertThrows(NullPointerException.class, () -> m.getDoubleProperty("none"));
    }

    @Test
    void objectPropertyAcceptsOnlyPrimitiveWrappersAndString() throws Exception {
        m.setObjectProperty("o", 5);
        assertEquals(5, m.getObjectProperty("o"));
        assertThrows(MessageFormatException.class, () -> m.setObjectProperty("bad", new Object()));
        assertThrows(MessageFormatException.class, () -> m.setObjectProperty("bad", new byte[1]));
    }

    @Test
    void propertyNamesMustBeIdentifiersAndNotKeywords() {
        assertThrows(IllegalArgumentException.class, () -> m.setIntProperty("", 1));
        assertThrows(IllegalArgumentException.class, () -> m.setIntProperty(null, 1));
        assertThrows(IllegalArgumentException.class, () -> m.setIntProperty("1abc", 1));
        assertThrows(IllegalArgumentException.class, () -> m.setIntProperty("a-b", 1));
        assertThrows(IllegalArgumentException.class, () -> m.setIntProperty("AND", 1));
        assertThrows(IllegalArgumentException.class, () -> m.setIntProperty("between", 1));
    }

    @Test
    void receivedPropertiesAreReadOnlyUntilCleared() throws Exception {
        m.setIntProperty("a", 1);
        m.markReceived(null);
        assertThrows(MessageNotWriteableException.class, () -> m.setIntProperty("b", 2));
        m.clearProperties();
        assertFalse(m.propertyExists("a"));
        m.setIntProperty("b", 2);
        assertEquals(2, m.getIntProperty("b"));
    }
}
