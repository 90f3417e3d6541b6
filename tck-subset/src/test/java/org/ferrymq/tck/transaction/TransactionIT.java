package org.ferrymq.tck.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ferrymq.tck.Jms.assertNothing;
import static org.ferrymq.tck.Jms.receive;

import java.util.ArrayList;
import java.util.List;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.TransactionRolledBackException;

import org.ferrymq.tck.Jms;
import org.ferrymq.tck.TckTest;
import org.junit.jupiter.api.Timeout;

/**
 * Jakarta Messaging 3.1, section 6.2.7 "Transactions": a transacted session groups sends and
 * receives into an atomic unit; {@code commit} makes sends visible and acknowledges receives,
 * {@code rollback} discards sends and redelivers receives (JMSRedelivered, JMSXDeliveryCount);
 * a new transaction starts automatically; closing a session rolls back; a failed commit is a
 * TransactionRolledBackException, never a half-committed transaction.
 */
@Timeout(30)
class TransactionIT {

    private static String text(Message m) throws JMSException {
        return ((TextMessage) m).getText();
    }

    private static List<String> drain(Jms jms, Queue q) throws Exception {
        MessageConsumer c = jms.session().createConsumer(q);
        List<String> got = new ArrayList<>();
        for (Message m; (m = c.receive(400)) != null; ) {
            got.add(text(m));
        }
        c.close();   // an open consumer would go on taking messages meant for later checks
        return got;
    }

    @TckTest
    void sendsAreInvisibleUntilCommit(Jms jms) throws Exception {
        Session tx = jms.session(Session.SESSION_TRANSACTED);
        Queue q = jms.queue(tx);
        tx.createProducer(q).send(tx.createTextMessage("a"));
        tx.createProducer(q).send(tx.createTextMessage("b"));
        MessageConsumer reader = jms.session().createConsumer(q);
        assertNothing(reader);
        tx.commit();
        assertThat(text(receive(reader))).isEqualTo("a");
        assertThat(text(receive(reader))).isEqualTo("b");
    }

    @TckTest
    void rollbackDiscardsSends(Jms jms) throws Exception {
        Session tx = jms.session(Session.SESSION_TRANSACTED);
        Queue q = jms.queue(tx);
        tx.createProducer(q).send(tx.createTextMessage("discarded"));
        tx.rollback();
        tx.createProducer(q).send(tx.createTextMessage("kept"));
        tx.commit();
        assertThat(drain(jms, q)).containsExactly("kept");
    }

    @TckTest
    void rollbackRedeliversReceivedMessagesMarkedRedelivered(Jms jms) throws Exception {
        Session tx = jms.session(Session.SESSION_TRANSACTED);
        Queue q = jms.queue(tx);
        Session plain = jms.session();
        plain.createProducer(q).send(plain.createTextMessage("again"));
        MessageConsumer c = tx.createConsumer(q);
        Message first = receive(c);
        assertThat(first.getJMSRedelivered()).isFalse();
        tx.rollback();
        Message second = receive(c);
        assertThat(text(second)).isEqualTo("again");
        assertThat(second.getJMSRedelivered()).isTrue();
        assertThat(second.getIntProperty("JMSXDeliveryCount")).isGreaterThanOrEqualTo(2);
        tx.commit();
        assertThat(drain(jms, q)).isEmpty();
    }

    @TckTest
    void commitAcknowledgesReceivedMessages(Jms jms) throws Exception {
        Connection c = jms.startedConnection();
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        Queue q = jms.queue(tx);
        Session plain = jms.session();
        plain.createProducer(q).send(plain.createTextMessage("once"));
        receive(tx.createConsumer(q));
        tx.commit();
        c.close();
        assertThat(drain(jms, q)).isEmpty();
    }

