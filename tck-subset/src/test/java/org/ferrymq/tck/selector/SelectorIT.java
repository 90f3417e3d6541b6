package org.ferrymq.tck.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ferrymq.tck.Jms.receive;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import org.ferrymq.tck.Jms;
import org.ferrymq.tck.TckTest;
import org.junit.jupiter.api.Timeout;

/**
 * Jakarta Messaging 3.1, section 3.8 "Message selection" and 3.8.1.1 "Message selector syntax":
 * literals, identifiers (properties and JMS headers), comparison, arithmetic, BETWEEN, IN, LIKE
 * with ESCAPE, IS NULL, three-valued logic for unknown values, and parse errors reported as
 * InvalidSelectorException when the consumer is created. Filtering is checked on topic
 * subscriptions, queue consumers and queue browsers; every operator test runs through both a
 * topic subscription and a queue consumer, so on FerryMQ both of the broker's evaluation points
 * (routing through a binding's selector, dispatching to a consumer's) are exercised.
 *
 * <p>On plain RabbitMQ a selector on a JMS Queue cannot be honoured (AMQP 0-9-1 cannot filter a
 * shared queue): the provider refuses it with a JMSException whose error code is
 * {@code SELECTOR_ON_QUEUE_UNSUPPORTED}, and that is what the RabbitMQ target asserts.
 */
@Timeout(30)
class SelectorIT {

    interface Decorator {
        void apply(Message m) throws JMSException;
    }

    /**
     * Sends one text message per decorator ("m0", "m1", ...) through a topic subscription and
     * through a queue consumer with the same selector, and returns the texts the selector lets
     * through; both must agree. On FerryMQ the topic's selector is evaluated when routing (on the
     * subscription's binding) and the queue's when dispatching (on the consumer), by the broker;
     * on RabbitMQ the topic's is evaluated by the client and a queue selector is refused.
     */
    private static List<String> throughSelector(Jms jms, String selector, Decorator... messages) throws Exception {
        List<String> viaTopic = throughTopicSelector(jms, selector, messages);
        Session s = jms.session();
        Queue q = jms.queue(s);
        if (jms.isRabbitMq()) {
            assertThatThrownBy(() -> s.createConsumer(q, selector))
                    .isInstanceOfSatisfying(JMSException.class,
                            e -> assertThat(e.getErrorCode()).isEqualTo("SELECTOR_ON_QUEUE_UNSUPPORTED"));
            return viaTopic;
        }
        MessageProducer p = s.createProducer(q);
        send(s, p, messages);
        MessageConsumer c = s.createConsumer(q, selector);
        assertThat(drain(c)).as("through a queue: " + selector).containsExactlyElementsOf(viaTopic);
        return viaTopic;
    }

    private static List<String> throughTopicSelector(Jms jms, String selector, Decorator... messages) throws Exception {
        Session s = jms.session();
        Topic t = jms.topic(s);
        MessageConsumer c = s.createConsumer(t, selector);
        send(s, s.createProducer(t), messages);
        return drain(c);
    }

    private static void send(Session s, MessageProducer p, Decorator... messages) throws Exception {
        for (int i = 0; i < messages.length; i++) {
            TextMessage m = s.createTextMessage("m" + i);
            messages[i].apply(m);
            p.send(m);
        }
    }

    private static List<String> drain(MessageConsumer c) throws JMSException {
        List<String> got = new ArrayList<>();
        for (Message m; (m = c.receive(300)) != null; ) {   // every message was confirmed before
            got.add(((TextMessage) m).getText());
        }
        return got;
    }

    // ---- parse errors ---------------------------------------------------------------------------

    private static void assertInvalid(Jms jms, String selector) throws Exception {
        Session s = jms.session();
        Topic t = jms.topic(s);
        assertThatThrownBy(() -> s.createConsumer(t, selector)).as(selector).isInstanceOf(InvalidSelectorException.class);
    }

