package org.ferrymq.tck.temporary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ferrymq.tck.Jms.receive;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;

import org.ferrymq.tck.Jms;
import org.ferrymq.tck.TckTest;
import org.junit.jupiter.api.Timeout;

/**
 * Jakarta Messaging 3.1, section 6.2.3 "Creating temporary destinations" and the
 * TemporaryQueue / TemporaryTopic Javadoc: unique, live as long as their connection, only
 * their own connection may consume from them, anyone may send to them, {@code delete()} is
 * refused while consumers are open.
 */
@Timeout(30)
class TemporaryDestinationIT {

    @TckTest
    void aTemporaryQueueCarriesMessagesWithinItsConnection(Jms jms) throws Exception {
        Session s = jms.session();
        TemporaryQueue q = s.createTemporaryQueue();
        assertThat(q.getQueueName()).isNotBlank();
        s.createProducer(q).send(s.createTextMessage("temp"));
        assertThat(((TextMessage) receive(s.createConsumer(q))).getText()).isEqualTo("temp");
    }

    @TckTest
    void temporaryQueuesAreUnique(Jms jms) throws Exception {
        Session s = jms.session();
        assertThat(s.createTemporaryQueue().getQueueName()).isNotEqualTo(s.createTemporaryQueue().getQueueName());
        assertThat(s.createTemporaryTopic().getTopicName()).isNotEqualTo(s.createTemporaryTopic().getTopicName());
    }

    @TckTest
    void anotherSessionOfTheSameConnectionMayConsume(Jms jms) throws Exception {
        Connection c = jms.startedConnection();
        Session creator = c.createSession();
        Session sibling = c.createSession();
        TemporaryQueue q = creator.createTemporaryQueue();
        MessageConsumer consumer = sibling.createConsumer(q);
        creator.createProducer(q).send(creator.createTextMessage("sibling"));
        assertThat(((TextMessage) receive(consumer)).getText()).isEqualTo("sibling");
    }

    @TckTest
    void anotherConnectionMaySendButNotConsume(Jms jms) throws Exception {
        Session owner = jms.session();
        TemporaryQueue q = owner.createTemporaryQueue();
        Session stranger = jms.session();
        stranger.createProducer(q).send(stranger.createTextMessage("from a stranger"));
        assertThatThrownBy(() -> stranger.createConsumer(q)).isInstanceOf(JMSException.class);
        assertThat(((TextMessage) receive(owner.createConsumer(q))).getText()).isEqualTo("from a stranger");
    }

    @TckTest
    void aTemporaryQueueDiesWithItsConnection(Jms jms) throws Exception {
        Connection c = jms.startedConnection();
        TemporaryQueue q = c.createSession().createTemporaryQueue();
        c.close();
        Session other = jms.session();
        assertThatThrownBy(() -> other.createConsumer(q).receive(Jms.NOTHING_MS)).isInstanceOf(JMSException.class);
    }

    @TckTest
    void deleteIsRefusedWhileAConsumerIsOpen(Jms jms) throws Exception {
        Session s = jms.session();
        TemporaryQueue q = s.createTemporaryQueue();
        MessageConsumer c = s.createConsumer(q);
        assertThatThrownBy(q::delete).isInstanceOf(JMSException.class);
        c.close();
        q.delete();
    }

    @TckTest
    void aDeletedTemporaryQueueCannotBeConsumed(Jms jms) throws Exception {
        Session s = jms.session();
        TemporaryQueue q = s.createTemporaryQueue();
        q.delete();
        assertThatThrownBy(() -> s.createConsumer(q)).isInstanceOf(JMSException.class);
    }

    @TckTest
    void aTemporaryTopicCarriesMessagesWithinItsConnection(Jms jms) throws Exception {
        Session s = jms.session();
        TemporaryTopic t = s.createTemporaryTopic();
        assertThat(t.getTopicName()).isNotBlank();
        MessageConsumer c = s.createConsumer(t);
        s.createProducer(t).send(s.createTextMessage("temp topic"));
        assertThat(((TextMessage) receive(c)).getText()).isEqualTo("temp topic");
    }

    @TckTest
    void anotherConnectionMayPublishToATemporaryTopicButNotSubscribe(Jms jms) throws Exception {
        Session owner = jms.session();
        TemporaryTopic t = owner.createTemporaryTopic();
        MessageConsumer c = owner.createConsumer(t);
        Session stranger = jms.session();
        stranger.createProducer(t).send(stranger.createTextMessage("published by a stranger"));
        assertThat(((TextMessage) receive(c)).getText()).isEqualTo("published by a stranger");
        assertThatThrownBy(() -> stranger.createConsumer(t)).isInstanceOf(JMSException.class);
    }

    @TckTest
    void deletingATemporaryTopicWithASubscriberIsRefused(Jms jms) throws Exception {
        Session s = jms.session();
        TemporaryTopic t = s.createTemporaryTopic();
        MessageConsumer c = s.createConsumer(t);
        assertThatThrownBy(t::delete).isInstanceOf(JMSException.class);
        c.close();
        t.delete();
    }

    @TckTest
    void aTemporaryQueueWorksAsReplyTo(Jms jms) throws Exception {
        Session client = jms.session();
        TemporaryQueue replies = client.createTemporaryQueue();
        var requests = jms.queue(client);
        var request = client.createTextMessage("ping");
        request.setJMSReplyTo(replies);
        client.createProducer(requests).send(request);
        Session server = jms.session();
        var got = receive(server.createConsumer(requests));
        server.createProducer(got.getJMSReplyTo()).send(server.createTextMessage("pong"));
        assertThat(((TextMessage) receive(client.createConsumer(replies))).getText()).isEqualTo("pong");
    }
}
