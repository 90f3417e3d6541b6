package org.ferrymq.jms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.junit.jupiter.api.Test;

/** The acknowledgement modes, with CLIENT_ACKNOWLEDGE acking exactly what was consumed. */
class AcknowledgeIT extends BrokerTestBase {

    private void send(Connection c, Queue q, int n) throws Exception {
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(q);
        for (int i = 0; i < n; i++) {
            p.send(s.createTextMessage("m" + i));
        }
        s.close();
    }

    @Test
    void autoAcknowledgeRemovesEachReceivedMessage() throws Exception {
        Connection c = started();
        Queue q = c.createSession().createQueue(TestBroker.queueName("auto"));
        send(c, q, 3);
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(q);
        assertNotNull(consumer.receive(5000));
        assertNotNull(consumer.receive(5000));
        s.close();
        assertEquals(1, TestBroker.messageCount(q.getQueueName()));
    }

    @Test
    void clientAcknowledgeAcksOnlyConsumedMessagesNotPrefetchedOnes() throws Exception {
        Connection c = started();
        Queue q = c.createSession().createQueue(TestBroker.queueName("client") + "?prefetch=10");
        send(c, q, 5);
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(q);
        Message first = consumer.receive(5000);
        Message second = consumer.receive(5000);
        assertNotNull(second);
        Thread.sleep(300);   // let the other three arrive in the prefetch buffer
        first.acknowledge(); // acknowledges both consumed messages, none of the prefetched
        s.close();

        Session again = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer next = again.createConsumer(q);
        Set<String> rest = new HashSet<>();
        Message m;
        while ((m = next.receive(1000)) != null) {
            rest.add(((TextMessage) m).getText());
        }
        assertEquals(Set.of("m2", "m3", "m4"), rest);
        m = null;
        again.recover();
        // nothing acked yet in the new session: all three come back
        int redelivered = 0;
        while ((m = next.receive(1000)) != null) {
            assertTrue(m.getJMSRedelivered());
            redelivered++;
            m.acknowledge();
        }
        assertEquals(3, redelivered);
        again.close();
        assertEquals(0, TestBroker.messageCount(q.getQueueName()));
    }

    @Test
    void clientAcknowledgeCoversEveryConsumerOfTheSession() throws Exception {
        Connection c = started();
        Queue q1 = c.createSession().createQueue(TestBroker.queueName("client-a"));
        Queue q2 = c.createSession().createQueue(TestBroker.queueName("client-b"));
        send(c, q1, 2);
        send(c, q2, 2);
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer a = s.createConsumer(q1);
        MessageConsumer b = s.createConsumer(q2);
        assertNotNull(a.receive(5000));
        Message fromB = b.receive(5000);
        fromB.acknowledge();
        s.close();
        assertEquals(1, TestBroker.messageCount(q1.getQueueName()));
        assertEquals(1, TestBroker.messageCount(q2.getQueueName()));
    }

    @Test
    void unacknowledgedClientMessagesAreRedeliveredAfterClose() throws Exception {
        Connection c = started();
        Queue q = c.createSession().createQueue(TestBroker.queueName("client-unacked"));
        send(c, q, 1);
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Message m = s.createConsumer(q).receive(5000);
        assertFalse(m.getJMSRedelivered());
        s.close();
        Session s2 = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Message again = s2.createConsumer(q).receive(5000);
        assertTrue(again.getJMSRedelivered());
        assertEquals(2, again.getIntProperty("JMSXDeliveryCount"));
        again.acknowledge();
    }

    @Test
    void recoverInAutoModeRedeliversPrefetched() throws Exception {
        Connection c = started();
        Queue q = c.createSession().createQueue(TestBroker.queueName("dups"));
        send(c, q, 2);
        Session s = c.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(q);
        assertEquals("m0", ((TextMessage) consumer.receive(5000)).getText());
        s.recover();
        assertEquals("m1", ((TextMessage) consumer.receive(5000)).getText());
        assertNull(consumer.receive(300));
        s.close();
        assertEquals(0, TestBroker.messageCount(q.getQueueName()));
    }

    @Test
    void perDestinationPrefetchLimitsUnackedDeliveriesPerConsumer() throws Exception {
        Connection c = started();
        String name = TestBroker.queueName("prefetch");
        Queue q = c.createSession().createQueue(name + "?prefetch=1");
        send(c, q, 2);
        Session greedy = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Message held = greedy.createConsumer(q).receive(5000);
        assertNotNull(held);
        // with prefetch 1 the second message was not pushed to the first consumer: another one gets it
        Session other = started().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Message second = other.createConsumer(c.createSession().createQueue(name)).receive(5000);
        assertNotNull(second, "the second message was prefetched by the first consumer");
        assertEquals("m1", ((TextMessage) second).getText());
    }
}