    @TckTest
    void aDanglingOperatorIsInvalid(Jms jms) throws Exception {
        assertInvalid(jms, "color =");
    }

    @TckTest
    void anUnterminatedStringIsInvalid(Jms jms) throws Exception {
        assertInvalid(jms, "color = 'red");
    }

    @TckTest
    void unbalancedParenthesesAreInvalid(Jms jms) throws Exception {
        assertInvalid(jms, "(a = 1");
    }

    @TckTest
    void aReservedWordAsIdentifierIsInvalid(Jms jms) throws Exception {
        assertInvalid(jms, "AND = 1");
    }

    @TckTest
    void doubleEqualsIsInvalid(Jms jms) throws Exception {
        assertInvalid(jms, "a == 1");
    }

    @TckTest
    void comparingAStringWithANumberLiteralIsInvalidOrFalse(Jms jms) throws Exception {
        assertInvalid(jms, "'a' LIKE 3");
    }

    @TckTest
    void aSelectorThatIsNotBooleanIsInvalid(Jms jms) throws Exception {
        assertInvalid(jms, "1 + 2");
    }

    @TckTest
    void anEmptyInListIsInvalid(Jms jms) throws Exception {
        assertInvalid(jms, "a IN ()");
    }

    @TckTest
    void anInvalidSelectorIsRefusedOnDurableSubscriptionsToo(Jms jms) throws Exception {
        var c = jms.connection(jms.clientId());
        c.start();
        Session s = c.createSession();
        Topic t = jms.topic(s);
        assertThatThrownBy(() -> s.createDurableConsumer(t, "sub", "a = = 1", false)).isInstanceOf(InvalidSelectorException.class);
    }

    @TckTest
    void anInvalidSelectorIsRefusedOnABrowser(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        s.createConsumer(q).close();
        assertThatThrownBy(() -> s.createBrowser(q, "x >")).isInstanceOf(InvalidSelectorException.class);
    }

    @TckTest
    void nullAndEmptySelectorsSelectEverything(Jms jms) throws Exception {
        Session s = jms.session();
        Topic t = jms.topic(s);
        MessageConsumer empty = s.createConsumer(t, "");
        MessageConsumer none = s.createConsumer(t, null);
        s.createProducer(t).send(s.createTextMessage("all"));
        receive(empty);
        receive(none);
    }

    // ---- filtering on a topic subscription ----------------------------------------------------

    @TckTest
    void stringEquality(Jms jms) throws Exception {
        assertThat(throughSelector(jms, "color = 'red'",
                m -> m.setStringProperty("color", "red"),
                m -> m.setStringProperty("color", "blue"),
                m -> { })).containsExactly("m0");
    }

    @TckTest
    void stringInequalityExcludesMissingProperties(Jms jms) throws Exception {
        assertThat(throughSelector(jms, "color <> 'red'",
                m -> m.setStringProperty("color", "red"),
                m -> m.setStringProperty("color", "blue"),
                m -> { })).containsExactly("m1");
    }

    @TckTest
    void numericComparisonsAcrossTypes(Jms jms) throws Exception {
        assertThat(throughSelector(jms, "size > 10 AND weight <= 2.5",
                m -> { m.setIntProperty("size", 11); m.setDoubleProperty("weight", 2.5); },
                m -> { m.setLongProperty("size", 10); m.setFloatProperty("weight", 1f); },
                m -> { m.setShortProperty("size", (short) 20); m.setDoubleProperty("weight", 3.0); },
                m -> { m.setByteProperty("size", (byte) 99); m.setIntProperty("weight", 2); })).containsExactly("m0", "m3");
    }

    @TckTest
    void arithmetic(Jms jms) throws Exception {
        assertThat(throughSelector(jms, "price * quantity - 5 >= 15 AND -price < 0",
                m -> { m.setIntProperty("price", 5); m.setIntProperty("quantity", 4); },
                m -> { m.setIntProperty("price", 2); m.setIntProperty("quantity", 4); })).containsExactly("m0");
    }

