package org.ferrymq.tck.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ferrymq.tck.Jms.assertNothing;
import static org.ferrymq.tck.Jms.receive;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicSubscriber;

import org.ferrymq.tck.Jms;
import org.ferrymq.tck.TckTest;
import org.junit.jupiter.api.Timeout;

/**
 * Jakarta Messaging 3.1, chapter 8 "Receiving messages", unshared durable subscriptions
 * (identified by client identifier and name; retained while inactive; one active consumer;
 * {@code unsubscribe} rules; changing topic, selector or noLocal replaces the subscription)
 * and the noLocal rules for durable subscriptions.
 */
@Timeout(30)
class DurableSubscriptionIT {

    /** A started connection with a fresh client ID and its session. */
    private static Session clientSession(Jms jms, String clientId) throws Exception {
        Connection c = jms.connection(clientId);
        c.start();
        return c.createSession();
    }

    private static void publish(Jms jms, Topic t, String... texts) throws Exception {
        Session s = jms.session();
        for (String text : texts) {
            s.createProducer(t).send(s.createTextMessage(text));
        }
    }

    private static String text(jakarta.jms.Message m) throws JMSException {
        return ((TextMessage) m).getText();
    }

    @TckTest
    void anUnsharedDurableSubscriptionNeedsAClientId(Jms jms) throws Exception {
        Session s = jms.session();
        Topic t = jms.topic(s);
        assertThatThrownBy(() -> s.createDurableConsumer(t, "no-client-id")).isInstanceOf(IllegalStateException.class);
    }

    @TckTest
    void messagesPublishedWhileInactiveAreKept(Jms jms) throws Exception {
        String id = jms.clientId();
        jms.durableSubscription(id, "keep");
        Session s = clientSession(jms, id);
        Topic t = jms.topic(s);
        s.createDurableConsumer(t, "keep").close();
        publish(jms, t, "while away");
        MessageConsumer again = s.createDurableConsumer(t, "keep");
        assertThat(text(receive(again))).isEqualTo("while away");
        again.close();
        s.unsubscribe("keep");
    }

    @TckTest
    void theSubscriptionOutlivesItsConnection(Jms jms) throws Exception {
        String id = jms.clientId();
        jms.durableSubscription(id, "outlive");
        Connection first = jms.connection(id);
        Session s = first.createSession();
        Topic t = jms.topic(s);
        s.createDurableConsumer(t, "outlive");
        first.close();
        publish(jms, t, "after close");
        Session later = clientSession(jms, id);
        MessageConsumer c = later.createDurableConsumer(t, "outlive");
        assertThat(text(receive(c))).isEqualTo("after close");
        c.close();
        later.unsubscribe("outlive");
    }

    @TckTest
    void createDurableSubscriberIsTheSameSubscription(Jms jms) throws Exception {
        String id = jms.clientId();
        jms.durableSubscription(id, "legacy");
        Session s = clientSession(jms, id);
        Topic t = jms.topic(s);
        TopicSubscriber sub = s.createDurableSubscriber(t, "legacy");
        assertThat(sub.getTopic()).isEqualTo(t);
        assertThat(sub.getNoLocal()).isFalse();
        sub.close();
        publish(jms, t, "kept");
        MessageConsumer c = s.createDurableConsumer(t, "legacy");
        assertThat(text(receive(c))).isEqualTo("kept");
        c.close();
        s.unsubscribe("legacy");
    }

    @TckTest
    void aSecondActiveConsumerOnAnUnsharedDurableSubscriptionIsRefused(Jms jms) throws Exception {
        String id = jms.clientId();
        jms.durableSubscription(id, "single");
        Session s = clientSession(jms, id);
        Topic t = jms.topic(s);
        s.createDurableConsumer(t, "single");
        Session other = s;  // same connection, so same client ID
        assertThatThrownBy(() -> other.createDurableConsumer(t, "single")).isInstanceOf(JMSException.class);
    }

