package org.ferrymq.tck.administered;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import org.ferrymq.tck.Jms;
import org.ferrymq.tck.TckTest;
import org.junit.jupiter.api.Timeout;

/**
 * Jakarta Messaging 3.1, chapter 5 "Administered objects": ConnectionFactory and Destination
 * objects are provider objects a client obtains and keeps; they should be serializable so they
 * can be stored in JNDI; a destination object names a provider destination (getQueueName /
 * getTopicName), and two objects for the same name address the same destination.
 */
@Timeout(30)
class AdministeredObjectsIT {

    @SuppressWarnings("unchecked")
    private static <T> T copy(T object) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @TckTest
    void queueAndTopicNamesAreKept(Jms jms) throws Exception {
        Session s = jms.session();
        String name = jms.queueName();
        Queue q = s.createQueue(name);
        assertThat(q.getQueueName()).isEqualTo(name);
        String topicName = jms.unique("t");
        Topic t = s.createTopic(topicName);
        assertThat(t.getTopicName()).isEqualTo(topicName);
    }

    @TckTest
    void twoQueueObjectsForOneNameAreOneDestination(Jms jms) throws Exception {
        Session s = jms.session();
        String name = jms.queueName();
        s.createProducer(s.createQueue(name)).send(s.createTextMessage("same"));
        assertThat(((TextMessage) Jms.receive(jms.session().createConsumer(s.createQueue(name)))).getText()).isEqualTo("same");
        assertThat(s.createQueue(name)).isEqualTo(s.createQueue(name));
    }

    @TckTest
    void destinationsSurviveSerialization(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        Topic t = jms.topic(s);
        assertThat(q).isInstanceOf(Serializable.class);
        assertThat(t).isInstanceOf(Serializable.class);
        Queue qCopy = copy(q);
        Topic tCopy = copy(t);
        assertThat(qCopy.getQueueName()).isEqualTo(q.getQueueName());
        assertThat(tCopy.getTopicName()).isEqualTo(t.getTopicName());
        var consumer = s.createConsumer(tCopy);
        s.createProducer(qCopy).send(s.createTextMessage("via copy"));
        s.createProducer(t).send(s.createTextMessage("topic via original"));
        assertThat(((TextMessage) Jms.receive(s.createConsumer(q))).getText()).isEqualTo("via copy");
        assertThat(((TextMessage) Jms.receive(consumer)).getText()).isEqualTo("topic via original");
    }

    @TckTest
    void aConnectionFactorySurvivesSerialization(Jms jms) throws Exception {
        ConnectionFactory f = jms.factory();
        assertThat(f).isInstanceOf(Serializable.class);
        ConnectionFactory copy = copy(f);
        Connection c = jms.track(copy.createConnection());
        c.start();
        Session s = c.createSession();
        Queue q = jms.queue(s);
        s.createProducer(q).send(s.createTextMessage("through a copied factory"));
        assertThat(((TextMessage) Jms.receive(s.createConsumer(q))).getText()).isEqualTo("through a copied factory");
    }

    @TckTest
    void oneFactoryMakesIndependentConnections(Jms jms) throws Exception {
        ConnectionFactory f = jms.factory();
        Connection a = jms.track(f.createConnection());
        Connection b = jms.track(f.createConnection());
        a.close();
        b.start();
        Session s = b.createSession();
        Queue q = jms.queue(s);
        s.createProducer(q).send(s.createMessage());
        Jms.receive(s.createConsumer(q));
    }
}