    @TckTest
    void between(Jms jms) throws Exception {
        assertThat(throughSelector(jms, "age BETWEEN 18 AND 65",
                m -> m.setIntProperty("age", 18),
                m -> m.setIntProperty("age", 65),
                m -> m.setIntProperty("age", 66),
                m -> m.setIntProperty("age", 17))).containsExactly("m0", "m1");
    }

    @TckTest
    void notBetween(Jms jms) throws Exception {
        assertThat(throughSelector(jms, "age NOT BETWEEN 18 AND 65",
                m -> m.setIntProperty("age", 30),
                m -> m.setIntProperty("age", 70))).containsExactly("m1");
    }

    @TckTest
    void inList(Jms jms) throws Exception {
        assertThat(throughSelector(jms, "country IN ('UK', 'FR')",
                m -> m.setStringProperty("country", "FR"),
                m -> m.setStringProperty("country", "DE"),
                m -> { })).containsExactly("m0");
    }

    @TckTest
    void notInListExcludesMissingProperties(Jms jms) throws Exception {
        assertThat(throughSelector(jms, "country NOT IN ('UK', 'FR')",
                m -> m.setStringProperty("country", "FR"),
                m -> m.setStringProperty("country", "DE"),
                m -> { })).containsExactly("m1");
    }

    /** 3.8.1.1: IN is defined over a String identifier; any other value is UNKNOWN, as NULL is (issue 14, item 25). */
    @TckTest
    void inAndNotInOverAValueThatIsNotAStringAreUnknown(Jms jms) throws Exception {
        Decorator[] messages = {
                m -> m.setStringProperty("code", "7"),
                m -> m.setIntProperty("code", 7),
                m -> m.setBooleanProperty("code", true),
                m -> m.setDoubleProperty("code", 7.0),
                m -> m.setStringProperty("code", "8")};
        assertThat(throughSelector(jms, "code NOT IN ('7', 'true')", messages)).containsExactly("m4");
        assertThat(throughSelector(jms, "code IN ('7', 'true', '7.0')", messages)).containsExactly("m0");
        assertThat(throughSelector(jms, "NOT (code IN ('8'))", messages)).containsExactly("m0");
    }

    @TckTest
    void likeWithWildcards(Jms jms) throws Exception {
        assertThat(throughSelector(jms, "code LIKE 'ab_%'",
                m -> m.setStringProperty("code", "abc"),
                m -> m.setStringProperty("code", "abcdef"),
                m -> m.setStringProperty("code", "ab"),
                m -> m.setStringProperty("code", "xabc"))).containsExactly("m0", "m1");
    }

    @TckTest
    void likeWithEscape(Jms jms) throws Exception {
        assertThat(throughSelector(jms, "code LIKE '100\\%' ESCAPE '\\'",
                m -> m.setStringProperty("code", "100%"),
                m -> m.setStringProperty("code", "1000"))).containsExactly("m0");
    }

    @TckTest
    void notLike(Jms jms) throws Exception {
        assertThat(throughSelector(jms, "code NOT LIKE 'a%'",
                m -> m.setStringProperty("code", "abc"),
                m -> m.setStringProperty("code", "xyz"))).containsExactly("m1");
    }

    @TckTest
    void isNullAndIsNotNull(Jms jms) throws Exception {
        assertThat(throughSelector(jms, "tag IS NULL",
                m -> m.setStringProperty("tag", "x"),
                m -> { })).containsExactly("m1");
        assertThat(throughSelector(jms, "tag IS NOT NULL",
                m -> m.setStringProperty("tag", "x"),
                m -> { })).containsExactly("m0");
    }

