package org.ferrymq.selector;

import static org.ferrymq.selector.Messages.assertInvalid;
import static org.ferrymq.selector.Messages.assertTruth;
import static org.ferrymq.selector.Messages.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Spec 3.8.1.1 and 3.8.1.3: the selectable header fields and their selector values. */
class HeaderTest {

    private final SelectorContext persistent = message(
            "JMSDeliveryMode", SelectableHeaders.PERSISTENT,
            "JMSPriority", 7,
            "JMSMessageID", "ID:abc-1",
            "JMSTimestamp", 1700000000000L,
            "JMSCorrelationID", "corr-9",
            "JMSType", "car");

    @Test
    void theSixSelectableHeaders() {
        assertEquals(Set.of("JMSDeliveryMode", "JMSPriority", "JMSMessageID", "JMSTimestamp", "JMSCorrelationID", "JMSType"),
                SelectableHeaders.NAMES);
        assertTrue(SelectableHeaders.isHeader("JMSType"));
        assertFalse(SelectableHeaders.isHeader("JMSExpiration"));
        assertFalse(SelectableHeaders.isHeader("jmstype"));
    }

    @Test
    void deliveryModeIsAString() {
        assertEquals("PERSISTENT", SelectableHeaders.deliveryMode(true));
        assertEquals("NON_PERSISTENT", SelectableHeaders.deliveryMode(false));
        assertTruth(Truth.TRUE, "JMSDeliveryMode = 'PERSISTENT'", persistent);
        assertTruth(Truth.FALSE, "JMSDeliveryMode = 'NON_PERSISTENT'", persistent);
        assertTruth(Truth.TRUE, "JMSDeliveryMode <> 'NON_PERSISTENT'", persistent);
        assertTruth(Truth.TRUE, "JMSDeliveryMode IN ('PERSISTENT')", persistent);
        assertTruth(Truth.TRUE, "JMSDeliveryMode = 'NON_PERSISTENT'", message("JMSDeliveryMode", "NON_PERSISTENT"));
    }

    @Test
    void priorityIsNumeric() {
        assertTruth(Truth.TRUE, "JMSPriority > 4", persistent);
        assertTruth(Truth.TRUE, "JMSPriority BETWEEN 5 AND 9", persistent);
        assertTruth(Truth.FALSE, "JMSPriority < 5", persistent);
        assertTruth(Truth.TRUE, "JMSPriority + 1 = 8", persistent);
    }

    @Test
    void timestampIsALongMillisecondValue() {
        assertTruth(Truth.TRUE, "JMSTimestamp > 1600000000000", persistent);
        assertTruth(Truth.TRUE, "JMSTimestamp = 1700000000000", persistent);
        assertTruth(Truth.TRUE, "JMSTimestamp BETWEEN 1699999999999 AND 1700000000001", persistent);
    }

    @Test
    void stringHeaders() {
        assertTruth(Truth.TRUE, "JMSMessageID = 'ID:abc-1'", persistent);
        assertTruth(Truth.TRUE, "JMSMessageID LIKE 'ID:%'", persistent);
        assertTruth(Truth.TRUE, "JMSCorrelationID = 'corr-9'", persistent);
        assertTruth(Truth.TRUE, "JMSType = 'car'", persistent);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"JMSMessageID", "JMSCorrelationID", "JMSType"})
    void nullableHeadersAreNullWhenUnset(String header) {
        SelectorContext unset = message("JMSPriority", 4);
        assertTruth(Truth.TRUE, header + " IS NULL", unset);
        assertTruth(Truth.UNKNOWN, header + " = 'x'", unset);
        assertTruth(Truth.UNKNOWN, header + " LIKE '%'", unset);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "JMSPriority = 'high'", "JMSPriority LIKE '4'", "JMSPriority IN ('4')", "JMSTimestamp = 'yesterday'",
            "JMSDeliveryMode = 2", "JMSDeliveryMode > 1", "JMSType BETWEEN 1 AND 'x'", "JMSType BETWEEN 1 AND 2",
            "JMSType > 5", "JMSMessageID + 1 = 2", "JMSCorrelationID = TRUE", "JMSPriority", "NOT JMSType",
            "JMSPriority = TRUE", "-JMSType = 1"})
    void headersUsedAgainstTheirTypeAreRejected(String selector) {
        assertInvalid(selector);
    }

    @Test
    void headerTypeErrorQuotesTheHeader() {
        SelectorSyntaxException e = assertInvalid("JMSType > 5");
        assertTrue(e.reason().contains("JMSType is a string"), e.reason());
        assertEquals(0, e.position());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"JMSExpiration", "JMSRedelivered", "JMSDestination", "JMSReplyTo", "JMSDeliveryTime",
            "JMSXDeliveryCount", "JMSXGroupID"})
    void otherJmsNamesAreOrdinaryIdentifiersForTheContext(String name) {
        // not selectable header fields; passed to the context, which decides (normally null)
        assertTruth(Truth.TRUE, name + " IS NULL", Messages.EMPTY);
        assertTruth(Truth.TRUE, name + " = 5", message(name, 5));
    }

    @Test
    void headerNamesAreCaseSensitive() {
        assertTruth(Truth.UNKNOWN, "jmstype = 'car'", persistent);
        // not a header, so no static type: comparing it with a number is legal
        assertTruth(Truth.UNKNOWN, "jmspriority = 'x'", persistent);
    }
}
