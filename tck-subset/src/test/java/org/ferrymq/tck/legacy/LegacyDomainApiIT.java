package org.ferrymq.tck.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ferrymq.tck.Jms.RECEIVE_MS;

import java.util.Collections;

import jakarta.jms.IllegalStateException;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
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

import org.ferrymq.jms.FerryConnectionFactory;
import org.ferrymq.tck.Jms;
import org.ferrymq.tck.TckTest;
import org.junit.jupiter.api.Timeout;

/**
 * Jakarta Messaging 3.1, section 2.9 "Legacy domain-specific API interfaces": QueueConnection /
 * QueueSession / QueueSender / QueueReceiver / QueueBrowser and TopicConnection / TopicSession /
 * TopicPublisher / TopicSubscriber behave like their common-API counterparts; a QueueSession
 * refuses topic-only methods and a TopicSession queue-only ones (the IllegalStateException Javadoc:
 * "also thrown when a domain inappropriate method is called, such as TopicSession.createQueueBrowser").
 */
@Timeout(30)
class LegacyDomainApiIT {

    private static QueueConnection queueConnection(Jms jms) throws Exception {
        FerryConnectionFactory f = jms.factory();
        QueueConnection c = jms.track(f.createQueueConnection());
        c.start();
        return c;
    }

    private static TopicConnection topicConnection(Jms jms) throws Exception {
        FerryConnectionFactory f = jms.factory();
        TopicConnection c = jms.track(f.createTopicConnection());
        c.start();
        return c;
    }

    @TckTest
    void queueSenderAndReceiver(Jms jms) throws Exception {
        QueueSession s = queueConnection(jms).createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(jms.queueName());
        QueueSender sender = s.createSender(q);
        assertThat(sender.getQueue()).isEqualTo(q);
        sender.send(s.createTextMessage("ptp"));
        QueueReceiver receiver = s.createReceiver(q);
        assertThat(receiver.getQueue()).isEqualTo(q);
        assertThat(((TextMessage) receiver.receive(RECEIVE_MS)).getText()).isEqualTo("ptp");
    }

    @TckTest
    void queueBrowserThroughAQueueSession(Jms jms) throws Exception {
        QueueSession s = queueConnection(jms).createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(jms.queueName());
        s.createSender(q).send(s.createTextMessage("browse"));
        QueueBrowser b = s.createBrowser(q);
        assertThat(Collections.list(b.getEnumeration())).hasSize(1);
    }

    @TckTest
    void topicPublisherAndSubscriber(Jms jms) throws Exception {
        TopicSession s = topicConnection(jms).createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = s.createTopic(jms.unique("t"));
        TopicSubscriber sub = s.createSubscriber(t);
        assertThat(sub.getTopic()).isEqualTo(t);
        assertThat(sub.getNoLocal()).isFalse();
        TopicPublisher pub = s.createPublisher(t);
        assertThat(pub.getTopic()).isEqualTo(t);
        pub.publish(s.createTextMessage("pubsub"));
        assertThat(((TextMessage) sub.receive(RECEIVE_MS)).getText()).isEqualTo("pubsub");
    }

    @TckTest
    void anonymousPublisherPublishesToTheGivenTopic(Jms jms) throws Exception {
        TopicSession s = topicConnection(jms).createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = s.createTopic(jms.unique("t"));
        TopicSubscriber sub = s.createSubscriber(t);
        s.createPublisher(null).publish(t, s.createTextMessage("anon"));
        assertThat(((TextMessage) sub.receive(RECEIVE_MS)).getText()).isEqualTo("anon");
    }

    @TckTest
    void transactedQueueSession(Jms jms) throws Exception {
        QueueConnection c = queueConnection(jms);
        QueueSession tx = c.createQueueSession(true, Session.SESSION_TRANSACTED);
        Queue q = tx.createQueue(jms.queueName());
        tx.createSender(q).send(tx.createTextMessage("tx"));
        QueueReceiver r = c.createQueueSession(false, Session.AUTO_ACKNOWLEDGE).createReceiver(q);
        assertThat(r.receive(Jms.NOTHING_MS)).isNull();
        tx.commit();
        assertThat(((TextMessage) r.receive(RECEIVE_MS)).getText()).isEqualTo("tx");
    }

    @TckTest
    void aQueueSessionRefusesTopicMethods(Jms jms) throws Exception {
        QueueSession s = queueConnection(jms).createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = jms.topic(jms.session());
        assertThatThrownBy(() -> s.createTopic("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(s::createTemporaryTopic).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.unsubscribe("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.createDurableSubscriber(t, "x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.createDurableSubscriber(t, "x", null, false)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.createDurableConsumer(t, "x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.createDurableConsumer(t, "x", null, false)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.createSharedConsumer(t, "x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.createSharedConsumer(t, "x", null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.createSharedDurableConsumer(t, "x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.createSharedDurableConsumer(t, "x", null)).isInstanceOf(IllegalStateException.class);
        // the common methods still work on a QueueSession
        Queue q = s.createQueue(jms.queueName());
        s.createSender(q).send(s.createTextMessage("still a session"));
        assertThat(((TextMessage) s.createReceiver(q).receive(RECEIVE_MS)).getText()).isEqualTo("still a session");
    }

    @TckTest
    void aTopicSessionRefusesQueueMethods(Jms jms) throws Exception {
        TopicSession s = topicConnection(jms).createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = jms.queue(jms.session());
        assertThatThrownBy(() -> s.createQueue("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(s::createTemporaryQueue).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.createBrowser(null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.createBrowser(q)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.createBrowser(q, "a = 1")).isInstanceOf(IllegalStateException.class);
        // the common methods still work on a TopicSession
        Topic t = s.createTopic(jms.unique("t"));
        TopicSubscriber sub = s.createSubscriber(t);
        s.createPublisher(t).publish(s.createTextMessage("still a session"));
        assertThat(((TextMessage) sub.receive(RECEIVE_MS)).getText()).isEqualTo("still a session");
    }

    @TckTest
    void durableSubscriberThroughATopicSession(Jms jms) throws Exception {
        String id = jms.clientId();
        jms.durableSubscription(id, "legacy-durable");
        TopicConnection c = jms.track(jms.factory().createTopicConnection());
        c.setClientID(id);
        c.start();
        TopicSession s = c.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = s.createTopic(jms.unique("t"));
        s.createDurableSubscriber(t, "legacy-durable").close();
        jms.session().createProducer(t).send(s.createTextMessage("kept"));
        TopicSubscriber sub = s.createDurableSubscriber(t, "legacy-durable");
        assertThat(((TextMessage) sub.receive(RECEIVE_MS)).getText()).isEqualTo("kept");
        sub.close();
        s.unsubscribe("legacy-durable");
    }

    @TckTest
    void temporaryQueueThroughAQueueSession(Jms jms) throws Exception {
        QueueSession s = queueConnection(jms).createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        var temp = s.createTemporaryQueue();
        s.createSender(temp).send(s.createTextMessage("temp"));
        assertThat(((TextMessage) s.createReceiver(temp).receive(RECEIVE_MS)).getText()).isEqualTo("temp");
    }
}