    @TckTest
    void booleanPropertiesAndLiterals(Jms jms) throws Exception {
        assertThat(throughSelector(jms, "urgent = TRUE",
                m -> m.setBooleanProperty("urgent", true),
                m -> m.setBooleanProperty("urgent", false))).containsExactly("m0");
        assertThat(throughSelector(jms, "urgent",
                m -> m.setBooleanProperty("urgent", true),
                m -> m.setBooleanProperty("urgent", false))).containsExactly("m0");
    }

    @TckTest
    void unknownValuesFollowThreeValuedLogic(Jms jms) throws Exception {
        // missing 'b' is unknown: unknown OR true = true, unknown AND true = unknown, NOT unknown = unknown
        assertThat(throughSelector(jms, "b = 1 OR a = 1", m -> m.setIntProperty("a", 1))).containsExactly("m0");
        assertThat(throughSelector(jms, "b = 1 AND a = 1", m -> m.setIntProperty("a", 1))).isEmpty();
        assertThat(throughSelector(jms, "NOT (b = 1)", m -> m.setIntProperty("a", 1))).isEmpty();
    }

    @TckTest
    void precedenceAndParentheses(Jms jms) throws Exception {
        assertThat(throughSelector(jms, "a = 1 OR a = 2 AND b = 3",
                m -> { m.setIntProperty("a", 1); m.setIntProperty("b", 0); },
                m -> { m.setIntProperty("a", 2); m.setIntProperty("b", 0); })).containsExactly("m0");
        assertThat(throughSelector(jms, "(a = 1 OR a = 2) AND b = 3",
                m -> { m.setIntProperty("a", 1); m.setIntProperty("b", 0); },
                m -> { m.setIntProperty("a", 2); m.setIntProperty("b", 3); })).containsExactly("m1");
    }

    @TckTest
    void identifiersAreCaseSensitiveAndKeywordsAreNot(Jms jms) throws Exception {
        assertThat(throughSelector(jms, "Color = 'red' and color is null",
                m -> m.setStringProperty("Color", "red"),
                m -> m.setStringProperty("color", "red"))).containsExactly("m0");
    }

    @TckTest
    void stringLiteralsWithQuotes(Jms jms) throws Exception {
        assertThat(throughSelector(jms, "name = 'O''Brien'",
                m -> m.setStringProperty("name", "O'Brien"),
                m -> m.setStringProperty("name", "OBrien"))).containsExactly("m0");
    }

    @TckTest
    void approximateAndExactNumericLiterals(Jms jms) throws Exception {
        assertThat(throughSelector(jms, "v = 7E3 OR v = 0x1F OR v = 5.",
                m -> m.setDoubleProperty("v", 7000),
                m -> m.setIntProperty("v", 31),
                m -> m.setFloatProperty("v", 5f),
                m -> m.setIntProperty("v", 6))).containsExactly("m0", "m1", "m2");
    }

    @TckTest
    void jmsHeadersInSelectors(Jms jms) throws Exception {
        assertThat(throughSelector(jms, "JMSType = 'order' AND JMSCorrelationID = 'c1'",
                m -> { m.setJMSType("order"); m.setJMSCorrelationID("c1"); },
                m -> { m.setJMSType("order"); m.setJMSCorrelationID("c2"); },
                m -> m.setJMSType("invoice"))).containsExactly("m0");
    }

    @TckTest
    void jmsPriorityAndDeliveryModeInSelectors(Jms jms) throws Exception {
        Session s = jms.session();
        Topic t = jms.topic(s);
        MessageConsumer high = s.createConsumer(t, "JMSPriority > 6");
        MessageConsumer persistent = s.createConsumer(t, "JMSDeliveryMode = 'PERSISTENT'");
        MessageProducer p = s.createProducer(t);
        p.send(s.createTextMessage("low-np"), DeliveryMode.NON_PERSISTENT, 1, 0);
        p.send(s.createTextMessage("high-p"), DeliveryMode.PERSISTENT, 9, 0);
        assertThat(((TextMessage) receive(high)).getText()).isEqualTo("high-p");
        assertThat(((TextMessage) receive(persistent)).getText()).isEqualTo("high-p");
        Jms.assertNothing(high);
        Jms.assertNothing(persistent);
    }

