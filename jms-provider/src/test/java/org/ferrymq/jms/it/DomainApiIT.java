package org.ferrymq.jms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.IllegalStateException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSender;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;

import org.junit.jupiter.api.Test;

/** The JMS 1.0 domain-specific interfaces (QueueConnectionFactory, TopicConnectionFactory, ...). */
class DomainApiIT extends BrokerTestBase {

    @Test
    void queueDomain() throws Exception {
        QueueConnection c = track(factory().createQueueConnection());
        c.start();
        QueueSession s = c.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(TestBroker.queueName("domain-q"));
        QueueSender sender = s.createSender(q);
        QueueReceiver receiver = s.createReceiver(q);
        assertEquals(q, receiver.getQueue());
        assertEquals(q, sender.getQueue());
        sender.send(s.createTextMessage("p2p"));
        assertEquals("p2p", ((TextMessage) receiver.receive(5000)).getText());
        assertNull(receiver.receiveNoWait());
        // spec 2.9: a QueueSession refuses the topic-only methods of Session
        assertThrows(IllegalStateException.class, () -> s.createTopic("t"));
        assertThrows(IllegalStateException.class, s::createTemporaryTopic);
        assertThrows(IllegalStateException.class, () -> s.unsubscribe("sub"));
        assertThrows(IllegalStateException.class, () -> s.createSharedConsumer(null, "sub"));
        assertThrows(IllegalStateException.class, () -> s.createDurableConsumer(null, "sub"));
        assertThrows(IllegalStateException.class, () -> s.createSharedDurableConsumer(null, "sub"));
    }

    @Test
    void topicDomain() throws Exception {
        TopicConnection c = track(factory().createTopicConnection());
        c.start();
        TopicSession s = c.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = s.createTopic("jms-it.domain." + System.nanoTime());
        TopicSubscriber subscriber = s.createSubscriber(t);
        TopicPublisher publisher = s.createPublisher(t);
        publisher.publish(s.createTextMessage("pub/sub"));
        TextMessage m = (TextMessage) subscriber.receive(5000);
        assertNotNull(m);
        assertEquals("pub/sub", m.getText());
        assertEquals(t, subscriber.getTopic());
        // and a TopicSession the queue-only ones
        assertThrows(IllegalStateException.class, () -> s.createQueue("q"));
        assertThrows(IllegalStateException.class, s::createTemporaryQueue);
        assertThrows(IllegalStateException.class, () -> s.createBrowser(null));
    }
}
