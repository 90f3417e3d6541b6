package org.ferrymq.jms.provider.vm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicSubscriber;

import org.junit.jupiter.api.Test;

/** The JMS API end to end over vm://: messages, acknowledgement, transactions, topics, request/reply. */
class VmMessagingIT extends VmTestBase {

    @Test
    void everyMessageTypeAndItsPropertiesArriveIntact() throws Exception {
        Connection c = started();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(VmTestBroker.name("types"));
        MessageConsumer in = s.createConsumer(q);
        MessageProducer out = s.createProducer(q);

        TextMessage text = s.createTextMessage("héllo in-process");
        text.setStringProperty("region", "eu");
        text.setIntProperty("n", 42);
        text.setLongProperty("big", Long.MAX_VALUE);
        text.setBooleanProperty("flag", true);
        text.setDoubleProperty("pi", 3.14);
        text.setByteProperty("b", (byte) -3);
        text.setShortProperty("s", (short) 300);
        text.setFloatProperty("f", 1.5f);
        text.setJMSCorrelationID("corr-1");
        text.setJMSType("greeting");
        out.send(text, DeliveryMode.PERSISTENT, 7, 0);
        BytesMessage bytes = s.createBytesMessage();
        bytes.writeBytes(new byte[] {1, 2, 3, (byte) 0xFF});
        out.send(bytes);
        MapMessage map = s.createMapMessage();
        map.setString("k", "v");
        map.setInt("i", 7);
        map.setChar("c", 'x');
        out.send(map);
        StreamMessage stream = s.createStreamMessage();
        stream.writeString("one");
        stream.writeLong(2L);
        out.send(stream);
        out.send(s.createObjectMessage(new ArrayList<>(List.of("a", "b"))));
        out.send(s.createMessage());

        TextMessage t = assertInstanceOf(TextMessage.class, in.receive(5000));
        assertEquals("héllo in-process", t.getText());
        assertEquals("eu", t.getStringProperty("region"));
        assertEquals(42, t.getIntProperty("n"));
        assertEquals(Long.MAX_VALUE, t.getLongProperty("big"));
        assertTrue(t.getBooleanProperty("flag"));
        assertEquals(3.14, t.getDoubleProperty("pi"));
        assertEquals((byte) -3, t.getByteProperty("b"));
        assertEquals((short) 300, t.getShortProperty("s"));
        assertEquals(1.5f, t.getFloatProperty("f"));
        assertEquals("corr-1", t.getJMSCorrelationID());
        assertEquals("greeting", t.getJMSType());
        assertEquals(7, t.getJMSPriority());
        assertEquals(DeliveryMode.PERSISTENT, t.getJMSDeliveryMode());
        assertEquals(text.getJMSMessageID(), t.getJMSMessageID());
        assertEquals(text.getJMSTimestamp() / 1000, t.getJMSTimestamp() / 1000);
        assertEquals(q, t.getJMSDestination());

        BytesMessage b = assertInstanceOf(BytesMessage.class, in.receive(5000));
        byte[] read = new byte[(int) b.getBodyLength()];
        b.readBytes(read);
        assertArrayEquals(new byte[] {1, 2, 3, (byte) 0xFF}, read);
        MapMessage m = assertInstanceOf(MapMessage.class, in.receive(5000));
        assertEquals("v", m.getString("k"));
        assertEquals(7, m.getInt("i"));
        assertEquals('x', m.getChar("c"));
        StreamMessage st = assertInstanceOf(StreamMessage.class, in.receive(5000));
        assertEquals("one", st.readString());
        assertEquals(2L, st.readLong());
        ObjectMessage o = assertInstanceOf(ObjectMessage.class, in.receive(5000));
        assertEquals(List.of("a", "b"), o.getObject());
        Message plain = in.receive(5000);
        assertNotNull(plain);
        assertFalse(plain instanceof TextMessage || plain instanceof BytesMessage);
        assertNull(in.receive(200));
    }

    @Test
    void clientAcknowledgeRedeliversWhatWasNotAcknowledged() throws Exception {
        String name = VmTestBroker.name("client-ack");
        Connection c = started();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue q = s.createQueue(name);
        MessageConsumer in = s.createConsumer(q);
        MessageProducer out = s.createProducer(q);
        out.send(s.createTextMessage("one"));
        out.send(s.createTextMessage("two"));
        Message first = in.receive(5000);
        assertEquals("one", ((TextMessage) first).getText());
        first.acknowledge();
        assertEquals("two", ((TextMessage) in.receive(5000)).getText());
        s.close();   // "two" was not acknowledged: the broker requeues it

        Session again = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Message redelivered = again.createConsumer(q).receive(5000);
        assertEquals("two", ((TextMessage) redelivered).getText());
        assertTrue(redelivered.getJMSRedelivered());
        redelivered.acknowledge();
        again.close();
        assertEquals(0, VmTestBroker.messageCount(name));
    }

    @Test
    void transactedSendsAndReceivesTakeEffectAtCommitAndComeBackOnRollback() throws Exception {
        String name = VmTestBroker.name("tx");
        Connection c = started();
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        Queue q = tx.createQueue(name);
        MessageProducer out = tx.createProducer(q);
        out.send(tx.createTextMessage("a"));
        out.send(tx.createTextMessage("b"));
        assertEquals(0, VmTestBroker.messageCount(name), "nothing visible before commit");
        tx.commit();
        assertEquals(2, VmTestBroker.messageCount(name));

        out.send(tx.createTextMessage("discarded"));
        tx.rollback();

        MessageConsumer in = tx.createConsumer(q);
        assertEquals("a", ((TextMessage) in.receive(5000)).getText());
        tx.rollback();
        // order after rollback is best effort (module README): "b" may already be on its way
        Map<String, Boolean> redelivered = new HashMap<>();
        for (int i = 0; i < 2; i++) {
            Message m = in.receive(5000);
            redelivered.put(((TextMessage) m).getText(), m.getJMSRedelivered());
        }
        assertEquals(Set.of("a", "b"), redelivered.keySet());
        assertTrue(redelivered.get("a"), "the rolled-back receive comes back redelivered");
        tx.commit();
        assertNull(in.receive(300), "the rolled-back send never happened");
        in.close();
        assertEquals(0, VmTestBroker.messageCount(name));
    }