    @TckTest
    void unsubscribeWithAnActiveConsumerIsRefused(Jms jms) throws Exception {
        String id = jms.clientId();
        jms.durableSubscription(id, "active");
        Session s = clientSession(jms, id);
        Topic t = jms.topic(s);
        MessageConsumer c = s.createDurableConsumer(t, "active");
        assertThatThrownBy(() -> s.unsubscribe("active")).isInstanceOf(JMSException.class);
        c.close();
        s.unsubscribe("active");
    }

    @TckTest
    void unsubscribeOfAnUnknownNameIsAnInvalidDestination(Jms jms) throws Exception {
        Session s = clientSession(jms, jms.clientId());
        assertThatThrownBy(() -> s.unsubscribe("never-created")).isInstanceOf(InvalidDestinationException.class);
    }

    @TckTest
    void unsubscribeDeletesTheSubscriptionAndItsMessages(Jms jms) throws Exception {
        String id = jms.clientId();
        jms.durableSubscription(id, "gone");
        Session s = clientSession(jms, id);
        Topic t = jms.topic(s);
        s.createDurableConsumer(t, "gone").close();
        publish(jms, t, "dropped with the subscription");
        s.unsubscribe("gone");
        MessageConsumer fresh = s.createDurableConsumer(t, "gone");
        assertNothing(fresh);
        fresh.close();
        s.unsubscribe("gone");
    }

    @TckTest
    void theSameNameUnderDifferentClientIdsIsTwoSubscriptions(Jms jms) throws Exception {
        String a = jms.clientId();
        String b = jms.clientId();
        jms.durableSubscription(a, "same");
        jms.durableSubscription(b, "same");
        Session sa = clientSession(jms, a);
        Session sb = clientSession(jms, b);
        Topic t = jms.topic(sa);
        MessageConsumer ca = sa.createDurableConsumer(t, "same");
        MessageConsumer cb = sb.createDurableConsumer(t, "same");
        publish(jms, t, "both");
        assertThat(text(receive(ca))).isEqualTo("both");
        assertThat(text(receive(cb))).isEqualTo("both");
        ca.close();
        cb.close();
        sa.unsubscribe("same");
        sb.unsubscribe("same");
    }

    @TckTest
    void aDurableSubscriptionWithASelectorKeepsOnlyMatchingMessages(Jms jms) throws Exception {
        String id = jms.clientId();
        jms.durableSubscription(id, "selective");
        Session s = clientSession(jms, id);
        Topic t = jms.topic(s);
        s.createDurableConsumer(t, "selective", "keep = TRUE", false).close();
        Session p = jms.session();
        var yes = p.createTextMessage("yes");
        yes.setBooleanProperty("keep", true);
        var no = p.createTextMessage("no");
        no.setBooleanProperty("keep", false);
        p.createProducer(t).send(no);
        p.createProducer(t).send(yes);
        MessageConsumer c = s.createDurableConsumer(t, "selective", "keep = TRUE", false);
        assertThat(c.getMessageSelector()).isEqualTo("keep = TRUE");
        assertThat(text(receive(c))).isEqualTo("yes");
        assertNothing(c);
        c.close();
        s.unsubscribe("selective");
    }

    @TckTest
    void noLocalDurableSubscriptionIgnoresItsOwnConnectionsMessages(Jms jms) throws Exception {
        String id = jms.clientId();
        jms.durableSubscription(id, "nolocal");
        Session s = clientSession(jms, id);
        Topic t = jms.topic(s);
        MessageConsumer c = s.createDurableConsumer(t, "nolocal", null, true);
        s.createProducer(t).send(s.createTextMessage("own"));
        publish(jms, t, "foreign");
        assertThat(text(receive(c))).isEqualTo("foreign");
        assertNothing(c);
        c.close();
        s.unsubscribe("nolocal");
    }

