package org.ferrymq.jms.provider.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.junit.jupiter.api.Test;

/**
 * Selectors on a JMS Queue, which only a transport whose broker filters can honour: FerryMQ
 * evaluates them (x-selector); the client compiles them first only to refuse a bad one.
 */
class VmSelectorIT extends VmTestBase {

    private static TextMessage colored(Session s, String color, int priority) throws JMSException {
        TextMessage m = s.createTextMessage(color);
        m.setStringProperty("color", color);
        m.setJMSPriority(priority);
        return m;
    }

    @Test
    void twoConsumersWithDifferentSelectorsShareOneQueueAndTheRestStaysQueued() throws Exception {
        String name = VmTestBroker.name("paint");
        Connection c = started();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(name);
        MessageProducer out = s.createProducer(q);
        for (String color : new String[] {"red", "blue", "green", "red", "blue"}) {
            out.send(s.createTextMessage(color), jakarta.jms.DeliveryMode.PERSISTENT, 4, 0);
        }
        // the producer above sets no property: send the colored ones now
        MessageConsumer drain = s.createConsumer(q);
        while (drain.receive(300) != null) {
            // empty the queue of the uncolored ones
        }
        drain.close();
        for (String color : new String[] {"red", "blue", "green", "red", "blue"}) {
            out.send(colored(s, color, 4));
        }
        Session other = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer reds = s.createConsumer(q, "color = 'red'");
        MessageConsumer blues = other.createConsumer(q, "color IN ('blue') AND JMSPriority = 4");
        assertEquals("color = 'red'", reds.getMessageSelector());
        assertEquals("red", ((TextMessage) reds.receive(5000)).getText());
        assertEquals("red", ((TextMessage) reds.receive(5000)).getText());
        assertEquals("blue", ((TextMessage) blues.receive(5000)).getText());
        assertEquals("blue", ((TextMessage) blues.receive(5000)).getText());
        assertNull(reds.receive(200));
        assertNull(blues.receive(200));
        assertEquals(1, VmTestBroker.messageCount(name), "green waits for a consumer that wants it");
        out.send(colored(s, "red", 4));
        assertEquals("red", ((TextMessage) reds.receive(5000)).getText());
        MessageConsumer greens = other.createConsumer(q, "color = 'green'");
        assertEquals("green", ((TextMessage) greens.receive(5000)).getText());
    }

    @Test
    void aSelectorThatDoesNotParseIsRefusedBeforeItReachesTheBroker() throws Exception {
        Connection c = started();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(VmTestBroker.name("bad-selector"));
        MessageConsumer live = s.createConsumer(q);
        // compiled on the client first: the broker's 406 would close the session's channel
        assertThrows(jakarta.jms.InvalidSelectorException.class, () -> s.createConsumer(q, "color = "));
        MessageProducer out = s.createProducer(q);
        out.send(colored(s, "red", 4));
        assertEquals("red", ((TextMessage) live.receive(5000)).getText(), "the session's other consumer lives on");
    }
}
