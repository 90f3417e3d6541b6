package org.ferrymq.tck.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.ferrymq.tck.Jms.NOTHING_MS;
import static org.ferrymq.tck.Jms.RECEIVE_MS;
import static org.ferrymq.tck.Jms.assertNothing;
import static org.ferrymq.tck.Jms.receive;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.ferrymq.broker.FerryBroker;
import org.ferrymq.jms.FerryConnectionFactory;
import org.ferrymq.tck.Jms;
import org.ferrymq.tck.TargetKind;
import org.ferrymq.tck.TckTest;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jakarta Messaging 3.1, chapter 6 "Connecting to a Jakarta Messaging provider", section 6.1
 * "Connection": client identifier (6.1.2), connection setup and pausing delivery with
 * start/stop (6.1.3, 6.1.4), closing a connection (6.1.5), sessions (6.1.6),
 * ConnectionMetaData (6.1.7) and ExceptionListener (6.1.8); plus the Connection Javadoc.
 */
@Timeout(30)
class ConnectionIT {

    // ---- 6.1.2 client identifier ----------------------------------------------------------------

    @TckTest
    void clientIdSetRightAfterCreationIsReturned(Jms jms) throws Exception {
        String id = jms.clientId();
        Connection c = jms.connection(id);
        assertThat(c.getClientID()).isEqualTo(id);
    }

    @TckTest
    void clientIdCannotBeSetTwice(Jms jms) throws Exception {
        Connection c = jms.connection(jms.clientId());
        assertThatThrownBy(() -> c.setClientID(jms.clientId())).isInstanceOf(IllegalStateException.class);
    }

    @TckTest
    void clientIdCannotBeSetAfterASessionWasCreated(Jms jms) throws Exception {
        Connection c = jms.connection();
        c.createSession();
        assertThatThrownBy(() -> c.setClientID(jms.clientId())).isInstanceOf(IllegalStateException.class);
    }

    @TckTest
    void clientIdCannotBeSetAfterStart(Jms jms) throws Exception {
        Connection c = jms.connection();
        c.start();
        assertThatThrownBy(() -> c.setClientID(jms.clientId())).isInstanceOf(IllegalStateException.class);
    }

    @TckTest
    void clientIdInUseByAnotherConnectionIsRefused(Jms jms) throws Exception {
        String id = jms.clientId();
        jms.connection(id);
        Connection second = jms.connection();
        assertThatThrownBy(() -> second.setClientID(id)).isInstanceOf(InvalidClientIDException.class);
    }

    @TckTest
    void clientIdIsFreeAgainAfterItsConnectionCloses(Jms jms) throws Exception {
        String id = jms.clientId();
        Connection first = jms.connection(id);
        first.close();
        Connection second = jms.connection(id);
        assertThat(second.getClientID()).isEqualTo(id);
    }

    @TckTest
    void emptyClientIdIsInvalid(Jms jms) throws Exception {
        Connection c = jms.connection();
        assertThatThrownBy(() -> c.setClientID("")).isInstanceOf(InvalidClientIDException.class);
    }

    @TckTest
    void administrativelyConfiguredClientIdIsReturnedAndCannotBeChanged(Jms jms) throws Exception {
        String id = jms.clientId();
        FerryConnectionFactory factory = jms.factory();
        factory.setClientID(id);
        Connection c = jms.track(factory.createConnection());
        assertThat(c.getClientID()).isEqualTo(id);
        assertThatThrownBy(() -> c.setClientID(jms.clientId())).isInstanceOf(IllegalStateException.class);
    }

    @TckTest
    void administrativelyConfiguredClientIdIsUniqueToo(Jms jms) throws Exception {
        String id = jms.clientId();
        FerryConnectionFactory factory = jms.factory();
        factory.setClientID(id);
        jms.track(factory.createConnection());
        assertThatThrownBy(() -> jms.track(factory.createConnection())).isInstanceOf(InvalidClientIDException.class);
    }

    // ---- 6.1.3 / 6.1.4 start and stop -------------------------------------------------------------

    @TckTest
    void aNewConnectionDoesNotDeliverUntilStarted(Jms jms) throws Exception {
        Connection c = jms.connection();
        Session s = c.createSession();
        Queue q = jms.queue(s);
        MessageConsumer consumer = s.createConsumer(q);
        s.createProducer(q).send(s.createTextMessage("held"));
        assertNothing(consumer);
        c.start();
        assertThat(((TextMessage) receive(consumer)).getText()).isEqualTo("held");
    }

