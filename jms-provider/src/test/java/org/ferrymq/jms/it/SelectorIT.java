package org.ferrymq.jms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.jms.Connection;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import org.ferrymq.jms.selector.EqualsOnlySelectorCompiler;
import org.ferrymq.jms.selector.Selectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Client-side selector evaluation through the SelectorCompiler seam (with a stand-in engine). */
class SelectorIT extends BrokerTestBase {

    @BeforeEach
    void installEngine() {
        Selectors.install(new EqualsOnlySelectorCompiler());
    }

    @AfterEach
    void removeEngine() {
        Selectors.install(null);
    }

    private static TextMessage colored(Session s, String text, String color) throws Exception {
        TextMessage m = s.createTextMessage(text);
        m.setStringProperty("color", color);
        return m;
    }

    @Test
    void topicSubscriptionSeesOnlyMatchingMessages() throws Exception {
        Connection c = started();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = s.createTopic("jms-it.sel." + System.nanoTime());
        MessageConsumer red = s.createConsumer(t, "color = 'red'");
        assertEquals("color = 'red'", red.getMessageSelector());
        MessageConsumer all = s.createConsumer(t);
        MessageProducer p = s.createProducer(t);
        p.send(colored(s, "r1", "red"));
        p.send(colored(s, "b1", "blue"));
        p.send(colored(s, "r2", "red"));
        assertEquals("r1", ((TextMessage) red.receive(5000)).getText());
        assertEquals("r2", ((TextMessage) red.receive(5000)).getText());
        assertNull(red.receive(300));
        for (int i = 0; i < 3; i++) {
            all.receive(5000);
        }
    }

    @Test
    void headerFieldsAreSelectable() throws Exception {
        Connection c = started();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = s.createTopic("jms-it.sel." + System.nanoTime());
        MessageConsumer urgent = s.createConsumer(t, "JMSPriority = 9");
        MessageProducer p = s.createProducer(t);
        p.send(s.createTextMessage("normal"));
        p.send(s.createTextMessage("urgent"), jakarta.jms.DeliveryMode.NON_PERSISTENT, 9, 0);
        assertEquals("urgent", ((TextMessage) urgent.receive(5000)).getText());
    }

    @Test
    void browserFiltersWithoutConsuming() throws Exception {
        Connection c = started();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(TestBroker.queueName("sel-browse"));
        MessageProducer p = s.createProducer(q);
        p.send(colored(s, "r", "red"));
        p.send(colored(s, "b", "blue"));
        List<String> seen = new ArrayList<>();
        for (Object o : Collections.list(s.createBrowser(q, "color = 'blue'").getEnumeration())) {
            seen.add(((TextMessage) o).getText());
        }
        assertEquals(List.of("b"), seen);
        assertEquals(2, TestBroker.messageCount(q.getQueueName()));
    }

    @Test
    void badSyntaxIsAnInvalidSelector() throws Exception {
        Session s = connect().createSession();
        assertThrows(InvalidSelectorException.class, () -> s.createConsumer(s.createTopic("jms-it.sel"), "color IN ("));
    }
}
