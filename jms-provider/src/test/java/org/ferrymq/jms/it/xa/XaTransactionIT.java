package org.ferrymq.jms.it.xa;

import static javax.transaction.xa.XAException.XAER_DUPID;
import static javax.transaction.xa.XAException.XAER_INVAL;
import static javax.transaction.xa.XAException.XAER_NOTA;
import static javax.transaction.xa.XAException.XAER_PROTO;
import static javax.transaction.xa.XAException.XAER_RMFAIL;
import static javax.transaction.xa.XAException.XA_RBROLLBACK;
import static javax.transaction.xa.XAException.XA_RBTIMEOUT;
import static javax.transaction.xa.XAResource.TMFAIL;
import static javax.transaction.xa.XAResource.TMJOIN;
import static javax.transaction.xa.XAResource.TMNOFLAGS;
import static javax.transaction.xa.XAResource.TMSTARTRSCAN;
import static javax.transaction.xa.XAResource.TMSUCCESS;
import static javax.transaction.xa.XAResource.TMENDRSCAN;
import static javax.transaction.xa.XAResource.XA_OK;
import static javax.transaction.xa.XAResource.XA_RDONLY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ferrymq.jms.it.xa.XaTestSupport.assertXaError;
import static org.ferrymq.jms.it.xa.XaTestSupport.insert;
import static org.ferrymq.jms.it.xa.XaTestSupport.rows;
import static org.ferrymq.jms.it.xa.XaTestSupport.xid;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.XAConnection;
import jakarta.jms.XAJMSContext;
import jakarta.jms.XASession;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;