    @Test
    void requestReplyThroughATemporaryQueue() throws Exception {
        Connection server = started();
        Session ss = server.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue requests = ss.createQueue(VmTestBroker.name("rpc"));
        MessageConsumer serverIn = ss.createConsumer(requests);
        MessageProducer serverOut = ss.createProducer(null);
        serverIn.setMessageListener(request -> {
            try {
                TextMessage reply = ss.createTextMessage("re: " + ((TextMessage) request).getText());
                reply.setJMSCorrelationID(request.getJMSMessageID());
                serverOut.send(request.getJMSReplyTo(), reply);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });

        Connection client = started();
        Session cs = client.createSession(false, Session.AUTO_ACKNOWLEDGE);
        TemporaryQueue replies = cs.createTemporaryQueue();
        MessageConsumer replyIn = cs.createConsumer(replies);
        TextMessage request = cs.createTextMessage("ping");
        request.setJMSReplyTo(replies);
        cs.createProducer(requests).send(request);
        TextMessage reply = (TextMessage) replyIn.receive(5000);
        assertNotNull(reply);
        assertEquals("re: ping", reply.getText());
        assertEquals(request.getJMSMessageID(), reply.getJMSCorrelationID());
        replyIn.close();
        replies.delete();
    }

    @Test
    void topicSubscribersEachGetEveryMessage() throws Exception {
        Connection c = started();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic weather = s.createTopic("vm-it.weather." + System.nanoTime() + ".#");
        Topic europe = s.createTopic(weather.getTopicName().replace(".#", ".europe"));
        MessageConsumer all = s.createConsumer(weather);
        MessageConsumer also = s.createConsumer(europe);
        s.createProducer(europe).send(s.createTextMessage("sunny"));
        assertEquals("sunny", ((TextMessage) all.receive(5000)).getText());
        assertEquals("sunny", ((TextMessage) also.receive(5000)).getText());
    }

    @Test
    void aDurableSubscriptionKeepsMessagesWhileItsSubscriberIsAway() throws Exception {
        String clientId = VmTestBroker.name("client");
        Connection c = connect();
        c.setClientID(clientId);
        c.start();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic news = s.createTopic("vm-it.news." + System.nanoTime());
        TopicSubscriber sub = s.createDurableSubscriber(news, "headlines");
        MessageProducer out = s.createProducer(news);
        out.send(s.createTextMessage("first"));
        assertEquals("first", ((TextMessage) sub.receive(5000)).getText());
        sub.close();
        out.send(s.createTextMessage("while away"));
        TopicSubscriber back = s.createDurableSubscriber(news, "headlines");
        assertEquals("while away", ((TextMessage) back.receive(5000)).getText());
        back.close();
        s.unsubscribe("headlines");
    }

    @Test
    void asyncSendCompletesEachSendInOrder() throws Exception {
        Connection c = started();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        String name = VmTestBroker.name("async");
        Queue q = s.createQueue(name);
        MessageProducer p = s.createProducer(q);
        List<String> completed = Collections.synchronizedList(new ArrayList<>());
        List<Exception> failures = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(50);
        CompletionListener listener = new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                try {
                    completed.add(((TextMessage) message).getText());
                } catch (Exception e) {
                    failures.add(e);
                }
                done.countDown();
            }

            @Override
            public void onException(Message message, Exception exception) {
                failures.add(exception);
                done.countDown();
            }
        };
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            sent.add("m" + i);
            p.send(s.createTextMessage("m" + i), listener);
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(List.of(), failures);
        assertEquals(sent, completed);
        assertEquals(50, VmTestBroker.messageCount(name));
    }

    @Test
    void closingAConnectionRequeuesWhatItDidNotAcknowledge() throws Exception {
        String name = VmTestBroker.name("requeue");
        Connection c = started();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue q = s.createQueue(name);
        MessageProducer out = s.createProducer(q);
        for (int i = 0; i < 3; i++) {
            out.send(s.createTextMessage("m" + i));
        }
        MessageConsumer in = s.createConsumer(q);
        for (int i = 0; i < 3; i++) {
            assertNotNull(in.receive(5000));
        }
        assertEquals(0, VmTestBroker.messageCount(name), "all three are out, unacknowledged");
        c.close();
        assertEquals(3, VmTestBroker.messageCount(name));

        Connection d = started();
        Session s2 = d.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer again = s2.createConsumer(q);
        for (int i = 0; i < 3; i++) {
            Message m = again.receive(5000);
            assertEquals("m" + i, ((TextMessage) m).getText());
            assertTrue(m.getJMSRedelivered());
        }
    }

    @Test
    void aListenerReceivesEveryMessageInOrder() throws Exception {
        Connection c = started();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(VmTestBroker.name("listener"));
        List<String> got = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch all = new CountDownLatch(200);
        s.createConsumer(q).setMessageListener(m -> {
            try {
                got.add(((TextMessage) m).getText());
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
            all.countDown();
        });
        Session sender = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer out = sender.createProducer(q);
        out.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sent.add("n" + i);
            out.send(sender.createTextMessage("n" + i));
        }
        assertTrue(all.await(10, TimeUnit.SECONDS));
        assertEquals(sent, got);
    }
}