    @TckTest
    void aStoppedConnectionCanStillSend(Jms jms) throws Exception {
        Connection c = jms.connection();
        Session s = c.createSession();
        Queue q = jms.queue(s);
        s.createProducer(q).send(s.createTextMessage("sent while stopped"));
        Session reader = jms.session();
        assertThat(((TextMessage) receive(reader.createConsumer(q))).getText()).isEqualTo("sent while stopped");
    }

    @TckTest
    void stopPausesSynchronousDeliveryAndStartResumesIt(Jms jms) throws Exception {
        Connection c = jms.startedConnection();
        Session s = c.createSession();
        Queue q = jms.queue(s);
        MessageConsumer consumer = s.createConsumer(q);
        c.stop();
        s.createProducer(q).send(s.createTextMessage("paused"));
        assertNothing(consumer);
        c.start();
        assertThat(((TextMessage) receive(consumer)).getText()).isEqualTo("paused");
    }

    @TckTest
    void stopPausesAsynchronousDelivery(Jms jms) throws Exception {
        Connection c = jms.startedConnection();
        Session s = c.createSession();
        Queue q = jms.queue(s);
        CountDownLatch got = new CountDownLatch(1);
        s.createConsumer(q).setMessageListener(m -> got.countDown());
        c.stop();
        jms.session().createProducer(q).send(s.createTextMessage("paused"));
        assertThat(got.await(NOTHING_MS, TimeUnit.MILLISECONDS)).isFalse();
        c.start();
        assertThat(got.await(RECEIVE_MS, TimeUnit.MILLISECONDS)).isTrue();
    }

    @TckTest
    void startOnAStartedConnectionAndStopOnAStoppedOneAreIgnored(Jms jms) throws Exception {
        Connection c = jms.connection();
        c.stop();
        c.start();
        c.start();
        c.stop();
        c.stop();
        c.start();
        Session s = c.createSession();
        Queue q = jms.queue(s);
        s.createProducer(q).send(s.createMessage());
        receive(s.createConsumer(q));
    }

    @TckTest
    void stopWaitsForARunningListenerToReturn(Jms jms) throws Exception {
        Connection c = jms.startedConnection();
        Session s = c.createSession();
        Queue q = jms.queue(s);
        CountDownLatch entered = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        s.createConsumer(q).setMessageListener(m -> {
            entered.countDown();
            Jms.pause(300);
            finished.set(true);
        });
        s.createProducer(q).send(s.createMessage());
        assertThat(entered.await(RECEIVE_MS, TimeUnit.MILLISECONDS)).isTrue();
        c.stop();
        assertThat(finished).isTrue();
    }

