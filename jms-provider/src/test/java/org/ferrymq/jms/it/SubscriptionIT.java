package org.ferrymq.jms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import org.junit.jupiter.api.Test;

/** Topics: non-durable, durable, shared and shared-durable subscriptions, noLocal, other exchanges. */
class SubscriptionIT extends BrokerTestBase {

    private static String topicName() {
        return "jms-it." + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String text(Message m) throws Exception {
        return m == null ? null : ((TextMessage) m).getText();
    }

    @Test
    void everyNonDurableSubscriberGetsEachMessage() throws Exception {
        Connection c = started();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = s.createTopic(topicName());
        MessageConsumer a = s.createConsumer(t);
        MessageConsumer b = c.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(t);
        s.createProducer(t).send(s.createTextMessage("news"));
        assertEquals("news", text(a.receive(5000)));
        assertEquals("news", text(b.receive(5000)));
        Message m = a.receive(200);
        assertNull(m);
    }

    @Test
    void durableSubscriptionKeepsMessagesWhileDisconnected() throws Exception {
        String clientId = "jms-it-" + UUID.randomUUID();
        String topicName = topicName();
        Connection c1 = connect();
        c1.setClientID(clientId);
        Session s1 = c1.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = s1.createTopic(topicName);
        TestBroker.deleteLater("jms.durable." + clientId + ".sub");
        s1.createDurableSubscriber(t, "sub").close();
        c1.close();

        Connection publisher = started();
        Session ps = publisher.createSession(false, Session.AUTO_ACKNOWLEDGE);
        ps.createProducer(t).send(ps.createTextMessage("while-away"));

        Connection c2 = connect();
        c2.setClientID(clientId);
        c2.start();
        Session s2 = c2.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer again = s2.createDurableConsumer(t, "sub");
        assertEquals("while-away", text(again.receive(5000)));
        assertThrows(IllegalStateException.class, () -> s2.unsubscribe("sub"), "active subscription");
        again.close();
        s2.unsubscribe("sub");
        assertThrows(InvalidDestinationException.class, () -> s2.unsubscribe("sub"));
    }

    @Test
    void unsharedDurableSubscriptionNeedsAClientIdAndAllowsOneConsumer() throws Exception {
        Connection c = connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = s.createTopic(topicName());
        assertThrows(IllegalStateException.class, () -> s.createDurableConsumer(t, "x"));

        Connection named = connect();
        String clientId = "jms-it-" + UUID.randomUUID();
        named.setClientID(clientId);
        TestBroker.deleteLater("jms.durable." + clientId + ".only");
        Session ns = named.createSession(false, Session.AUTO_ACKNOWLEDGE);
        ns.createDurableConsumer(t, "only");
        Session other = named.createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThrows(IllegalStateException.class, () -> other.createDurableConsumer(t, "only"));
    }

    @Test
    void sharedDurableSubscriptionSplitsMessagesBetweenConsumers() throws Exception {
        Connection c = started();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = s.createTopic(topicName());
        String name = "shared-" + UUID.randomUUID();
        TestBroker.deleteLater("jms.shared-durable.." + name);
        MessageConsumer a = s.createSharedDurableConsumer(t, name);
        MessageConsumer b = c.createSession(false, Session.AUTO_ACKNOWLEDGE).createSharedDurableConsumer(t, name);
        MessageProducer p = s.createProducer(t);
        for (int i = 0; i < 10; i++) {
            p.send(s.createTextMessage("m" + i));
        }
        int got = 0;
        int fromA = 0;
        for (int i = 0; i < 20 && got < 10; i++) {
            if (a.receive(100) != null) {
                got++;
                fromA++;
            }
            if (b.receive(100) != null) {
                got++;
            }
        }
        assertEquals(10, got);
        assertTrue(fromA > 0 && fromA < 10, "both consumers share the work, a got " + fromA);
        a.close();
        b.close();
        s.unsubscribe(name);
    }

    @Test
    void sharedNonDurableSubscriptionIsOneQueueForAllItsConsumers() throws Exception {
        Connection c = started();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = s.createTopic(topicName());
        MessageConsumer a = s.createSharedConsumer(t, "workers");
        MessageConsumer b = c.createSession(false, Session.AUTO_ACKNOWLEDGE).createSharedConsumer(t, "workers");
        MessageConsumer solo = c.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(t);
        s.createProducer(t).send(s.createTextMessage("once"));
        Message fromA = a.receive(1000);
        Message fromB = fromA == null ? b.receive(1000) : b.receive(200);
        assertTrue(fromA == null ^ fromB == null, "exactly one shared consumer gets it");
        assertEquals("once", text(solo.receive(5000)));
    }

    @Test
    void noLocalSkipsThisConnectionsOwnMessages() throws Exception {
        Connection mine = started();
        Connection theirs = started();
        Session s = mine.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = s.createTopic(topicName());
        MessageConsumer consumer = s.createConsumer(t, null, true);
        s.createProducer(t).send(s.createTextMessage("own"));
        MessageProducer anonymous = s.createProducer(t);
        anonymous.setDisableMessageID(true);
        anonymous.send(s.createTextMessage("own without an ID"));
        Session other = theirs.createSession(false, Session.AUTO_ACKNOWLEDGE);
        other.createProducer(t).send(other.createTextMessage("foreign"));
        assertEquals("foreign", text(consumer.receive(5000)));
        assertNull(consumer.receive(300));
    }

    @Test
    void topicOnAnotherExchangeInteroperatesWithItsBindings() throws Exception {
        String fanout = TestBroker.exchange("logs", "fanout");
        String direct = TestBroker.exchange("logs2", "direct");
        Connection c = started();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic all = s.createTopic(fanout + "/");
        Topic errors = s.createTopic(direct + "/error");
        Topic infos = s.createTopic(direct + "/info");
        MessageConsumer logs = s.createConsumer(all);
        MessageConsumer onlyErrors = s.createConsumer(errors);
        MessageProducer p = s.createProducer(null);
        p.send(all, s.createTextMessage("to everyone"));
        p.send(infos, s.createTextMessage("info line"));
        p.send(errors, s.createTextMessage("error line"));
        Message got = logs.receive(5000);
        assertEquals("to everyone", text(got));
        assertEquals(all, got.getJMSDestination());
        assertEquals("error line", text(onlyErrors.receive(5000)));
        assertNull(onlyErrors.receive(200));
    }

    @Test
    void wildcardTopicSubscriptionsOnAmqTopic() throws Exception {
        Connection c = started();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        String base = topicName();
        MessageConsumer star = s.createConsumer(s.createTopic(base + ".*.weather"));
        MessageProducer p = s.createProducer(null);
        p.send(s.createTopic(base + ".europe.weather"), s.createTextMessage("rain"));
        p.send(s.createTopic(base + ".europe.sports"), s.createTextMessage("goal"));
        Message m = star.receive(5000);
        assertNotNull(m);
        assertEquals("rain", text(m));
        assertEquals(base + ".europe.weather", ((Topic) m.getJMSDestination()).getTopicName());
        assertNull(star.receive(200));
    }

    @Test
    void aTopicOnAMissingExchangeIsAnInvalidDestination() throws Exception {
        Session s = connect().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic missing = s.createTopic("jms-it.no-such-exchange/key");
        assertThrows(InvalidDestinationException.class, () -> s.createConsumer(missing));
        assertThrows(InvalidDestinationException.class, () -> s.createProducer(missing));
    }

    @Test
    void reopeningADurableSubscriptionWithAnotherTopicReplacesIt() throws Exception {
        String clientId = "jms-it-" + UUID.randomUUID();
        TestBroker.deleteLater("jms.durable." + clientId + ".moving");
        Connection c = connect();
        c.setClientID(clientId);
        c.start();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic first = s.createTopic(topicName());
        Topic second = s.createTopic(topicName());
        MessageProducer p = s.createProducer(null);
        s.createDurableConsumer(first, "moving").close();
        p.send(first, s.createTextMessage("old topic, stored"));

        MessageConsumer same = s.createDurableConsumer(first, "moving");
        assertEquals("old topic, stored", text(same.receive(5000)), "same topic: same subscription");
        same.close();
        p.send(first, s.createTextMessage("old topic, stored again"));

        MessageConsumer moved = s.createDurableConsumer(second, "moving");
        p.send(first, s.createTextMessage("old topic, after the move"));
        p.send(second, s.createTextMessage("new topic"));
        assertEquals("new topic", text(moved.receive(5000)), "the old subscription and its messages are gone");
        assertNull(moved.receive(300));
        moved.close();
        s.unsubscribe("moving");
    }

    @Test
    void aDurableSubscriptionCannotChangeItsSelectorWhileActive() throws Exception {
        org.ferrymq.jms.selector.Selectors.install(new org.ferrymq.jms.selector.EqualsOnlySelectorCompiler());
        try {
            Connection c = started();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic t = s.createTopic(topicName());
            String name = "sel-" + UUID.randomUUID();
            TestBroker.deleteLater("jms.shared-durable.." + name);
            MessageConsumer red = s.createSharedDurableConsumer(t, name, "color = 'red'");
            Session other = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThrows(IllegalStateException.class, () -> other.createSharedDurableConsumer(t, name, "color = 'blue'"));
            red.close();
            other.createSharedDurableConsumer(t, name, "color = 'blue'").close();
            s.unsubscribe(name);
        } finally {
            org.ferrymq.jms.selector.Selectors.install(null);
        }
    }
}