    @TckTest
    void uncommittedReceivesReturnWhenTheSessionCloses(Jms jms) throws Exception {
        Connection c = jms.startedConnection();
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        Queue q = jms.queue(tx);
        Session plain = jms.session();
        plain.createProducer(q).send(plain.createTextMessage("back"));
        receive(tx.createConsumer(q));
        tx.close();
        assertThat(drain(jms, q)).containsExactly("back");
    }

    @TckTest
    void receiveAndSendCommitTogether(Jms jms) throws Exception {
        Session tx = jms.session(Session.SESSION_TRANSACTED);
        Queue in = jms.queue(tx);
        Queue out = jms.queue(tx);
        Session plain = jms.session();
        plain.createProducer(in).send(plain.createTextMessage("work"));
        MessageConsumer c = tx.createConsumer(in);
        MessageProducer p = tx.createProducer(out);
        p.send(tx.createTextMessage("result of " + text(receive(c))));
        tx.rollback();
        assertThat(drain(jms, out)).isEmpty();
        p.send(tx.createTextMessage("result of " + text(receive(c))));
        tx.commit();
        c.close();
        assertThat(drain(jms, out)).containsExactly("result of work");
        assertThat(drain(jms, in)).isEmpty();
    }

    @TckTest
    void aNewTransactionStartsAfterEachCommit(Jms jms) throws Exception {
        Session tx = jms.session(Session.SESSION_TRANSACTED);
        Queue q = jms.queue(tx);
        MessageProducer p = tx.createProducer(q);
        p.send(tx.createTextMessage("first"));
        tx.commit();
        p.send(tx.createTextMessage("second"));
        tx.rollback();
        p.send(tx.createTextMessage("third"));
        tx.commit();
        assertThat(drain(jms, q)).containsExactly("first", "third");
    }

    @TckTest
    void acknowledgeIsIgnoredInATransactedSession(Jms jms) throws Exception {
        Session tx = jms.session(Session.SESSION_TRANSACTED);
        Queue q = jms.queue(tx);
        Session plain = jms.session();
        plain.createProducer(q).send(plain.createTextMessage("tx"));
        MessageConsumer c = tx.createConsumer(q);
        receive(c).acknowledge();
        tx.rollback();
        assertThat(receive(c).getJMSRedelivered()).isTrue();
        tx.commit();
    }

    @TckTest
    void commitAndRollbackOnAClosedSessionAreRefused(Jms jms) throws Exception {
        Session tx = jms.session(Session.SESSION_TRANSACTED);
        tx.close();
        assertThatThrownBy(tx::commit).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(tx::rollback).isInstanceOf(IllegalStateException.class);
    }

    @TckTest
    void anEmptyCommitAndRollbackAreFine(Jms jms) throws Exception {
        Session tx = jms.session(Session.SESSION_TRANSACTED);
        tx.commit();
        tx.rollback();
        tx.commit();
    }

    @TckTest
    void rollbackOfAListenerSessionRedelivers(Jms jms) throws Exception {
        Connection c = jms.startedConnection();
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        Queue q = jms.queue(tx);
        List<Boolean> redelivered = new ArrayList<>();
        java.util.concurrent.CountDownLatch twice = new java.util.concurrent.CountDownLatch(2);
        tx.createConsumer(q).setMessageListener(m -> {
            try {
                synchronized (redelivered) {
                    redelivered.add(m.getJMSRedelivered());
                }
                if (twice.getCount() == 2) {
                    twice.countDown();
                    tx.rollback();
                } else {
                    twice.countDown();
                    tx.commit();
                }
            } catch (JMSException e) {
                throw new RuntimeException(e);
            }
        });
        Session plain = jms.session();
        plain.createProducer(q).send(plain.createTextMessage("listener tx"));
        assertThat(twice.await(Jms.RECEIVE_MS, java.util.concurrent.TimeUnit.MILLISECONDS)).isTrue();
        synchronized (redelivered) {
            assertThat(redelivered).containsExactly(false, true);
        }
    }

