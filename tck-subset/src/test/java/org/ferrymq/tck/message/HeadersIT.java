package org.ferrymq.tck.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.tck.Jms.receive;

import java.nio.charset.StandardCharsets;

import jakarta.jms.Destination;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.Topic;

import org.ferrymq.tck.Jms;
import org.ferrymq.tck.TckTest;
import org.junit.jupiter.api.Timeout;

/**
 * Jakarta Messaging 3.1, section 3.4 "Message header fields": 3.4.1 JMSDestination,
 * 3.4.5 JMSCorrelationID (string and bytes), 3.4.6 JMSReplyTo, 3.4.7 JMSRedelivered,
 * 3.4.8 JMSType, 3.4.13 JMSDeliveryTime; section 3.9 "Access to sent messages" and
 * section 3.10 "Changing the value of a received message".
 */
@Timeout(30)
class HeadersIT {

    private static Message roundTrip(Jms jms, Session s, Destination d, Message m) throws Exception {
        var consumer = s.createConsumer(d);
        s.createProducer(d).send(m);
        return receive(consumer);
    }

    @TckTest
    void receivedJmsDestinationIsTheQueueSentTo(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        Message got = roundTrip(jms, s, q, s.createMessage());
        assertThat(got.getJMSDestination()).isInstanceOf(Queue.class);
        assertThat(((Queue) got.getJMSDestination()).getQueueName()).isEqualTo(q.getQueueName());
    }

    @TckTest
    void receivedJmsDestinationIsTheTopicSentTo(Jms jms) throws Exception {
        Session s = jms.session();
        Topic t = jms.topic(s);
        Message got = roundTrip(jms, s, t, s.createMessage());
        assertThat(got.getJMSDestination()).isInstanceOf(Topic.class).isEqualTo(t);
    }

    @TckTest
    void correlationIdRoundTrips(Jms jms) throws Exception {
        Session s = jms.session();
        Message m = s.createMessage();
        m.setJMSCorrelationID("order-17");
        Message got = roundTrip(jms, s, jms.queue(s), m);
        assertThat(got.getJMSCorrelationID()).isEqualTo("order-17");
    }

    @TckTest
    void correlationIdAsBytesRoundTrips(Jms jms) throws Exception {
        Session s = jms.session();
        Message m = s.createMessage();
        byte[] id = "abc-123".getBytes(StandardCharsets.US_ASCII);
        m.setJMSCorrelationIDAsBytes(id);
        Message got = roundTrip(jms, s, jms.queue(s), m);
        assertThat(got.getJMSCorrelationIDAsBytes()).containsExactly(id);
    }

    @TckTest
    void correlationIdMayHoldAMessageId(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        Message request = s.createMessage();
        s.createProducer(q).send(request);
        Message reply = s.createMessage();
        reply.setJMSCorrelationID(request.getJMSMessageID());
        s.createProducer(q).send(reply);
        var c = s.createConsumer(q);
        receive(c);
        assertThat(receive(c).getJMSCorrelationID()).isEqualTo(request.getJMSMessageID());
    }

    @TckTest
    void absentCorrelationIdTypeAndReplyToAreNull(Jms jms) throws Exception {
        Session s = jms.session();
        Message got = roundTrip(jms, s, jms.queue(s), s.createMessage());
        assertThat(got.getJMSCorrelationID()).isNull();
        assertThat(got.getJMSType()).isNull();
        assertThat(got.getJMSReplyTo()).isNull();
        assertThat(got.getJMSRedelivered()).isFalse();
    }

    @TckTest
    void replyToQueueRoundTrips(Jms jms) throws Exception {
        Session s = jms.session();
        Queue replyTo = jms.queue(s);
        Message m = s.createMessage();
        m.setJMSReplyTo(replyTo);
        Message got = roundTrip(jms, s, jms.queue(s), m);
        assertThat(got.getJMSReplyTo()).isInstanceOf(Queue.class);
        assertThat(((Queue) got.getJMSReplyTo()).getQueueName()).isEqualTo(replyTo.getQueueName());
    }

    @TckTest
    void replyToTopicRoundTrips(Jms jms) throws Exception {
        Session s = jms.session();
        Topic replyTo = jms.topic(s);
        Message m = s.createMessage();
        m.setJMSReplyTo(replyTo);
        Message got = roundTrip(jms, s, jms.queue(s), m);
        assertThat(got.getJMSReplyTo()).isInstanceOf(Topic.class);
        assertThat(((Topic) got.getJMSReplyTo()).getTopicName()).isEqualTo(replyTo.getTopicName());
    }

    @TckTest
    void aReplySentToTheReceivedReplyToArrives(Jms jms) throws Exception {
        Session s = jms.session();
        TemporaryQueue replies = s.createTemporaryQueue();
        Message request = s.createMessage();
        request.setJMSReplyTo(replies);
        Message got = roundTrip(jms, s, jms.queue(s), request);
        s.createProducer(got.getJMSReplyTo()).send(s.createTextMessage("answer"));
        assertThat(((jakarta.jms.TextMessage) receive(s.createConsumer(replies))).getText()).isEqualTo("answer");
    }

    @TckTest
    void jmsTypeRoundTrips(Jms jms) throws Exception {
        Session s = jms.session();
        Message m = s.createMessage();
        m.setJMSType("com.example.Order");
        Message got = roundTrip(jms, s, jms.queue(s), m);
        assertThat(got.getJMSType()).isEqualTo("com.example.Order");
    }

    @TckTest
    void deliveryTimeWithoutDelayIsTheSendTime(Jms jms) throws Exception {
        Session s = jms.session();
        Message m = s.createMessage();
        Message got = roundTrip(jms, s, jms.queue(s), m);
        assertThat(m.getJMSDeliveryTime()).isEqualTo(m.getJMSTimestamp());
        assertThat(got.getJMSDeliveryTime()).isBetween(m.getJMSTimestamp() - 1000, m.getJMSTimestamp() + 1000);
    }

    @TckTest
    void changingTheSentMessageAfterSendDoesNotChangeWhatArrives(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        var m = s.createTextMessage("as sent");
        m.setStringProperty("p", "as sent");
        s.createProducer(q).send(m);
        m.setText("changed later");
        m.setStringProperty("p", "changed later");
        var got = (jakarta.jms.TextMessage) receive(s.createConsumer(q));
        assertThat(got.getText()).isEqualTo("as sent");
        assertThat(got.getStringProperty("p")).isEqualTo("as sent");
    }

    @TckTest
    void headersOfAReceivedMessageMayBeChanged(Jms jms) throws Exception {
        Session s = jms.session();
        Message got = roundTrip(jms, s, jms.queue(s), s.createMessage());
        got.setJMSCorrelationID("changed");
        got.setJMSType("changed");
        got.setJMSPriority(1);
        assertThat(got.getJMSCorrelationID()).isEqualTo("changed");
        assertThat(got.getJMSType()).isEqualTo("changed");
        assertThat(got.getJMSPriority()).isEqualTo(1);
    }

    @TckTest
    void aReceivedMessageCanBeResent(Jms jms) throws Exception {
        Session s = jms.session();
        Queue second = jms.queue(s);
        var first = (jakarta.jms.TextMessage) roundTrip(jms, s, jms.queue(s), s.createTextMessage("forward me"));
        s.createProducer(second).send(first);
        var got = (jakarta.jms.TextMessage) receive(s.createConsumer(second));
        assertThat(got.getText()).isEqualTo("forward me");
        assertThat(got.getJMSDestination()).isEqualTo(second);
    }
}
