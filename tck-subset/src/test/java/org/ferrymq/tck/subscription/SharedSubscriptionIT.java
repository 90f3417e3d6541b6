package org.ferrymq.tck.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ferrymq.tck.Jms.assertNothing;
import static org.ferrymq.tck.Jms.receive;

import java.util.ArrayList;
import java.util.List;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import org.ferrymq.tck.Jms;
import org.ferrymq.tck.TckTest;
import org.junit.jupiter.api.Timeout;

/**
 * Jakarta Messaging 3.1, chapter 8 "Receiving messages": shared non-durable and shared durable
 * subscriptions (several consumers share the messages of one subscription; the client ID is
 * optional and scopes the name; a shared non-durable subscription ends with its last consumer;
 * a shared durable one lasts until unsubscribed; topic/selector cannot change while consumers
 * are active; shared and unshared durable subscriptions cannot share a name).
 */
@Timeout(30)
class SharedSubscriptionIT {

    private static List<String> drain(MessageConsumer... consumers) throws JMSException {
        List<String> got = new ArrayList<>();
        for (MessageConsumer c : consumers) {
            for (Message m; (m = c.receive(400)) != null; ) {
                got.add(((TextMessage) m).getText());
            }
        }
        return got;
    }

    private static void publish(Session s, Topic t, int count) throws JMSException {
        MessageProducer p = s.createProducer(t);
        for (int i = 0; i < count; i++) {
            p.send(s.createTextMessage("m" + i));
        }
    }

    @TckTest
    void sharedConsumersSplitTheMessagesOfOneSubscription(Jms jms) throws Exception {
        String name = jms.unique("shared");
        Session s1 = jms.session();
        Session s2 = jms.session();
        Topic t = jms.topic(s1);
        MessageConsumer a = s1.createSharedConsumer(t, name);
        MessageConsumer b = s2.createSharedConsumer(t, name);
        publish(s1, t, 10);
        assertThat(drain(a, b)).hasSize(10).doesNotHaveDuplicates();
    }

    @TckTest
    void aSharedSubscriptionIsOneSubscriptionBesidesOrdinarySubscribers(Jms jms) throws Exception {
        String name = jms.unique("shared");
        Session s = jms.session();
        Topic t = jms.topic(s);
        MessageConsumer shared1 = s.createSharedConsumer(t, name);
        MessageConsumer shared2 = jms.session().createSharedConsumer(t, name);
        MessageConsumer plain = s.createConsumer(t);
        publish(s, t, 4);
        assertThat(drain(plain)).hasSize(4);
        assertThat(drain(shared1, shared2)).hasSize(4);
    }

    @TckTest
    void sharedNonDurableNeedsNoClientId(Jms jms) throws Exception {
        Session s = jms.session();
        Topic t = jms.topic(s);
        MessageConsumer c = s.createSharedConsumer(t, jms.unique("shared"));
        publish(s, t, 1);
        receive(c);
    }

    @TckTest
    void sharedNonDurableSubscriptionEndsWithItsLastConsumer(Jms jms) throws Exception {
        String name = jms.unique("shared");
        Session s = jms.session();
        Topic t = jms.topic(s);
        s.createSharedConsumer(t, name).close();
        publish(s, t, 1);
        MessageConsumer again = s.createSharedConsumer(t, name);
        assertNothing(again);
    }

    @TckTest
    void sharedNamesAreScopedByClientId(Jms jms) throws Exception {
        String name = jms.unique("shared");
        Connection ca = jms.connection(jms.clientId());
        Connection cb = jms.connection(jms.clientId());
        ca.start();
        cb.start();
        Session sa = ca.createSession();
        Session sb = cb.createSession();
        Topic t = jms.topic(sa);
        MessageConsumer a = sa.createSharedConsumer(t, name);
        MessageConsumer b = sb.createSharedConsumer(t, name);
        publish(jms.session(), t, 1);
        assertThat(drain(a)).containsExactly("m0");
        assertThat(drain(b)).containsExactly("m0");
    }

    @TckTest
    void sharedDurableSubscriptionKeepsMessagesWithoutConsumers(Jms jms) throws Exception {
        String name = jms.unique("sd");
        jms.sharedDurableSubscription(null, name);
        Session s = jms.session();
        Topic t = jms.topic(s);
        s.createSharedDurableConsumer(t, name).close();
        publish(s, t, 2);
        MessageConsumer c = s.createSharedDurableConsumer(t, name);
        assertThat(drain(c)).containsExactly("m0", "m1");
        c.close();
        s.unsubscribe(name);
    }

    @TckTest
    void sharedDurableConsumersSplitTheMessages(Jms jms) throws Exception {
        String name = jms.unique("sd");
        jms.sharedDurableSubscription(null, name);
        Session s1 = jms.session();
        Session s2 = jms.session();
        Topic t = jms.topic(s1);
        MessageConsumer a = s1.createSharedDurableConsumer(t, name);
        MessageConsumer b = s2.createSharedDurableConsumer(t, name);
        publish(s1, t, 10);
        assertThat(drain(a, b)).hasSize(10).doesNotHaveDuplicates();
        a.close();
        b.close();
        s1.unsubscribe(name);
    }

    @TckTest
    void sharedDurableWithClientIdIsScopedByIt(Jms jms) throws Exception {
        String name = jms.unique("sd");
        String id = jms.clientId();
        jms.sharedDurableSubscription(id, name);
        Connection c = jms.connection(id);
        c.start();
        Session s = c.createSession();
        Topic t = jms.topic(s);
        MessageConsumer consumer = s.createSharedDurableConsumer(t, name);
        publish(jms.session(), t, 1);
        assertThat(drain(consumer)).containsExactly("m0");
        consumer.close();
        s.unsubscribe(name);
    }