    @TckTest
    void aListenerMayNotStopItsOwnConnection(Jms jms) throws Exception {
        Connection c = jms.startedConnection();
        Session s = c.createSession();
        Queue q = jms.queue(s);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        s.createConsumer(q).setMessageListener(m -> {
            try {
                c.stop();
            } catch (Throwable t) {
                thrown.set(t);
            }
            done.countDown();
        });
        s.createProducer(q).send(s.createMessage());
        assertThat(done.await(RECEIVE_MS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(thrown.get()).isInstanceOf(IllegalStateException.class);
    }

    @TckTest
    void aListenerMayNotCloseItsOwnConnection(Jms jms) throws Exception {
        Connection c = jms.startedConnection();
        Session s = c.createSession();
        Queue q = jms.queue(s);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        s.createConsumer(q).setMessageListener(m -> {
            try {
                c.close();
            } catch (Throwable t) {
                thrown.set(t);
            }
            done.countDown();
        });
        s.createProducer(q).send(s.createMessage());
        assertThat(done.await(RECEIVE_MS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(thrown.get()).isInstanceOf(IllegalStateException.class);
    }

    // ---- 6.1.5 closing a connection -------------------------------------------------------------

    @TckTest
    void closingTwiceIsHarmless(Jms jms) throws Exception {
        Connection c = jms.connection();
        c.close();
        c.close();
    }

    @TckTest
    void aClosedConnectionRefusesToCreateSessions(Jms jms) throws Exception {
        Connection c = jms.connection();
        c.close();
        assertThatThrownBy(c::createSession).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> c.createSession(false, Session.AUTO_ACKNOWLEDGE)).isInstanceOf(IllegalStateException.class);
    }

    @TckTest
    void aClosedConnectionRefusesStartStopAndClientId(Jms jms) throws Exception {
        Connection c = jms.connection();
        c.close();
        assertThatThrownBy(c::start).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(c::stop).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> c.setClientID("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(c::getClientID).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(c::getMetaData).isInstanceOf(IllegalStateException.class);
    }

    @TckTest
    void closingAConnectionClosesItsSessionsProducersAndConsumers(Jms jms) throws Exception {
        Connection c = jms.startedConnection();
        Session s = c.createSession();
        Queue q = jms.queue(s);
        var producer = s.createProducer(q);
        MessageConsumer consumer = s.createConsumer(q);
        c.close();
        assertThatThrownBy(s::createTextMessage).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> producer.send(q, s.createMessage())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> consumer.receive(NOTHING_MS)).isInstanceOf(IllegalStateException.class);
    }

    @TckTest
    void closeUnblocksAReceiveInProgressWhichReturnsNull(Jms jms) throws Exception {
        Connection c = jms.startedConnection();
        Session s = c.createSession();
        MessageConsumer consumer = s.createConsumer(jms.queue(s));
        CompletableFuture<Message> pending = CompletableFuture.supplyAsync(() -> {
            try {
                return consumer.receive(20_000);
            } catch (JMSException e) {
                throw new RuntimeException(e);
            }
        });
        Jms.pause(300);
        long before = System.nanoTime();
        c.close();
        assertThat(pending.get(RECEIVE_MS, TimeUnit.MILLISECONDS)).isNull();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before)).isLessThan(RECEIVE_MS);
    }

    @TckTest
    void closeWaitsForARunningListener(Jms jms) throws Exception {
        Connection c = jms.startedConnection();
        Session s = c.createSession();
        Queue q = jms.queue(s);
        CountDownLatch entered = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        s.createConsumer(q).setMessageListener(m -> {
            entered.countDown();
            Jms.pause(300);
            finished.set(true);
        });
        s.createProducer(q).send(s.createMessage());
        assertThat(entered.await(RECEIVE_MS, TimeUnit.MILLISECONDS)).isTrue();
        c.close();
        assertThat(finished).isTrue();
    }

    @TckTest
    void closingRollsBackTransactedSends(Jms jms) throws Exception {
        Connection c = jms.startedConnection();
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        Queue q = jms.queue(tx);
        tx.createProducer(q).send(tx.createTextMessage("never committed"));
        c.close();
        assertNothing(jms.session().createConsumer(q));
    }

    @TckTest
    void closingDoesNotAcknowledgeClientAcknowledgedMessages(Jms jms) throws Exception {
        Session producer = jms.session();
        Queue q = jms.queue(producer);
        producer.createProducer(q).send(producer.createTextMessage("unacked"));
        Connection c = jms.startedConnection();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        receive(s.createConsumer(q));
        c.close();
        Message again = receive(jms.session().createConsumer(q));
        assertThat(((TextMessage) again).getText()).isEqualTo("unacked");
        assertThat(again.getJMSRedelivered()).isTrue();
    }

    @TckTest
    void acknowledgeAfterCloseIsRefused(Jms jms) throws Exception {
        Session producer = jms.session();
        Queue q = jms.queue(producer);
        producer.createProducer(q).send(producer.createMessage());
        Connection c = jms.startedConnection();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Message m = receive(s.createConsumer(q));
        c.close();
        assertThatThrownBy(m::acknowledge).isInstanceOf(IllegalStateException.class);
    }

    // ---- 6.1.6 sessions ---------------------------------------------------------------------------

    @TckTest
    void createSessionWithoutArgumentsIsAutoAcknowledgeAndNotTransacted(Jms jms) throws Exception {
        Session s = jms.connection().createSession();
        assertThat(s.getTransacted()).isFalse();
        assertThat(s.getAcknowledgeMode()).isEqualTo(Session.AUTO_ACKNOWLEDGE);
    }

    @TckTest
    void createSessionWithAModeReportsThatMode(Jms jms) throws Exception {
        Connection c = jms.connection();
        assertThat(c.createSession(Session.CLIENT_ACKNOWLEDGE).getAcknowledgeMode()).isEqualTo(Session.CLIENT_ACKNOWLEDGE);
        assertThat(c.createSession(Session.DUPS_OK_ACKNOWLEDGE).getAcknowledgeMode()).isEqualTo(Session.DUPS_OK_ACKNOWLEDGE);
        Session tx = c.createSession(Session.SESSION_TRANSACTED);
        assertThat(tx.getTransacted()).isTrue();
        assertThat(tx.getAcknowledgeMode()).isEqualTo(Session.SESSION_TRANSACTED);
    }

    @TckTest
    void transactedFlagWinsOverTheAcknowledgeMode(Jms jms) throws Exception {
        Session s = jms.connection().createSession(true, Session.AUTO_ACKNOWLEDGE);
        assertThat(s.getTransacted()).isTrue();
        assertThat(s.getAcknowledgeMode()).isEqualTo(Session.SESSION_TRANSACTED);
    }

    @TckTest
    void anUnknownAcknowledgeModeIsRefused(Jms jms) throws Exception {
        Connection c = jms.connection();
        assertThatThrownBy(() -> c.createSession(false, 99)).isInstanceOf(JMSException.class);
    }

    @TckTest
    void sessionsOfOneConnectionAreIndependent(Jms jms) throws Exception {
        Connection c = jms.startedConnection();
        Session a = c.createSession(true, Session.SESSION_TRANSACTED);
        Session b = c.createSession();
        Queue q = jms.queue(b);
        a.createProducer(q).send(a.createTextMessage("tx"));
        b.createProducer(q).send(b.createTextMessage("auto"));
        MessageConsumer consumer = b.createConsumer(q);
        assertThat(((TextMessage) receive(consumer)).getText()).isEqualTo("auto");
        assertNothing(consumer);
        a.commit();
        assertThat(((TextMessage) receive(consumer)).getText()).isEqualTo("tx");
    }

    // ---- 6.1.7 metadata -------------------------------------------------------------------------

    @TckTest
    void metadataReportsTheMessagingVersion(Jms jms) throws Exception {
        ConnectionMetaData md = jms.connection().getMetaData();
        assertThat(md.getJMSMajorVersion()).isEqualTo(3);
        assertThat(md.getJMSMinorVersion()).isEqualTo(1);
        assertThat(md.getJMSVersion()).isEqualTo("3.1");
    }

    @TckTest
    void metadataNamesTheProvider(Jms jms) throws Exception {
        ConnectionMetaData md = jms.connection().getMetaData();
        assertThat(md.getJMSProviderName()).isNotBlank();
        assertThat(md.getProviderVersion()).isNotBlank();
        assertThat(md.getProviderMajorVersion()).isGreaterThanOrEqualTo(0);
        assertThat(md.getProviderMinorVersion()).isGreaterThanOrEqualTo(0);
    }

    @TckTest
    void metadataListsTheRequiredGroupProperties(Jms jms) throws Exception {
        List<Object> names = Collections.list(jms.connection().getMetaData().getJMSXPropertyNames());
        assertThat(names).contains((Object) "JMSXGroupID", "JMSXGroupSeq");
        assertThat(names).allSatisfy(n -> assertThat((String) n).startsWith("JMSX"));
    }

    // ---- 6.1.8 ExceptionListener; authentication -----------------------------------------------

    @TckTest
    void exceptionListenerCanBeSetReadAndCleared(Jms jms) throws Exception {
        Connection c = jms.connection();
        assertThat(c.getExceptionListener()).isNull();
        ExceptionListener listener = e -> { };
        c.setExceptionListener(listener);
        assertThat(c.getExceptionListener()).isSameAs(listener);
        c.setExceptionListener(null);
        assertThat(c.getExceptionListener()).isNull();
    }

    @TckTest
    void exceptionListenerIsNotCalledByAnOrdinaryClose(Jms jms) throws Exception {
        Connection c = jms.startedConnection();
        AtomicReference<JMSException> reported = new AtomicReference<>();
        c.setExceptionListener(reported::set);
        c.createSession().createConsumer(jms.queue(c.createSession()));
        c.close();
        Jms.pause(NOTHING_MS);
        assertThat(reported.get()).isNull();
    }

    @TckTest
    void exceptionListenerHearsOfABrokerThatGoesAway(Jms jms, @TempDir Path dataDir) throws Exception {
        // needs a broker of its own to stop: only the embedded FerryMQ target can do that
        assumeTrue(jms.kind() == TargetKind.FERRYMQ, "only a broker this test owns can be stopped");
        CountDownLatch reported = new CountDownLatch(1);
        try (FerryBroker own = FerryBroker.builder().host("127.0.0.1").amqpPort(0).dataDir(dataDir).start()) {
            Connection c = jms.track(new FerryConnectionFactory("amqp://guest:guest@127.0.0.1:" + own.amqpPort())
                    .createConnection());
            c.setExceptionListener(e -> reported.countDown());
            c.start();
            c.createSession();
            own.close();
            assertThat(reported.await(RECEIVE_MS, TimeUnit.MILLISECONDS)).as("ExceptionListener called").isTrue();
        }
    }

    @TckTest
    void wrongCredentialsAreASecurityException(Jms jms) {
        FerryConnectionFactory factory = jms.factory();
        assertThatThrownBy(() -> jms.track(factory.createConnection("guest", "not-the-password")))
                .isInstanceOf(JMSSecurityException.class);
    }
}
