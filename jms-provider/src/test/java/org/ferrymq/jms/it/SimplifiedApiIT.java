package org.ferrymq.jms.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.Queue;

import org.junit.jupiter.api.Test;

/** JMSContext, JMSProducer and JMSConsumer. */
class SimplifiedApiIT extends BrokerTestBase {

    @Test
    void sendAndReceiveBodies() {
        JMSContext ctx = track(factory().createContext());
        Queue q = ctx.createQueue(TestBroker.queueName("ctx"));
        JMSConsumer consumer = ctx.createConsumer(q);
        JMSProducer producer = ctx.createProducer();
        producer.send(q, "text body");
        producer.send(q, Map.of("k", 1));
        producer.send(q, new byte[] {1, 2});
        producer.send(q, (java.io.Serializable) java.util.List.of("x"));
        assertEquals("text body", consumer.receiveBody(String.class, 5000));
        assertEquals(Map.of("k", 1), consumer.receiveBody(Map.class, 5000));
        assertArrayEquals(new byte[] {1, 2}, consumer.receiveBody(byte[].class, 5000));
        producer.send(q, "not a number");
        assertEquals(java.util.List.of("x"), consumer.receiveBody(java.util.List.class, 5000));
        assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(Integer.class, 5000));
        // AUTO_ACKNOWLEDGE: the refused message was not acknowledged and comes again
        assertEquals("not a number", consumer.receiveBody(String.class, 5000));
        assertNull(consumer.receiveBodyNoWait(String.class));
    }

    @Test
    void producerPropertiesAndHeadersApplyToEachMessage() {
        JMSContext ctx = track(factory().createContext());
        Queue q = ctx.createQueue(TestBroker.queueName("ctx-props"));
        JMSConsumer consumer = ctx.createConsumer(q);
        ctx.createProducer()
                .setProperty("region", "eu")
                .setProperty("n", 5)
                .setJMSType("greeting")
                .setJMSCorrelationID("c-9")
                .setPriority(6)
                .setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                .send(q, "hi");
        Message m = consumer.receive(5000);
        assertNotNull(m);
        assertEquals("eu", unchecked(() -> m.getStringProperty("region")));
        assertEquals(5, unchecked(() -> m.getIntProperty("n")));
        assertEquals("greeting", unchecked(m::getJMSType));
        assertEquals("c-9", unchecked(m::getJMSCorrelationID));
        assertEquals(6, unchecked(m::getJMSPriority));
        assertEquals(DeliveryMode.NON_PERSISTENT, unchecked(m::getJMSDeliveryMode));
        JMSProducer p = ctx.createProducer().setProperty("s", "12");
        assertEquals(12, p.getIntProperty("s"));
        p.setProperty("b", true);
        assertThrows(MessageFormatRuntimeException.class, () -> p.getIntProperty("b"));
    }

    @Test
    void transactedContextAndSharedConnection() {
        JMSContext tx = track(factory().createContext(JMSContext.SESSION_TRANSACTED));
        JMSContext reader = tx.createContext(JMSContext.AUTO_ACKNOWLEDGE);
        Queue q = tx.createQueue(TestBroker.queueName("ctx-tx"));
        JMSConsumer consumer = reader.createConsumer(q);
        tx.createProducer().send(q, "pending");
        assertNull(consumer.receiveBody(String.class, 300));
        tx.commit();
        assertEquals("pending", consumer.receiveBody(String.class, 5000));
        reader.close();
        tx.createProducer().send(q, "still open");   // the connection lives on with the first context
        tx.rollback();
    }

    @Test
    void clientAcknowledgeThroughTheContext() throws Exception {
        JMSContext ctx = track(factory().createContext(JMSContext.CLIENT_ACKNOWLEDGE));
        Queue q = ctx.createQueue(TestBroker.queueName("ctx-client"));
        ctx.createProducer().send(q, "ack me");
        JMSConsumer consumer = ctx.createConsumer(q);
        assertNotNull(consumer.receive(5000));
        ctx.acknowledge();
        consumer.close();
        assertEquals(0, TestBroker.messageCount(q.getQueueName()));
    }

    @Test
    void asyncSendAndListener() throws Exception {
        JMSContext ctx = track(factory().createContext());
        Queue q = ctx.createQueue(TestBroker.queueName("ctx-async"));
        CountDownLatch sent = new CountDownLatch(1);
        CountDownLatch received = new CountDownLatch(1);
        ctx.createConsumer(q).setMessageListener(m -> received.countDown());
        ctx.createProducer().setAsync(new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                sent.countDown();
            }

            @Override
            public void onException(Message message, Exception exception) {
            }
        }).send(q, "async");
        assertTrue(sent.await(5, TimeUnit.SECONDS));
        assertTrue(received.await(5, TimeUnit.SECONDS));
    }

    @Test
    void durableConsumerInContext() throws Exception {
        JMSContext ctx = track(factory().createContext());
        String id = "jms-it-" + java.util.UUID.randomUUID();
        ctx.setClientID(id);
        TestBroker.deleteLater("jms.durable." + id + ".d");
        jakarta.jms.Topic t = ctx.createTopic("jms-it.ctx." + System.nanoTime());
        JMSConsumer c = ctx.createDurableConsumer(t, "d");
        ctx.createProducer().send(t, "kept");
        assertEquals("kept", c.receiveBody(String.class, 5000));
        c.close();
        ctx.unsubscribe("d");
        assertEquals("3.1", ctx.getMetaData().getJMSVersion());
    }

    @FunctionalInterface
    interface Get<T> {
        T get() throws Exception;
    }

    private static <T> T unchecked(Get<T> get) {
        try {
            return get.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
