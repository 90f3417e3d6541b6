package org.ferrymq.jms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;

import com.rabbitmq.client.Channel;
import org.ferrymq.jms.FerryConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * {@code blockOnDurableSend}: by default a synchronous PERSISTENT send returns only once the broker
 * has confirmed the message, so a refusal is the send's exception; with {@code false} the send
 * returns at once and a refusal reaches the ExceptionListener instead. A queue that rejects
 * publishes beyond one message ({@code x-max-length 1}, {@code x-overflow reject-publish}) makes
 * the broker refuse the second message.
 */
class BlockOnDurableSendIT extends BrokerTestBase {

    private String fullAfterOneMessage() throws Exception {
        String name = TestBroker.queueName("one-only");
        try (Channel ch = TestBroker.admin().createChannel()) {
            ch.queueDeclare(name, true, false, false, Map.of("x-max-length", 1, "x-overflow", "reject-publish"));
        }
        return name;
    }

    @Test
    void byDefaultARefusedPersistentSendThrows() throws Exception {
        String name = fullAfterOneMessage();
        try (Connection c = TestBroker.factory().createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(name));
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            p.send(s.createTextMessage("first"));
            assertThrows(JMSException.class, () -> p.send(s.createTextMessage("second")));
        }
    }

    @Test
    void withoutBlockingTheSendReturnsAndARefusalReachesTheExceptionListener() throws Exception {
        String name = fullAfterOneMessage();
        FerryConnectionFactory factory = new FerryConnectionFactory(TestBroker.config().blockOnDurableSend(false).build());
        LinkedBlockingQueue<JMSException> reported = new LinkedBlockingQueue<>();
        try (Connection c = factory.createConnection()) {
            c.setExceptionListener(reported::add);
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = s.createQueue(name);
            MessageProducer p = s.createProducer(q);
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            p.send(s.createTextMessage("first"));
            p.send(s.createTextMessage("second"));   // returns: nobody waits for the broker's answer

            JMSException refusal = reported.poll(10, TimeUnit.SECONDS);
            assertNotNull(refusal, "the refusal of the second message reaches the ExceptionListener");
            assertTrue(refusal.getMessage().contains("blockOnDurableSend=false"), refusal.getMessage());
            assertEquals(1, TestBroker.messageCount(name));
        }
    }
}
