package org.ferrymq.jms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;

import org.junit.jupiter.api.Test;

/** Temporary destinations and request/reply through JMSReplyTo. */
class RequestReplyIT extends BrokerTestBase {

    @Test
    void requestReplyThroughATemporaryQueue() throws Exception {
        Connection server = started();
        Session ss = server.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue requests = ss.createQueue(TestBroker.queueName("rpc"));
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
        TextMessage request = cs.createTextMessage("fib(30)");
        request.setJMSReplyTo(replies);
        cs.createProducer(requests).send(request);
        Message reply = replyIn.receive(5000);
        assertNotNull(reply);
        assertEquals("re: fib(30)", ((TextMessage) reply).getText());
        assertEquals(request.getJMSMessageID(), reply.getJMSCorrelationID());

        assertThrows(IllegalStateException.class, replies::delete, "still has a consumer");
        replyIn.close();
        replies.delete();
        assertThrows(jakarta.jms.InvalidDestinationException.class, () -> cs.createProducer(replies).send(cs.createTextMessage("late")));
        assertThrows(jakarta.jms.InvalidDestinationException.class, () -> cs.createConsumer(replies));
    }

    @Test
    void onlyTheCreatingConnectionConsumesATemporaryQueue() throws Exception {
        Connection owner = started();
        TemporaryQueue tq = owner.createSession(false, Session.AUTO_ACKNOWLEDGE).createTemporaryQueue();
        Session other = started().createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThrows(IllegalStateException.class, () -> other.createConsumer(tq));
        other.createProducer(tq).send(other.createTextMessage("allowed"));
        Message m = owner.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(tq).receive(5000);
        assertEquals("allowed", ((TextMessage) m).getText());
    }

    @Test
    void temporaryTopicDeliversToItsSubscribers() throws Exception {
        Connection c = started();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        TemporaryTopic tt = s.createTemporaryTopic();
        MessageConsumer sub = s.createConsumer(tt);
        TextMessage m = s.createTextMessage("ping");
        m.setJMSReplyTo(tt);
        s.createProducer(tt).send(m);
        Message r = sub.receive(5000);
        assertEquals("ping", ((TextMessage) r).getText());
        assertInstanceOf(jakarta.jms.Topic.class, r.getJMSReplyTo());
        assertEquals(tt.getTopicName(), ((jakarta.jms.Topic) r.getJMSReplyTo()).getTopicName());
    }
}