import org.ferrymq.jms.FerryConnectionFactory;
import org.ferrymq.jms.it.TestBroker;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * XA with a real transaction manager (Narayana) and a second XA resource (an H2 XA data source),
 * over both transports: a message consumed, a row inserted and a reply sent commit or roll back
 * together; one-phase commit; suspend/resume; timeouts; every XA error code; the MDB pattern
 * (the transaction begins inside onMessage); and plain RabbitMQ refusing XA at once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class XaTransactionIT {
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private TransactionManager tm;
    private JdbcDataSource database;
    private javax.sql.XAConnection db;

    @BeforeEach
    void setUp() throws Exception {
        assumeFalse(TestBroker.isExternal(), "XA needs a FerryMQ broker");
        tm = Narayana.transactionManager();
        tm.setTransactionTimeout(0);
        database = XaTestSupport.memoryDatabase();
        db = database.getXAConnection();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (tm != null && tm.getTransaction() != null) {
            tm.rollback();
        }
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        if (db != null) {
            db.close();
        }
        if (TestBroker.amqpUri() != null && !TestBroker.isExternal()) {
            TestBroker.cleanUp();
        }
    }

    private FerryConnectionFactory factory(String transport) {
        return "vm".equals(transport) ? TestBroker.vmFactory() : TestBroker.factory();
    }

    private XAConnection xaConnection(String transport) throws JMSException {
        XAConnection c = factory(transport).createXAConnection();
        closeables.add(c);
        c.start();
        return c;
    }

    private static void seed(XAConnection c, String queue, String... bodies) throws JMSException {
        try (Session plain = c.createSession()) {
            MessageProducer p = plain.createProducer(plain.createQueue(queue));
            for (String body : bodies) {
                p.send(plain.createTextMessage(body));
            }
        }
    }

    private static Transaction begin(TransactionManager tm, XAResource... resources) throws Exception {
        tm.begin();
        Transaction tx = tm.getTransaction();
        for (XAResource r : resources) {
            assertThat(tx.enlistResource(r)).isTrue();
        }
        return tx;
    }

    @ParameterizedTest
    @ValueSource(strings = {"amqp", "vm"})
    void consumeInsertAndSendCommitTogether(String transport) throws Exception {
        String in = TestBroker.queueName("xa-in");
        String out = TestBroker.queueName("xa-out");
        XAConnection c = xaConnection(transport);
        XASession s = c.createXASession();
        Queue qin = s.createQueue(in);
        MessageConsumer consumer = s.createConsumer(qin);
        MessageProducer producer = s.createProducer(s.createQueue(out));
        seed(c, in, "order-1");

        begin(tm, s.getXAResource(), db.getXAResource());
        TextMessage m = (TextMessage) consumer.receive(5000);
        assertThat(m.getText()).isEqualTo("order-1");
        insert(db, m.getText());
        producer.send(s.createTextMessage("shipped " + m.getText()));
        consumer.close();
        assertThat(TestBroker.messageCount(out)).as("invisible before commit").isZero();
        assertThat(TestBroker.messageCount(in)).as("held for the branch").isZero();
        tm.commit();

        assertThat(rows(database)).containsExactly("order-1");
        assertThat(TestBroker.messageCount(in)).isZero();
        try (Session plain = c.createSession()) {
            TextMessage reply = (TextMessage) plain.createConsumer(plain.createQueue(out)).receive(5000);
            assertThat(reply.getText()).isEqualTo("shipped order-1");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"amqp", "vm"})
    void aRollbackUndoesAllThree(String transport) throws Exception {
        String in = TestBroker.queueName("xa-in");
        String out = TestBroker.queueName("xa-out");
        XAConnection c = xaConnection(transport);
        XASession s = c.createXASession();
        MessageConsumer consumer = s.createConsumer(s.createQueue(in));
        MessageProducer producer = s.createProducer(s.createQueue(out));
        seed(c, in, "order-2");

        begin(tm, s.getXAResource(), db.getXAResource());
        TextMessage m = (TextMessage) consumer.receive(5000);
        assertThat(m.getJMSRedelivered()).isFalse();
        insert(db, m.getText());
        producer.send(s.createTextMessage("shipped"));
        consumer.close();
        tm.rollback();

        assertThat(rows(database)).isEmpty();
        assertThat(TestBroker.messageCount(out)).isZero();
        try (Session plain = c.createSession(Session.CLIENT_ACKNOWLEDGE)) {
            Message again = plain.createConsumer(plain.createQueue(in)).receive(5000);
            assertThat(again).isNotNull();
            assertThat(((TextMessage) again).getText()).isEqualTo("order-2");
            assertThat(again.getJMSRedelivered()).isTrue();
            assertThat(again.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
            again.acknowledge();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"amqp", "vm"})
    void aSingleResourceCommitsInOnePhase(String transport) throws Exception {
        String out = TestBroker.queueName("xa-1pc");
        XAConnection c = xaConnection(transport);
        XASession s = c.createXASession();
        MessageProducer producer = s.createProducer(s.createQueue(out));
        XaTestSupport.RecordingXAResource recording = new XaTestSupport.RecordingXAResource(s.getXAResource());
        begin(tm, recording);
        producer.send(s.createTextMessage("one phase"));
        assertThat(TestBroker.messageCount(out)).isZero();
        tm.commit();
        assertThat(recording.calls).contains("commit onePhase=true").doesNotContain("prepare");
        assertThat(TestBroker.messageCount(out)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"amqp", "vm"})
    void suspendAndResume(String transport) throws Exception {
        String out = TestBroker.queueName("xa-suspend");
        XAConnection c = xaConnection(transport);
        XASession s = c.createXASession();
        MessageProducer producer = s.createProducer(s.createQueue(out));
        XaTestSupport.RecordingXAResource jms = new XaTestSupport.RecordingXAResource(s.getXAResource());
        Transaction tx = begin(tm, jms, db.getXAResource());
        producer.send(s.createTextMessage("in the transaction"));
        insert(db, "suspended");
        // what a container does when a bean calls out of its transaction: delist with TMSUSPEND, suspend
        assertThat(tx.delistResource(jms, XAResource.TMSUSPEND)).isTrue();
        Transaction suspended = tm.suspend();
        producer.send(s.createTextMessage("between"));   // no transaction: visible at once
        assertThat(TestBroker.messageCount(out)).isEqualTo(1);
        tm.resume(suspended);
        assertThat(suspended.enlistResource(jms)).isTrue();
        producer.send(s.createTextMessage("after resume"));
        assertThat(TestBroker.messageCount(out)).isEqualTo(1);
        tm.commit();
        assertThat(jms.calls).contains("end " + XAResource.TMSUSPEND, "start " + XAResource.TMRESUME);
        assertThat(TestBroker.messageCount(out)).isEqualTo(3);
        assertThat(rows(database)).containsExactly("suspended");
    }

    @ParameterizedTest
    @ValueSource(strings = {"amqp", "vm"})
    void aTransactionPastItsTimeoutRollsBack(String transport) throws Exception {
        String in = TestBroker.queueName("xa-timeout");
        XAConnection c = xaConnection(transport);
        XASession s = c.createXASession();
        MessageConsumer consumer = s.createConsumer(s.createQueue(in));
        seed(c, in, "slow");
        tm.setTransactionTimeout(1);
        begin(tm, s.getXAResource(), db.getXAResource());
        assertThat(consumer.receive(5000)).isNotNull();
        consumer.close();
        insert(db, "slow");
        Thread.sleep(2500);
        assertThatThrownBy(tm::commit).isInstanceOf(RollbackException.class);
        tm.setTransactionTimeout(0);
        assertThat(rows(database)).isEmpty();
        assertThat(TestBroker.messageCount(in)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"amqp", "vm"})
    void theBrokerRollsBackABranchIdlePastItsOwnTimeout(String transport) throws Exception {
        String in = TestBroker.queueName("xa-branch-timeout");
        XAConnection c = xaConnection(transport);
        XASession s = c.createXASession();
        MessageConsumer consumer = s.createConsumer(s.createQueue(in));
        seed(c, in, "m");
        XAResource r = s.getXAResource();
        assertThat(r.setTransactionTimeout(1)).isTrue();
        assertThat(r.getTransactionTimeout()).isEqualTo(1);
        Xid xid = xid();
        r.start(xid, TMNOFLAGS);
        assertThat(consumer.receive(5000)).isNotNull();
        consumer.close();
        Thread.sleep(2000);
        assertThat(TestBroker.messageCount(in)).as("given back at the timeout").isEqualTo(1);
        assertXaError(() -> r.end(xid, TMSUCCESS), XA_RBTIMEOUT);
        assertXaError(() -> r.commit(xid, true), XA_RBTIMEOUT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"amqp", "vm"})
    void everyXaErrorCode(String transport) throws Exception {
        XAConnection c = xaConnection(transport);
        XAResource r = c.createXASession().getXAResource();
        XAResource r2 = c.createXASession().getXAResource();
        Xid unknown = xid();
        assertXaError(() -> r.commit(unknown, false), XAER_NOTA);
        assertXaError(() -> r.commit(unknown, true), XAER_NOTA);
        assertXaError(() -> r.rollback(unknown), XAER_NOTA);
        assertXaError(() -> r.prepare(unknown), XAER_NOTA);
        assertXaError(() -> r.end(unknown, TMSUCCESS), XAER_NOTA);
        assertXaError(() -> r.forget(unknown), XAER_NOTA);
        assertXaError(() -> r.start(unknown, TMJOIN), XAER_NOTA);
        assertXaError(() -> r.start(xid(), 12345), XAER_INVAL);
        assertXaError(() -> r.recover(TMSUCCESS), XAER_INVAL);
        assertXaError(() -> r.setTransactionTimeout(-1), XAER_INVAL);

        Xid xid = xid();
        r.start(xid, TMNOFLAGS);
        assertXaError(() -> r2.start(xid, TMNOFLAGS), XAER_DUPID);
        assertXaError(() -> r.start(xid(), TMNOFLAGS), XAER_PROTO);   // one branch per session at a time
        assertXaError(() -> r.prepare(xid), XAER_PROTO);
        assertXaError(() -> r2.end(xid, TMSUCCESS), XAER_PROTO);
        r.end(xid, TMSUCCESS);
        assertThat(r.prepare(xid)).isEqualTo(XA_RDONLY);   // nothing done: read-only, and finished

        Xid failed = xid();
        r.start(failed, TMNOFLAGS);
        r.end(failed, TMFAIL);
        assertXaError(() -> r.commit(failed, true), XA_RBROLLBACK);

        String q = TestBroker.queueName("xa-errors");
        XASession s = c.createXASession();
        MessageProducer producer = s.createProducer(s.createQueue(q));
        XAResource r3 = s.getXAResource();
        Xid prepared = xid();
        r3.start(prepared, TMNOFLAGS);
        producer.send(s.createTextMessage("prepared"));
        r3.end(prepared, TMSUCCESS);
        assertThat(r3.prepare(prepared)).isEqualTo(XA_OK);
        assertXaError(() -> r3.commit(prepared, true), XAER_PROTO);   // one-phase commit of a prepared branch
        assertXaError(() -> r3.forget(prepared), XAER_PROTO);         // never completed heuristically
        Xid[] found = r.recover(TMSTARTRSCAN);
        assertThat(Arrays.stream(found).anyMatch(x -> XaTestSupport.TestXid.same(x, prepared))).isTrue();
        assertThat(r.recover(TMENDRSCAN)).isEmpty();
        r.commit(prepared, false);   // by another session's resource of the same RM
        assertThat(TestBroker.messageCount(q)).isEqualTo(1);

        assertThat(r.isSameRM(r2)).isTrue();
        assertThat(r.isSameRM(db.getXAResource())).isFalse();
        String other = "vm".equals(transport) ? "amqp" : "vm";
        assertThat(r.isSameRM(xaConnection(other).createXASession().getXAResource()))
                .as("the same broker through the other transport").isTrue();

        c.close();
        assertXaError(() -> r.recover(TMSTARTRSCAN), XAER_RMFAIL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"amqp", "vm"})
    void anXaSessionLeavesCommitAndRollbackToItsTransactionManager(String transport) throws Exception {
        XASession s = xaConnection(transport).createXASession();
        assertThat(s.getTransacted()).isTrue();
        assertThat(s.getAcknowledgeMode()).isEqualTo(Session.SESSION_TRANSACTED);
        assertThat(s.getSession()).isSameAs(s);
        assertThatThrownBy(s::commit).isInstanceOf(TransactionInProgressException.class);
        assertThatThrownBy(s::rollback).isInstanceOf(TransactionInProgressException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"amqp", "vm"})
    void anXaContextSendsInTheTransaction(String transport) throws Exception {
        String out = TestBroker.queueName("xa-context");
        XAJMSContext context = factory(transport).createXAContext();
        closeables.add(context);
        assertThat(context.getTransacted()).isTrue();
        assertThat(context.getContext()).isSameAs(context);
        assertThatThrownBy(context::commit).isInstanceOf(TransactionInProgressRuntimeException.class);
        begin(tm, context.getXAResource(), db.getXAResource());
        context.createProducer().send(context.createQueue(out), "from a context");
        insert(db, "context");
        assertThat(TestBroker.messageCount(out)).isZero();
        tm.commit();
        assertThat(TestBroker.messageCount(out)).isEqualTo(1);
        assertThat(rows(database)).containsExactly("context");
    }

    /**
     * How a container delivers to an MDB: the listener begins the transaction and enlists the
     * session's XAResource after the message arrived; the ack still joins the branch, so a
     * rollback redelivers and a commit consumes.
     */
    @ParameterizedTest
    @ValueSource(strings = {"amqp", "vm"})
    void aListenerThatBeginsTheTransactionConsumesInIt(String transport) throws Exception {
        String in = TestBroker.queueName("xa-mdb");
        XAConnection c = xaConnection(transport);
        XASession s = c.createXASession();
        MessageConsumer consumer = s.createConsumer(s.createQueue(in));
        List<Boolean> redelivered = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch committed = new CountDownLatch(1);
        consumer.setMessageListener(m -> {
            // a fresh database connection per transaction, as a pooled data source hands out
            try (var dbc = new AutoCloseableXa(database.getXAConnection())) {
                begin(tm, s.getXAResource(), dbc.xa.getXAResource());
                redelivered.add(m.getJMSRedelivered());
                insert(dbc.xa, ((TextMessage) m).getText());
                if (redelivered.size() == 1) {
                    tm.rollback();   // the first attempt fails
                } else {
                    tm.commit();
                    committed.countDown();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        seed(c, in, "mdb-order");
        assertThat(committed.await(20, TimeUnit.SECONDS)).isTrue();
        consumer.close();
        assertThat(redelivered).containsExactly(false, true);
        assertThat(rows(database)).containsExactly("mdb-order");
        assertThat(TestBroker.messageCount(in)).isZero();
    }

    /**
     * A branch lost with its channel (the broker closed it) leaves behind what the consumer had
     * buffered from that channel. The broker requeued all of it, so the next branch, on the
     * session's new channel, must never get those deliveries: their tags would ack nothing, or
     * another message, there.
     */
    @ParameterizedTest
    @ValueSource(strings = {"amqp", "vm"})
    void deliveriesBufferedForALostBranchStayOutOfTheNextOne(String transport) throws Exception {
        String in = TestBroker.queueName("xa-lost-channel");
        String exchange = TestBroker.exchange("xa-lost-channel", "fanout");
        XAConnection c = xaConnection(transport);
        seed(c, in, "m1", "m2", "m3");
        XASession s = c.createXASession();
        MessageConsumer consumer = s.createConsumer(s.createQueue(in));
        awaitReady(in, 0);   // all three delivered to the consumer's buffer
        XAResource r = s.getXAResource();
        Xid lost = xid();
        r.start(lost, TMNOFLAGS);
        assertThat(((TextMessage) consumer.receive(5000)).getText()).isEqualTo("m1");
        // a send to an exchange deleted behind the session's back: the broker closes its channel, and the branch goes with it
        MessageProducer p = s.createProducer(s.createTopic(exchange + "/"));
        p.setDeliveryMode(jakarta.jms.DeliveryMode.NON_PERSISTENT);
        try (com.rabbitmq.client.Channel admin = TestBroker.admin().createChannel()) {
            admin.exchangeDelete(exchange);
        }
        p.send(s.createTextMessage("into the void"));
        awaitReady(in, 3);
        assertThat(catchXa(() -> r.end(lost, TMSUCCESS))).as("the lost branch cannot end well").isNotNull();
        catchXa(() -> r.rollback(lost));

        Xid next = xid();
        r.start(next, TMNOFLAGS);
        assertThat(consumer.receive(500)).as("a delivery of the lost channel").isNull();
        r.end(next, TMSUCCESS);
        assertThat(r.prepare(next)).isEqualTo(XA_RDONLY);
        assertThat(TestBroker.messageCount(in)).isEqualTo(3);

        try (Session plain = c.createSession()) {
            MessageConsumer again = plain.createConsumer(plain.createQueue(in));
            List<String> bodies = new ArrayList<>();
            for (Message m; (m = again.receive(2000)) != null; ) {
                bodies.add(((TextMessage) m).getText());
            }
            assertThat(bodies).containsExactly("m1", "m2", "m3");
        }
    }

    private static javax.transaction.xa.XAException catchXa(XaTestSupport.XaCall call) {
        try {
            call.run();
            return null;
        } catch (javax.transaction.xa.XAException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitReady(String queue, long expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (TestBroker.messageCount(queue) != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(TestBroker.messageCount(queue)).as("ready messages in " + queue).isEqualTo(expected);
    }

    @Test
    void plainRabbitMqRefusesXaAtOnce() {
        String peer = System.getenv("RABBITMQ_PEER_URI");
        assumeTrue(peer != null && !peer.isBlank(), "RABBITMQ_PEER_URI is not set");
        FerryConnectionFactory rabbit = new FerryConnectionFactory(peer);
        assertThatThrownBy(rabbit::createXAConnection).isInstanceOf(JMSException.class)
                .hasMessageContaining("has no distributed (XA) transactions");
        assertThatThrownBy(rabbit::createXAQueueConnection).isInstanceOf(JMSException.class);
        assertThatThrownBy(rabbit::createXAContext).isInstanceOf(JMSRuntimeException.class)
                .hasMessageContaining("has no distributed (XA) transactions");
    }

    private record AutoCloseableXa(javax.sql.XAConnection xa) implements AutoCloseable {
        @Override
        public void close() throws java.sql.SQLException {
            xa.close();
        }
    }
}
