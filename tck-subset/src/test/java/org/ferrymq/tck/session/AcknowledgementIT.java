package org.ferrymq.tck.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ferrymq.tck.Jms.RECEIVE_MS;
import static org.ferrymq.tck.Jms.assertNothing;
import static org.ferrymq.tck.Jms.receive;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.ferrymq.tck.Jms;
import org.ferrymq.tck.TckTest;
import org.junit.jupiter.api.Timeout;

/**
 * Jakarta Messaging 3.1, section 6.2.10 "Message acknowledgment" (AUTO_ACKNOWLEDGE,
 * CLIENT_ACKNOWLEDGE, DUPS_OK_ACKNOWLEDGE, {@code Session.recover}), section 3.4.7
 * "JMSRedelivered", 3.5.9 "JMSXDeliveryCount" and the Session / Message.acknowledge Javadoc:
 * "acknowledging a consumed message acknowledges all messages that the session has consumed",
 * and only those (CLIENT exactness: a prefetched, not yet consumed message is not acknowledged).
 */
@Timeout(30)
class AcknowledgementIT {

    private static void send(Session s, Queue q, String... texts) throws Exception {
        MessageProducer p = s.createProducer(q);
        for (String t : texts) {
            p.send(s.createTextMessage(t));
        }
    }

    private static String text(Message m) throws Exception {
        return ((TextMessage) m).getText();
    }

    /** Everything left on the queue, read by a fresh connection. */
    private static List<String> drain(Jms jms, Queue q) throws Exception {
        Session s = jms.session();
        MessageConsumer c = s.createConsumer(q);
        List<String> left = new ArrayList<>();
        for (Message m; (m = c.receive(500)) != null; ) {
            left.add(text(m));
        }
        c.close();
        return left;
    }

    // ---- AUTO_ACKNOWLEDGE ---------------------------------------------------------------------

    @TckTest
    void autoAcknowledgeAcknowledgesEachReceivedMessage(Jms jms) throws Exception {
        Connection c = jms.startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = jms.queue(s);
        send(s, q, "a", "b");
        MessageConsumer consumer = s.createConsumer(q);
        assertThat(text(receive(consumer))).isEqualTo("a");
        consumer.close();
        c.close();
        assertThat(drain(jms, q)).containsExactly("b");
    }

    @TckTest
    void autoAcknowledgeAcknowledgesWhenTheListenerReturns(Jms jms) throws Exception {
        Connection c = jms.startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = jms.queue(s);
        CountDownLatch got = new CountDownLatch(2);
        s.createConsumer(q).setMessageListener(m -> got.countDown());
        send(s, q, "a", "b");
        assertThat(got.await(RECEIVE_MS, TimeUnit.MILLISECONDS)).isTrue();
        Jms.pause(100);
        c.close();
        assertThat(drain(jms, q)).isEmpty();
    }

    @TckTest
    void acknowledgeIsIgnoredInAutoAcknowledgeMode(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        send(s, q, "a");
        Message m = receive(s.createConsumer(q));
        m.acknowledge();
        assertThat(m.getJMSRedelivered()).isFalse();
    }

