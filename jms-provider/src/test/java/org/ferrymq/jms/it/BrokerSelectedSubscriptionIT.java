package org.ferrymq.jms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.UUID;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import org.junit.jupiter.api.Test;

/**
 * Topic subscriptions with a selector: on FerryMQ the selector goes on the subscription queue's
 * binding ({@code x-selector}), so non-matching messages never enter the queue; on plain RabbitMQ
 * the binding is plain and the client filters, which the application cannot tell apart.
 */
class BrokerSelectedSubscriptionIT extends BrokerTestBase {

    private static Message colored(Session s, String text, String color) throws JMSException {
        TextMessage m = s.createTextMessage(text);
        m.setStringProperty("color", color);
        return m;
    }

    private static String text(Message m) throws JMSException {
        return m == null ? null : ((TextMessage) m).getText();
    }

    @Test
    void aDurableSubscriptionStoresOnlyWhatItsSelectorMatchesWhileItsSubscriberIsAway() throws Exception {
        String clientId = "jms-it-" + UUID.randomUUID();
        String queue = "jms.durable." + clientId + ".reds";
        TestBroker.deleteLater(queue);
        Connection c1 = connect();
        c1.setClientID(clientId);
        Session s1 = c1.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = s1.createTopic("jms-it.sel-durable." + UUID.randomUUID().toString().substring(0, 8));
        s1.createDurableSubscriber(t, "reds", "color = 'red'", false).close();
        c1.close();

        Connection publisher = started();
        Session ps = publisher.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = ps.createProducer(t);
        p.setDeliveryMode(DeliveryMode.PERSISTENT);   // each send returns once the broker confirmed it
        p.send(colored(ps, "r1", "red"));
        p.send(colored(ps, "b1", "blue"));
        p.send(ps.createTextMessage("no-color"));
        p.send(colored(ps, "r2", "red"));
        p.send(colored(ps, "g1", "green"));
        if (!TestBroker.isExternal()) {
            assertEquals(2, TestBroker.messageCount(queue), "only the matching messages are stored");
        }

        Connection c2 = connect();
        c2.setClientID(clientId);
        c2.start();
        Session s2 = c2.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer again = s2.createDurableConsumer(t, "reds", "color = 'red'", false);
        assertEquals("r1", text(again.receive(5000)));
        assertEquals("r2", text(again.receive(5000)));
        assertNull(again.receive(300));
        again.close();
        s2.unsubscribe("reds");
    }

    @Test
    void aDurableSubscriptionWhoseSelectorChangesIsReplacedAndSelectsWithTheNewOne() throws Exception {
        String clientId = "jms-it-" + UUID.randomUUID();
        String queue = "jms.durable." + clientId + ".paint";
        TestBroker.deleteLater(queue);
        Connection c = connect();
        c.setClientID(clientId);
        c.start();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = s.createTopic("jms-it.sel-change." + UUID.randomUUID().toString().substring(0, 8));
        s.createDurableSubscriber(t, "paint", "color = 'red'", false).close();
        MessageConsumer blues = s.createDurableSubscriber(t, "paint", "color = 'blue'", false);
        blues.close();
        MessageProducer p = s.createProducer(t);
        p.setDeliveryMode(DeliveryMode.PERSISTENT);
        p.send(colored(s, "r1", "red"));
        p.send(colored(s, "b1", "blue"));
        if (!TestBroker.isExternal()) {
            assertEquals(1, TestBroker.messageCount(queue), "the old selector's binding is gone with the old queue");
        }
        blues = s.createDurableSubscriber(t, "paint", "color = 'blue'", false);
        assertEquals("b1", text(blues.receive(5000)));
        assertNull(blues.receive(300));
        blues.close();
        s.unsubscribe("paint");
    }

    @Test
    void sharedAndNonDurableSubscriptionsGetOnlyWhatTheySelect() throws Exception {
        Connection c = started();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = s.createTopic("jms-it.sel-shared." + UUID.randomUUID().toString().substring(0, 8));
        MessageConsumer shared = s.createSharedConsumer(t, "sel-" + UUID.randomUUID(), "weight > 10");
        MessageConsumer plain = s.createConsumer(t, "weight <= 10 OR color = 'red'");
        MessageProducer p = s.createProducer(t);
        for (int weight : new int[] {5, 20, 11, 10}) {
            Message m = s.createTextMessage("w" + weight);
            m.setIntProperty("weight", weight);
            p.send(m);
        }
        assertEquals("w20", text(shared.receive(5000)));
        assertEquals("w11", text(shared.receive(5000)));
        assertNull(shared.receive(200));
        assertEquals("w5", text(plain.receive(5000)));
        assertEquals("w10", text(plain.receive(5000)));
        assertNull(plain.receive(200));
    }

    @Test
    void anInvalidQueueSelectorIsRefusedOnTheClientAndTheSessionsOtherConsumersLiveOn() throws Exception {
        Connection c = started();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(TestBroker.queueName("sel-invalid"));
        MessageConsumer live = s.createConsumer(q);
        MessageProducer p = s.createProducer(q);
        p.send(s.createTextMessage("before"));
        assertEquals("before", text(live.receive(5000)));

        assertThrows(InvalidSelectorException.class, () -> s.createConsumer(q, "color = "));
        assertThrows(InvalidSelectorException.class, () -> s.createConsumer(s.createTopic("jms-it.sel-bad"), "color IN ("));

        p.send(s.createTextMessage("after"));
        assertEquals("after", text(live.receive(5000)), "the session's channel is still open");
    }
}
