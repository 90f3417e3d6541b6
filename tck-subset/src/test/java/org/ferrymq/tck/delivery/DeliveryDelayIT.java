package org.ferrymq.tck.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.tck.Jms.assertNothing;

import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import org.ferrymq.tck.Jms;
import org.ferrymq.tck.TckTest;
import org.junit.jupiter.api.Timeout;

/**
 * Jakarta Messaging 3.1, section 7.9 "Delivery delay" and section 3.4.13 "JMSDeliveryTime":
 * a message is not delivered before its delivery time (send time + delay); JMSDeliveryTime
 * holds that time on the sent and on the received message; the delay of a transacted send
 * counts from the send, not the commit; topics and queues alike.
 */
@Timeout(30)
class DeliveryDelayIT {
    private static final long DELAY = 1_000;

    private static void forgetHoldQueue(Jms jms, String exchangeAndKey) {
        jms.brokerQueue("jms.delay." + DELAY + "ms." + exchangeAndKey);
    }

    private static Message receiveWithin(MessageConsumer c, long ms) throws Exception {
        Message m = c.receive(ms);
        assertThat(m).as("a delayed message within %d ms", ms).isNotNull();
        return m;
    }

    @TckTest
    void aDelayedMessageIsNotDeliveredBeforeItsDeliveryTime(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        forgetHoldQueue(jms, "/" + q.getQueueName());
        MessageProducer p = s.createProducer(q);
        p.setDeliveryDelay(DELAY);
        MessageConsumer c = s.createConsumer(q);
        long sent = System.currentTimeMillis();
        p.send(s.createTextMessage("later"));
        assertNothing(c);
        Message m = receiveWithin(c, DELAY + 5_000);
        assertThat(System.currentTimeMillis() - sent).isGreaterThanOrEqualTo(DELAY - 50);
        assertThat(((TextMessage) m).getText()).isEqualTo("later");
    }

    @TckTest
    void jmsDeliveryTimeIsSendTimePlusDelay(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        forgetHoldQueue(jms, "/" + q.getQueueName());
        MessageProducer p = s.createProducer(q);
        p.setDeliveryDelay(DELAY);
        Message sent = s.createTextMessage("timed");
        long before = System.currentTimeMillis();
        p.send(sent);
        long after = System.currentTimeMillis();
        assertThat(sent.getJMSDeliveryTime()).isBetween(before + DELAY, after + DELAY);
        Message got = receiveWithin(s.createConsumer(q), DELAY + 5_000);
        assertThat(got.getJMSDeliveryTime()).isBetween(sent.getJMSDeliveryTime() - 1_000, sent.getJMSDeliveryTime() + 1_000);
    }

    @TckTest
    void anUndelayedMessageOvertakesADelayedOne(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        forgetHoldQueue(jms, "/" + q.getQueueName());
        MessageProducer p = s.createProducer(q);
        p.setDeliveryDelay(DELAY);
        p.send(s.createTextMessage("delayed"));
        p.setDeliveryDelay(0);
        p.send(s.createTextMessage("immediate"));
        MessageConsumer c = s.createConsumer(q);
        assertThat(((TextMessage) receiveWithin(c, 2_000)).getText()).isEqualTo("immediate");
        assertThat(((TextMessage) receiveWithin(c, DELAY + 5_000)).getText()).isEqualTo("delayed");
    }

    @TckTest
    void delayWorksForTopicSubscribers(Jms jms) throws Exception {
        Session s = jms.session();
        Topic t = jms.topic(s);
        forgetHoldQueue(jms, "amq.topic/" + t.getTopicName());
        MessageConsumer c = s.createConsumer(t);
        MessageProducer p = s.createProducer(t);
        p.setDeliveryDelay(DELAY);
        p.send(s.createTextMessage("delayed news"));
        assertNothing(c);
        assertThat(((TextMessage) receiveWithin(c, DELAY + 5_000)).getText()).isEqualTo("delayed news");
    }

    @TckTest
    void aTransactedDelayedSendCountsFromTheSend(Jms jms) throws Exception {
        Session tx = jms.session(Session.SESSION_TRANSACTED);
        Queue q = jms.queue(tx);
        forgetHoldQueue(jms, "/" + q.getQueueName());
        MessageProducer p = tx.createProducer(q);
        p.setDeliveryDelay(DELAY);
        long sent = System.currentTimeMillis();
        p.send(tx.createTextMessage("tx delayed"));
        Jms.pause(300);
        tx.commit();
        MessageConsumer c = jms.session().createConsumer(q);
        assertNothing(c);
        Message m = receiveWithin(c, DELAY + 5_000);
        assertThat(System.currentTimeMillis() - sent).isGreaterThanOrEqualTo(DELAY - 50);
        assertThat(((TextMessage) m).getText()).isEqualTo("tx delayed");
    }

    @TckTest
    void aDelayedMessageKeepsItsPropertiesAndHeaders(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        forgetHoldQueue(jms, "/" + q.getQueueName());
        MessageProducer p = s.createProducer(q);
        p.setDeliveryDelay(DELAY);
        TextMessage m = s.createTextMessage("with extras");
        m.setStringProperty("color", "green");
        m.setJMSCorrelationID("corr");
        p.send(m, DeliveryMode.PERSISTENT, 6, 0);
        Message got = receiveWithin(s.createConsumer(q), DELAY + 5_000);
        assertThat(got.getStringProperty("color")).isEqualTo("green");
        assertThat(got.getJMSCorrelationID()).isEqualTo("corr");
        assertThat(got.getJMSPriority()).isEqualTo(6);
        assertThat(got.getJMSMessageID()).isEqualTo(m.getJMSMessageID());
        assertThat(((Queue) got.getJMSDestination()).getQueueName()).isEqualTo(q.getQueueName());
    }

    @TckTest
    void aMessageThatExpiresBeforeItsDeliveryTimeIsNeverDelivered(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        forgetHoldQueue(jms, "/" + q.getQueueName());
        MessageProducer p = s.createProducer(q);
        p.setDeliveryDelay(DELAY);
        p.setTimeToLive(DELAY / 2);
        p.send(s.createTextMessage("never"));
        MessageConsumer c = s.createConsumer(q);
        assertThat(c.receive(DELAY + 700)).isNull();
    }
}
