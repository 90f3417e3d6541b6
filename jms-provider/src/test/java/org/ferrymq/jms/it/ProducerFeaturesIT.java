package org.ferrymq.jms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.junit.jupiter.api.Test;

/** Asynchronous send, delivery delay, persistence and the non-consuming QueueBrowser. */
class ProducerFeaturesIT extends BrokerTestBase {

    @Test
    void asyncSendCallsTheCompletionListenerInOrder() throws Exception {
        Connection c = started();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(TestBroker.queueName("async"));
        MessageProducer p = s.createProducer(q);
        List<String> completed = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(20);
        CompletionListener listener = new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                try {
                    completed.add(((TextMessage) message).getText());
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
                done.countDown();
            }

            @Override
            public void onException(Message message, Exception exception) {
                done.countDown();
            }
        };
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sent.add("a" + i);
            p.send(s.createTextMessage("a" + i), listener);
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(sent, completed);
        assertEquals(20, TestBroker.messageCount(q.getQueueName()));
    }

    @Test
    void persistentSendWaitsForTheConfirmAndSurvivesInADurableQueue() throws Exception {
        Connection c = started();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(TestBroker.queueName("persistent"));
        MessageProducer p = s.createProducer(q);
        assertEquals(DeliveryMode.PERSISTENT, p.getDeliveryMode());
        p.send(s.createTextMessage("durable"));
        // the confirm came back before send() returned: the broker has it
        assertEquals(1, TestBroker.messageCount(q.getQueueName()));
        try (com.rabbitmq.client.Channel ch = TestBroker.admin().createChannel()) {
            com.rabbitmq.client.GetResponse r = ch.basicGet(q.getQueueName(), true);
            assertEquals(2, r.getProps().getDeliveryMode());
        }
    }

    @Test
    void deliveryDelayHoldsTheMessageUntilDue() throws Exception {
        Connection c = started();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(TestBroker.queueName("delay"));
        MessageConsumer consumer = s.createConsumer(q);
        MessageProducer p = s.createProducer(q);
        p.setDeliveryDelay(1500);
        TextMessage m = s.createTextMessage("later");
        long before = System.currentTimeMillis();
        p.send(m);
        assertEquals(m.getJMSTimestamp() + 1500, m.getJMSDeliveryTime());
        p.setDeliveryDelay(0);
        p.send(s.createTextMessage("now"));
        assertEquals("now", ((TextMessage) consumer.receive(5000)).getText());
        assertNull(consumer.receive(800));
        Message later = consumer.receive(5000);
        assertNotNull(later);
        assertEquals("later", ((TextMessage) later).getText());
        assertTrue(System.currentTimeMillis() - before >= 1400, "arrived too early");
        assertEquals(m.getJMSDeliveryTime(), later.getJMSDeliveryTime());
        assertEquals(q, later.getJMSDestination());
        TestBroker.deleteLater("jms.delay.1500ms./" + q.getQueueName());
    }

    @Test
    void deliveryDelayToATopic() throws Exception {
        Connection c = started();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        jakarta.jms.Topic t = s.createTopic("jms-it.delayed." + System.nanoTime());
        MessageConsumer sub = s.createConsumer(t);
        MessageProducer p = s.createProducer(t);
        p.setDeliveryDelay(700);
        p.setTimeToLive(60_000);
        p.send(s.createTextMessage("later"));
        assertNull(sub.receive(400));
        Message m = sub.receive(5000);
        assertEquals("later", ((TextMessage) m).getText());
        assertTrue(m.getJMSExpiration() > System.currentTimeMillis());
        TestBroker.deleteLater("jms.delay.700ms.amq.topic/" + t.getTopicName());
    }

    @Test
    void browsingDoesNotConsume() throws Exception {
        Connection c = started();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(TestBroker.queueName("browse"));
        MessageProducer p = s.createProducer(q);
        for (int i = 0; i < 3; i++) {
            p.send(s.createTextMessage("b" + i));
        }
        QueueBrowser browser = s.createBrowser(q);
        List<String> seen = new ArrayList<>();
        for (Object o : Collections.list(browser.getEnumeration())) {
            seen.add(((TextMessage) o).getText());
        }
        assertEquals(List.of("b0", "b1", "b2"), seen);
        assertEquals(3, Collections.list(browser.getEnumeration()).size(), "a second enumeration sees them again");
        browser.close();
        assertEquals(3, TestBroker.messageCount(q.getQueueName()));
        MessageConsumer consumer = s.createConsumer(q);
        for (int i = 0; i < 3; i++) {
            assertEquals("b" + i, ((TextMessage) consumer.receive(5000)).getText());
        }
    }

    @Test
    void browsingAMissingQueueIsAnInvalidDestination() throws Exception {
        Session s = connect().createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThrows(jakarta.jms.InvalidDestinationException.class,
                () -> s.createBrowser(s.createQueue("jms-it.no-such-queue." + System.nanoTime())));
    }

    @Test
    void anonymousProducerNamesTheDestinationPerSend() throws Exception {
        Connection c = started();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(TestBroker.queueName("anon"));
        MessageProducer anon = s.createProducer(null);
        assertThrows(UnsupportedOperationException.class, () -> anon.send(s.createTextMessage("x")));
        anon.send(q, s.createTextMessage("y"));
        MessageProducer bound = s.createProducer(q);
        assertThrows(UnsupportedOperationException.class, () -> bound.send(q, s.createTextMessage("z")));
        assertEquals("y", ((TextMessage) s.createConsumer(q).receive(5000)).getText());
    }
}