    @TckTest
    void jmsMessageIdAndTimestampInSelectors(Jms jms) throws Exception {
        assertThat(throughSelector(jms, "JMSMessageID LIKE 'ID:%' AND JMSTimestamp > 0", m -> { })).containsExactly("m0");
    }

    @TckTest
    void aSelectorDoesNotChangeWhatOtherSubscribersGet(Jms jms) throws Exception {
        Session s = jms.session();
        Topic t = jms.topic(s);
        MessageConsumer filtered = s.createConsumer(t, "n = 1");
        MessageConsumer all = s.createConsumer(t);
        for (int i = 0; i < 3; i++) {
            Message m = s.createTextMessage("m" + i);
            m.setIntProperty("n", i);
            s.createProducer(t).send(m);
        }
        assertThat(((TextMessage) receive(filtered)).getText()).isEqualTo("m1");
        for (int i = 0; i < 3; i++) {
            assertThat(((TextMessage) receive(all)).getText()).isEqualTo("m" + i);
        }
        assertThat(filtered.getMessageSelector()).isEqualTo("n = 1");
    }

    // ---- queues and browsers ---------------------------------------------------------------------

    @TckTest
    void aQueueConsumerGetsOnlyMatchingMessagesAndOthersStay(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        MessageProducer p = s.createProducer(q);
        for (int i = 0; i < 4; i++) {
            Message m = s.createTextMessage("m" + i);
            m.setIntProperty("n", i);
            p.send(m);
        }
        if (jms.isRabbitMq()) {
            assertThatThrownBy(() -> s.createConsumer(q, "n >= 2"))
                    .isInstanceOfSatisfying(JMSException.class,
                            e -> assertThat(e.getErrorCode()).isEqualTo("SELECTOR_ON_QUEUE_UNSUPPORTED"));
            return;
        }
        MessageConsumer even = s.createConsumer(q, "n >= 2");
        assertThat(((TextMessage) receive(even)).getText()).isEqualTo("m2");
        assertThat(((TextMessage) receive(even)).getText()).isEqualTo("m3");
        Jms.assertNothing(even);
        MessageConsumer rest = s.createConsumer(q);
        assertThat(((TextMessage) receive(rest)).getText()).isEqualTo("m0");
        assertThat(((TextMessage) receive(rest)).getText()).isEqualTo("m1");
    }

    @TckTest
    void anInvalidSelectorOnAQueueIsAnInvalidSelectorException(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        s.createConsumer(q).close();
        if (jms.isRabbitMq()) {
            // no queue selector at all on RabbitMQ: the refusal may come before the syntax check
            assertThatThrownBy(() -> s.createConsumer(q, "n >>> 2")).isInstanceOfSatisfying(JMSException.class,
                    e -> assertThat(e instanceof InvalidSelectorException
                            || "SELECTOR_ON_QUEUE_UNSUPPORTED".equals(e.getErrorCode())).isTrue());
            return;
        }
        assertThatThrownBy(() -> s.createConsumer(q, "n >>> 2")).isInstanceOf(InvalidSelectorException.class);
    }

    @TckTest
    void aBrowserWithASelectorSeesOnlyMatchingMessages(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        MessageProducer p = s.createProducer(q);
        for (int i = 0; i < 4; i++) {
            Message m = s.createTextMessage("m" + i);
            m.setStringProperty("kind", i % 2 == 0 ? "even" : "odd");
            p.send(m);
        }
        QueueBrowser browser = s.createBrowser(q, "kind = 'odd'");
        assertThat(browser.getMessageSelector()).isEqualTo("kind = 'odd'");
        List<String> seen = new ArrayList<>();
        for (Object m : Collections.list(browser.getEnumeration())) {
            seen.add(((TextMessage) m).getText());
        }
        assertThat(seen).containsExactly("m1", "m3");
    }
}
