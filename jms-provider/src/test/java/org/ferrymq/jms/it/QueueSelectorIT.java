package org.ferrymq.jms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.junit.jupiter.api.Test;

/**
 * Selectors on a JMS Queue: FerryMQ evaluates them in the broker (the real selector engine,
 * found on the class path), so competing consumers each get only what they select and the rest
 * stays queued. Plain RabbitMQ cannot, and the provider says so.
 */
class QueueSelectorIT extends BrokerTestBase {

    private static Message colored(Session s, String text, String color) throws JMSException {
        TextMessage m = s.createTextMessage(text);
        m.setStringProperty("color", color);
        return m;
    }

    @Test
    void competingConsumersEachGetWhatTheySelect() throws Exception {
        Connection c = started();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(TestBroker.queueName("sel-queue"));
        MessageProducer p = s.createProducer(q);
        if (TestBroker.isExternal()) {
            // plain RabbitMQ: the clear exception naming the limitation
            JMSException e = assertThrows(JMSException.class, () -> s.createConsumer(q, "color = 'red'"));
            assertEquals("SELECTOR_ON_QUEUE_UNSUPPORTED", e.getErrorCode());
            return;
        }
        MessageConsumer reds = s.createConsumer(q, "color = 'red'");
        MessageConsumer blues = c.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(q, "color = 'blue'");
        p.send(colored(s, "r1", "red"));
        p.send(colored(s, "b1", "blue"));
        p.send(colored(s, "g1", "green"));
        p.send(colored(s, "r2", "red"));
        assertEquals("r1", ((TextMessage) reds.receive(5000)).getText());
        assertEquals("r2", ((TextMessage) reds.receive(5000)).getText());
        assertEquals("b1", ((TextMessage) blues.receive(5000)).getText());
        assertNull(reds.receive(200));
        assertEquals(1, TestBroker.messageCount(q.getQueueName())); // green stays for someone else
    }
}