    @TckTest
    void aListenerThatThrowsInAutoModeGetsTheMessageAgainAsRedelivered(Jms jms) throws Exception {
        Connection c = jms.startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = jms.queue(s);
        AtomicInteger calls = new AtomicInteger();
        List<Boolean> redelivered = new ArrayList<>();
        CountDownLatch twice = new CountDownLatch(2);
        s.createConsumer(q).setMessageListener(m -> {
            try {
                synchronized (redelivered) {
                    redelivered.add(m.getJMSRedelivered());
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
            twice.countDown();
            if (calls.incrementAndGet() == 1) {
                throw new RuntimeException("first delivery fails on purpose");
            }
        });
        send(s, q, "again");
        assertThat(twice.await(RECEIVE_MS, TimeUnit.MILLISECONDS)).isTrue();
        synchronized (redelivered) {
            assertThat(redelivered).containsExactly(false, true);
        }
    }

    // ---- CLIENT_ACKNOWLEDGE -------------------------------------------------------------------

    @TckTest
    void clientAcknowledgeWithoutAcknowledgeLeavesMessagesForRedelivery(Jms jms) throws Exception {
        Connection c = jms.startedConnection();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue q = jms.queue(s);
        send(s, q, "a", "b");
        MessageConsumer consumer = s.createConsumer(q);
        receive(consumer);
        receive(consumer);
        c.close();
        assertThat(drain(jms, q)).containsExactly("a", "b");
    }

    @TckTest
    void clientAcknowledgeAcknowledgesEveryMessageConsumedBySession(Jms jms) throws Exception {
        Connection c = jms.startedConnection();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue q = jms.queue(s);
        send(s, q, "a", "b", "c");
        MessageConsumer consumer = s.createConsumer(q);
        Message first = receive(consumer);
        receive(consumer);
        receive(consumer);
        first.acknowledge();
        c.close();
        assertThat(drain(jms, q)).isEmpty();
    }

    @TckTest
    void clientAcknowledgeDoesNotAcknowledgePrefetchedMessagesNotYetConsumed(Jms jms) throws Exception {
        Connection c = jms.startedConnection();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue q = jms.queue(s);
        send(s, q, "a", "b", "c", "d");
        MessageConsumer consumer = s.createConsumer(q);
        receive(consumer);
        Message second = receive(consumer);
        Jms.pause(200);  // let the rest arrive in the client's prefetch buffer
        second.acknowledge();
        c.close();
        assertThat(drain(jms, q)).containsExactly("c", "d");
    }

    @TckTest
    void clientAcknowledgeCoversEveryConsumerOfTheSession(Jms jms) throws Exception {
        Connection c = jms.startedConnection();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue q1 = jms.queue(s);
        Queue q2 = jms.queue(s);
        send(s, q1, "one");
        send(s, q2, "two");
        receive(s.createConsumer(q1));
        Message m2 = receive(s.createConsumer(q2));
        m2.acknowledge();
        c.close();
        assertThat(drain(jms, q1)).isEmpty();
        assertThat(drain(jms, q2)).isEmpty();
    }

    @TckTest
    void clientAcknowledgeDoesNotCoverOtherSessions(Jms jms) throws Exception {
        Connection c = jms.startedConnection();
        Session s1 = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Session s2 = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue q1 = jms.queue(s1);
        Queue q2 = jms.queue(s1);
        send(s1, q1, "one");
        send(s1, q2, "two");
        receive(s1.createConsumer(q1)).acknowledge();
        receive(s2.createConsumer(q2));
        c.close();
        assertThat(drain(jms, q1)).isEmpty();
        assertThat(drain(jms, q2)).containsExactly("two");
    }

    @TckTest
    void messagesConsumedAfterAnAcknowledgeNeedTheirOwn(Jms jms) throws Exception {
        Connection c = jms.startedConnection();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue q = jms.queue(s);
        send(s, q, "a", "b");
        MessageConsumer consumer = s.createConsumer(q);
        receive(consumer).acknowledge();
        receive(consumer);
        c.close();
        assertThat(drain(jms, q)).containsExactly("b");
    }

    @TckTest
    void acknowledgingTwiceIsHarmless(Jms jms) throws Exception {
        Session s = jms.session(Session.CLIENT_ACKNOWLEDGE);
        Queue q = jms.queue(s);
        send(s, q, "a");
        Message m = receive(s.createConsumer(q));
        m.acknowledge();
        m.acknowledge();
    }

    @TckTest
    void clientAcknowledgeInAListener(Jms jms) throws Exception {
        Connection c = jms.startedConnection();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue q = jms.queue(s);
        CountDownLatch got = new CountDownLatch(2);
        s.createConsumer(q).setMessageListener(m -> {
            try {
                if ("ack".equals(text(m))) {
                    m.acknowledge();
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
            got.countDown();
        });
        send(jms.session(), q, "ack", "keep");
        assertThat(got.await(RECEIVE_MS, TimeUnit.MILLISECONDS)).isTrue();
        c.close();
        assertThat(drain(jms, q)).containsExactly("keep");
    }

    @TckTest
    void redeliveredClientAcknowledgedMessagesCarryRedeliveredAndDeliveryCount(Jms jms) throws Exception {
        Session producer = jms.session();
        Queue q = jms.queue(producer);
        send(producer, q, "a");
        Connection c = jms.startedConnection();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Message first = receive(s.createConsumer(q));
        assertThat(first.getJMSRedelivered()).isFalse();
        assertThat(first.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
        c.close();
        Message second = receive(jms.session().createConsumer(q));
        assertThat(second.getJMSRedelivered()).isTrue();
        assertThat(second.getIntProperty("JMSXDeliveryCount")).isGreaterThanOrEqualTo(2);
    }

    // ---- DUPS_OK_ACKNOWLEDGE ------------------------------------------------------------------

    @TckTest
    void dupsOkAcknowledgeDeliversEveryMessage(Jms jms) throws Exception {
        Session s = jms.session(Session.DUPS_OK_ACKNOWLEDGE);
        Queue q = jms.queue(s);
        send(s, q, "a", "b", "c");
        MessageConsumer consumer = s.createConsumer(q);
        assertThat(List.of(text(receive(consumer)), text(receive(consumer)), text(receive(consumer))))
                .containsExactly("a", "b", "c");
        assertNothing(consumer);
    }

    @TckTest
    void dupsOkAcknowledgeEventuallyAcknowledges(Jms jms) throws Exception {
        Connection c = jms.startedConnection();
        Session s = c.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
        Queue q = jms.queue(s);
        send(s, q, "a", "b");
        MessageConsumer consumer = s.createConsumer(q);
        receive(consumer);
        receive(consumer);
        consumer.close();
        s.close();
        c.close();
        assertThat(drain(jms, q)).isEmpty();
    }

    // ---- recover ------------------------------------------------------------------------------

    @TckTest
    void recoverRedeliversUnacknowledgedMessagesInOrder(Jms jms) throws Exception {
        Session s = jms.session(Session.CLIENT_ACKNOWLEDGE);
        Queue q = jms.queue(s);
        send(s, q, "a", "b");
        MessageConsumer consumer = s.createConsumer(q);
        receive(consumer);
        receive(consumer);
        s.recover();
        Message a = receive(consumer);
        Message b = receive(consumer);
        assertThat(List.of(text(a), text(b))).containsExactly("a", "b");
        assertThat(a.getJMSRedelivered()).isTrue();
        assertThat(b.getJMSRedelivered()).isTrue();
        b.acknowledge();
    }

    @TckTest
    void recoverDoesNotRedeliverAcknowledgedMessages(Jms jms) throws Exception {
        Session s = jms.session(Session.CLIENT_ACKNOWLEDGE);
        Queue q = jms.queue(s);
        send(s, q, "a", "b");
        MessageConsumer consumer = s.createConsumer(q);
        receive(consumer).acknowledge();
        receive(consumer);
        s.recover();
        Message again = receive(consumer);
        assertThat(text(again)).isEqualTo("b");
        assertThat(again.getJMSRedelivered()).isTrue();
        again.acknowledge();
        assertNothing(consumer);
    }

    @TckTest
    void recoverInAutoAcknowledgeModeRedeliversTheLastMessageAtMost(Jms jms) throws Exception {
        Session s = jms.session(Session.AUTO_ACKNOWLEDGE);
        Queue q = jms.queue(s);
        send(s, q, "a");
        MessageConsumer consumer = s.createConsumer(q);
        receive(consumer);
        s.recover();
        Message maybe = consumer.receive(Jms.NOTHING_MS);
        if (maybe != null) {
            assertThat(maybe.getJMSRedelivered()).isTrue();
        }
    }

    /**
     * 6.2.10: in AUTO_ACKNOWLEDGE and DUPS_OK_ACKNOWLEDGE a listener's message is acknowledged when
     * onMessage returns, so a recover() inside onMessage redelivers the message in hand, with
     * JMSRedelivered=true; the redelivery is acknowledged and nothing is left (issue 14, item 21).
     */
    @TckTest
    void recoverInsideAnAutoOrDupsOkListenerRedeliversTheMessageInHand(Jms jms) throws Exception {
        for (int mode : new int[] {Session.AUTO_ACKNOWLEDGE, Session.DUPS_OK_ACKNOWLEDGE}) {
            Session s = jms.session(mode);
            Queue q = jms.queue(s);
            List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
            CountDownLatch redelivered = new CountDownLatch(1);
            AtomicInteger recovers = new AtomicInteger();
            s.createConsumer(q).setMessageListener(m -> {
                try {
                    seen.add(text(m) + (m.getJMSRedelivered() ? "+redelivered" : ""));
                    if (!m.getJMSRedelivered()) {
                        recovers.incrementAndGet();
                        s.recover();
                    } else {
                        redelivered.countDown();
                    }
                } catch (Exception e) {
                    seen.add("failed: " + e);
                }
            });
            send(jms.session(), q, "in hand");
            assertThat(redelivered.await(RECEIVE_MS, TimeUnit.MILLISECONDS)).as("redelivery in mode %d: %s", mode, seen).isTrue();
            Jms.pause(300);   // nothing more may come: the redelivery was acknowledged when onMessage returned
            assertThat(seen).as("mode %d", mode).containsExactly("in hand", "in hand+redelivered");
            assertThat(recovers).hasValue(1);
            s.close();
            assertThat(jms.readyCount(q.getQueueName())).as("mode %d: acknowledged", mode).isZero();
        }
    }

    @TckTest
    void recoverOnATransactedSessionIsRefused(Jms jms) throws Exception {
        Session s = jms.session(Session.SESSION_TRANSACTED);
        assertThatThrownBy(s::recover).isInstanceOf(IllegalStateException.class);
    }

    @TckTest
    void recoverOnAClosedSessionIsRefused(Jms jms) throws Exception {
        Session s = jms.session(Session.CLIENT_ACKNOWLEDGE);
        s.close();
        assertThatThrownBy(s::recover).isInstanceOf(IllegalStateException.class);
    }

    @TckTest
    void closingASessionRequeuesItsUnacknowledgedMessages(Jms jms) throws Exception {
        Connection c = jms.startedConnection();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue q = jms.queue(s);
        send(s, q, "a");
        receive(s.createConsumer(q));
        s.close();
        Message again = receive(c.createSession().createConsumer(q));
        assertThat(text(again)).isEqualTo("a");
        assertThat(again.getJMSRedelivered()).isTrue();
    }

    @TckTest
    void sessionMethodsAfterCloseAreRefused(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        s.close();
        s.close();
        assertThatThrownBy(s::createMessage).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.createProducer(q)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.createConsumer(q)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(s::getAcknowledgeMode).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(s::getTransacted).isInstanceOf(IllegalStateException.class);
    }

    @TckTest
    void commitAndRollbackOnANonTransactedSessionAreRefused(Jms jms) throws Exception {
        Session s = jms.session();
        assertThatThrownBy(s::commit).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(s::rollback).isInstanceOf(IllegalStateException.class);
    }
}