    @TckTest
    void committedSendsKeepTheirOrder(Jms jms) throws Exception {
        Session tx = jms.session(Session.SESSION_TRANSACTED);
        Queue q = jms.queue(tx);
        MessageProducer p = tx.createProducer(q);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sent.add("m" + i);
            p.send(tx.createTextMessage("m" + i));
        }
        tx.commit();
        assertThat(drain(jms, q)).containsExactlyElementsOf(sent);
    }

    @TckTest
    void rolledBackReceivesComeBackInOrder(Jms jms) throws Exception {
        Session tx = jms.session(Session.SESSION_TRANSACTED);
        Queue q = jms.queue(tx);
        Session plain = jms.session();
        MessageProducer p = plain.createProducer(q);
        for (int i = 0; i < 3; i++) {
            p.send(plain.createTextMessage("m" + i));
        }
        MessageConsumer c = tx.createConsumer(q);
        for (int i = 0; i < 3; i++) {
            receive(c);
        }
        tx.rollback();
        List<String> again = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            again.add(text(receive(c)));
        }
        tx.commit();
        assertThat(again).containsExactly("m0", "m1", "m2");
    }

    @TckTest
    void aTransactionSpansQueuesAndTopics(Jms jms) throws Exception {
        Session tx = jms.session(Session.SESSION_TRANSACTED);
        Queue q = jms.queue(tx);
        var t = jms.topic(tx);
        Session reader = jms.session();
        MessageConsumer topicReader = reader.createConsumer(t);
        MessageProducer p = tx.createProducer(null);
        p.send(q, tx.createTextMessage("queue part"));
        p.send(t, tx.createTextMessage("topic part"));
        tx.rollback();
        assertNothing(topicReader);
        p.send(q, tx.createTextMessage("queue part"));
        p.send(t, tx.createTextMessage("topic part"));
        tx.commit();
        assertThat(text(receive(topicReader))).isEqualTo("topic part");
        assertThat(drain(jms, q)).containsExactly("queue part");
    }

    @TckTest
    void aCommitThatFailsRollsBackEverything(Jms jms) throws Exception {
        Connection c = jms.startedConnection();
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        Queue q = jms.queue(tx);
        tx.createProducer(q).send(tx.createTextMessage("all or nothing"));
        // a destination that cannot exist: publishing to a missing exchange breaks the transaction
        var missing = tx.createTopic(jms.unique("missing-exchange") + "/key");
        try {
            tx.createProducer(missing).send(tx.createTextMessage("to nowhere"));
        } catch (JMSException expected) {
            // refusing the send up front is allowed
        }
        try {
            tx.commit();
            // the commit succeeded: then the first send must be there, whole
            assertThat(drain(jms, q)).containsExactly("all or nothing");
        } catch (TransactionRolledBackException rolledBack) {
            assertThat(drain(jms, q)).isEmpty();
        }
    }

    /**
     * A commit the broker really refuses: the topic's exchange is deleted behind the provider's back
     * during the transaction, so the publish to it closes the channel (404) and tx.commit cannot
     * succeed. The send to the queue in the same transaction must not be delivered either.
     */
    @TckTest
    void aCommitTheBrokerRefusesIsTransactionRolledBackAndDeliversNothing(Jms jms) throws Exception {
        Connection c = jms.startedConnection();
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        Queue q = jms.queue(tx);
        String exchange = jms.exchange();
        jakarta.jms.MessageProducer toTopic = tx.createProducer(tx.createTopic(exchange + "/key"));
        toTopic.send(tx.createTextMessage("an earlier transaction"));
        tx.commit();   // the provider now knows the exchange exists

        jms.deleteExchange(exchange);
        tx.createProducer(q).send(tx.createTextMessage("all or nothing"));
        toTopic.send(tx.createTextMessage("to an exchange that is gone"));
        assertThatThrownBy(tx::commit).isInstanceOf(TransactionRolledBackException.class);
        assertThat(drain(jms, q)).isEmpty();
    }
}