    @TckTest
    void unsubscribeOfASharedDurableSubscriptionWithActiveConsumersIsRefused(Jms jms) throws Exception {
        String name = jms.unique("sd");
        jms.sharedDurableSubscription(null, name);
        Session s = jms.session();
        Topic t = jms.topic(s);
        MessageConsumer c = s.createSharedDurableConsumer(t, name);
        assertThatThrownBy(() -> jms.session().unsubscribe(name)).isInstanceOf(JMSException.class);
        c.close();
        s.unsubscribe(name);
    }

    @TckTest
    void unsubscribeDeletesASharedDurableSubscription(Jms jms) throws Exception {
        String name = jms.unique("sd");
        jms.sharedDurableSubscription(null, name);
        Session s = jms.session();
        Topic t = jms.topic(s);
        s.createSharedDurableConsumer(t, name).close();
        publish(s, t, 1);
        s.unsubscribe(name);
        MessageConsumer fresh = s.createSharedDurableConsumer(t, name);
        assertNothing(fresh);
        fresh.close();
        s.unsubscribe(name);
    }

    @TckTest
    void aSharedDurableSubscriptionCannotChangeTopicWhileConsumersAreActive(Jms jms) throws Exception {
        String name = jms.unique("sd");
        jms.sharedDurableSubscription(null, name);
        Session s = jms.session();
        Topic t = jms.topic(s);
        MessageConsumer c = s.createSharedDurableConsumer(t, name);
        Topic other = jms.topic(s);
        assertThatThrownBy(() -> jms.session().createSharedDurableConsumer(other, name)).isInstanceOf(JMSException.class);
        c.close();
        s.unsubscribe(name);
    }

    @TckTest
    void aSharedNonDurableSubscriptionCannotChangeTopicWhileConsumersAreActive(Jms jms) throws Exception {
        String name = jms.unique("shared");
        Session s = jms.session();
        Topic t = jms.topic(s);
        s.createSharedConsumer(t, name);
        Topic other = jms.topic(s);
        assertThatThrownBy(() -> jms.session().createSharedConsumer(other, name)).isInstanceOf(JMSException.class);
    }

    @TckTest
    void aSharedNonDurableSubscriptionCannotChangeSelectorWhileConsumersAreActive(Jms jms) throws Exception {
        String name = jms.unique("shared");
        Session s = jms.session();
        Topic t = jms.topic(s);
        MessageConsumer c = s.createSharedConsumer(t, name, "color = 'red'");
        assertThatThrownBy(() -> jms.session().createSharedConsumer(t, name, "color = 'blue'")).isInstanceOf(JMSException.class);
        assertThatThrownBy(() -> jms.session().createSharedConsumer(t, name)).isInstanceOf(JMSException.class);
        assertThatThrownBy(() -> jms.context().createSharedConsumer(t, name)).isInstanceOf(JMSRuntimeException.class);
        // the same topic and selector join the subscription
        MessageConsumer same = jms.session().createSharedConsumer(t, name, " color = 'red' ");
        same.close();
        c.close();
    }

    @TckTest
    void aSharedNonDurableSubscriptionMayChangeTopicOnceItsConsumersAreClosed(Jms jms) throws Exception {
        String name = jms.unique("shared");
        Session s = jms.session();
        Topic t = jms.topic(s);
        s.createSharedConsumer(t, name).close();
        Topic other = jms.topic(s);
        MessageConsumer c = jms.session().createSharedConsumer(other, name);
        publish(s, t, 1);
        assertNothing(c);
        publish(s, other, 1);
        assertThat(((TextMessage) receive(c)).getText()).isEqualTo("m0");
    }

    @TckTest
    void sharedAndUnsharedDurableSubscriptionsCannotShareAName(Jms jms) throws Exception {
        String name = jms.unique("sd");
        String id = jms.clientId();
        jms.sharedDurableSubscription(id, name);
        jms.durableSubscription(id, name);
        Connection c = jms.connection(id);
        c.start();
        Session s = c.createSession();
        Topic t = jms.topic(s);
        MessageConsumer shared = s.createSharedDurableConsumer(t, name);
        assertThatThrownBy(() -> s.createDurableConsumer(t, name)).isInstanceOf(JMSException.class);
        shared.close();
        // the shared durable subscription exists without consumers too
        assertThatThrownBy(() -> s.createDurableSubscriber(t, name)).isInstanceOf(JMSException.class);
        s.unsubscribe(name);
    }

    @TckTest
    void anUnsharedDurableSubscriptionKeepsItsNameFromASharedOne(Jms jms) throws Exception {
        String name = jms.unique("d");
        String id = jms.clientId();
        jms.sharedDurableSubscription(id, name);
        jms.durableSubscription(id, name);
        Connection c = jms.connection(id);
        c.start();
        Session s = c.createSession();
        Topic t = jms.topic(s);
        s.createDurableConsumer(t, name).close();
        assertThatThrownBy(() -> s.createSharedDurableConsumer(t, name)).isInstanceOf(JMSException.class);
        s.unsubscribe(name);
        // once it is gone the name is free for a shared durable subscription
        s.createSharedDurableConsumer(t, name).close();
        s.unsubscribe(name);
    }
}