    /** Spec 8.3.1: noLocal on a durable subscription means the client ID's messages, not only this connection's. */
    @TckTest
    void noLocalDurableSubscriptionIgnoresMessagesOfEveryConnectionWithItsClientId(Jms jms) throws Exception {
        String id = jms.clientId();
        jms.durableSubscription(id, "nolocal-id");
        Connection earlier = jms.connection(id);
        earlier.start();
        Session first = earlier.createSession();
        Topic t = jms.topic(first);
        first.createDurableConsumer(t, "nolocal-id", null, true).close();
        first.createProducer(t).send(first.createTextMessage("same client ID, earlier connection"));
        earlier.close();   // frees the client ID for the next connection
        publish(jms, t, "foreign");
        Session later = clientSession(jms, id);
        MessageConsumer c = later.createDurableConsumer(t, "nolocal-id", null, true);
        assertThat(text(receive(c))).isEqualTo("foreign");
        assertNothing(c);
        c.close();
        later.unsubscribe("nolocal-id");
    }

    @TckTest
    void changingNoLocalOfAnInactiveSubscriptionReplacesIt(Jms jms) throws Exception {
        String id = jms.clientId();
        jms.durableSubscription(id, "renolocal");
        Session s = clientSession(jms, id);
        Topic t = jms.topic(s);
        s.createDurableConsumer(t, "renolocal", null, false).close();
        publish(jms, t, "kept under the old definition");
        MessageConsumer c = s.createDurableConsumer(t, "renolocal", null, true);
        publish(jms, t, "after the change");
        assertThat(text(receive(c))).isEqualTo("after the change");
        assertNothing(c);
        c.close();
        publish(jms, t, "while inactive");
        MessageConsumer again = s.createDurableConsumer(t, "renolocal", null, true);   // unchanged: the same subscription
        assertThat(text(receive(again))).isEqualTo("while inactive");
        again.close();
        s.unsubscribe("renolocal");
    }

    @TckTest
    void clientAcknowledgedDurableMessagesComeBackIfNotAcknowledged(Jms jms) throws Exception {
        String id = jms.clientId();
        jms.durableSubscription(id, "ack");
        Connection c = jms.connection(id);
        c.start();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Topic t = jms.topic(s);
        MessageConsumer sub = s.createDurableConsumer(t, "ack");
        publish(jms, t, "unacked");
        receive(sub);
        sub.close();
        s.recover();
        MessageConsumer again = s.createDurableConsumer(t, "ack");
        var m = receive(again);
        assertThat(text(m)).isEqualTo("unacked");
        assertThat(m.getJMSRedelivered()).isTrue();
        m.acknowledge();
        again.close();
        s.unsubscribe("ack");
    }

    @TckTest
    void changingTheTopicOfAnInactiveSubscriptionReplacesIt(Jms jms) throws Exception {
        String id = jms.clientId();
        jms.durableSubscription(id, "moved");
        Session s = clientSession(jms, id);
        Topic first = jms.topic(s);
        Topic second = jms.topic(s);
        s.createDurableConsumer(first, "moved").close();
        publish(jms, first, "old topic, before the change");
        MessageConsumer c = s.createDurableConsumer(second, "moved");
        publish(jms, first, "old topic, after the change");
        publish(jms, second, "new topic");
        assertThat(text(receive(c))).isEqualTo("new topic");
        assertNothing(c);
        c.close();
        s.unsubscribe("moved");
    }

    @TckTest
    void changingTheSelectorOfAnInactiveSubscriptionReplacesIt(Jms jms) throws Exception {
        String id = jms.clientId();
        jms.durableSubscription(id, "reselect");
        Session s = clientSession(jms, id);
        Topic t = jms.topic(s);
        s.createDurableConsumer(t, "reselect", "n = 1", false).close();
        Session p = jms.session();
        var m1 = p.createTextMessage("kept under the old selector");
        m1.setIntProperty("n", 1);
        p.createProducer(t).send(m1);
        MessageConsumer c = s.createDurableConsumer(t, "reselect", "n = 2", false);
        var m2 = p.createTextMessage("matches the new selector");
        m2.setIntProperty("n", 2);
        p.createProducer(t).send(m2);
        assertThat(text(receive(c))).isEqualTo("matches the new selector");
        assertNothing(c);
        c.close();
        s.unsubscribe("reselect");
    }
}
