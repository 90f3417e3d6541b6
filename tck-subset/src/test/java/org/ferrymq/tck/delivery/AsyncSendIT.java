package org.ferrymq.tck.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.tck.Jms.RECEIVE_MS;
import static org.ferrymq.tck.Jms.receive;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.ferrymq.tck.Jms;
import org.ferrymq.tck.TckTest;
import org.junit.jupiter.api.Timeout;

/**
 * Jakarta Messaging 3.1, section 7.3 "Asynchronous send": the CompletionListener is called
 * once per message, in send order (7.3.2 message order), with the message sent; the sent
 * message's headers are set; {@code close} waits for outstanding completions (7.3.3); a
 * listener must not close or commit its own session/producer/connection (7.3.6/7.3.7:
 * IllegalStateException).
 */
@Timeout(30)
class AsyncSendIT {

    /** Records completions in order. */
    private static final class Recorder implements CompletionListener {
        final List<Message> completed = Collections.synchronizedList(new ArrayList<>());
        final List<Exception> failed = Collections.synchronizedList(new ArrayList<>());
        final List<Message> failedMessages = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch done;
        private final long slowMs;

        Recorder(int expected) {
            this(expected, 0);
        }

        /** A listener that takes {@code slowMs} per completion, so a close that does not wait is caught. */
        Recorder(int expected, long slowMs) {
            done = new CountDownLatch(expected);
            this.slowMs = slowMs;
        }

        @Override
        public void onCompletion(Message message) {
            Jms.pause(slowMs);
            completed.add(message);
            done.countDown();
        }

        @Override
        public void onException(Message message, Exception exception) {
            failedMessages.add(message);
            failed.add(exception);
            done.countDown();
        }

        void await() throws InterruptedException {
            assertThat(done.await(RECEIVE_MS, TimeUnit.MILLISECONDS)).as("all completions").isTrue();
        }
    }

    @TckTest
    void theListenerIsToldWhenTheMessageIsSent(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        Recorder r = new Recorder(1);
        TextMessage m = s.createTextMessage("async");
        s.createProducer(q).send(m, r);
        r.await();
        assertThat(r.failed).isEmpty();
        assertThat(r.completed).containsExactly(m);
        assertThat(m.getJMSMessageID()).startsWith("ID:");
        assertThat(((TextMessage) receive(s.createConsumer(q))).getText()).isEqualTo("async");
    }

    @TckTest
    void completionsComeInSendOrder(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        MessageProducer p = s.createProducer(q);
        Recorder r = new Recorder(20);
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            TextMessage m = s.createTextMessage("m" + i);
            sent.add(m);
            p.send(m, r);
        }
        r.await();
        assertThat(r.completed).containsExactlyElementsOf(sent);
    }

    @TckTest
    void nonPersistentAsyncSendsCompleteToo(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        Recorder r = new Recorder(1);
        s.createProducer(q).send(s.createTextMessage("np"), DeliveryMode.NON_PERSISTENT, 4, 0, r);
        r.await();
        assertThat(r.completed).hasSize(1);
        assertThat(receive(s.createConsumer(q)).getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
    }

    @TckTest
    void anAnonymousProducerSendsAsynchronouslyToTheGivenDestination(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        Recorder r = new Recorder(1);
        s.createProducer(null).send(q, s.createTextMessage("anon async"), r);
        r.await();
        assertThat(((TextMessage) receive(s.createConsumer(q))).getText()).isEqualTo("anon async");
    }

    @TckTest
    void closingTheProducerWaitsForOutstandingCompletions(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        MessageProducer p = s.createProducer(q);
        Recorder r = new Recorder(10, 20);
        for (int i = 0; i < 10; i++) {
            p.send(s.createTextMessage("m" + i), r);
        }
        p.close();
        assertThat(r.done.getCount()).isZero();
        assertThat(r.completed).hasSize(10);
    }

    @TckTest
    void closingTheConnectionWaitsForOutstandingCompletions(Jms jms) throws Exception {
        Connection c = jms.connection();
        Session s = c.createSession();
        Queue q = jms.queue(s);
        MessageProducer p = s.createProducer(q);
        Recorder r = new Recorder(10, 20);
        for (int i = 0; i < 10; i++) {
            p.send(s.createTextMessage("m" + i), r);
        }
        c.close();
        assertThat(r.done.getCount()).isZero();
    }

    @TckTest
    void closingTheContextWaitsForOutstandingCompletions(Jms jms) throws Exception {
        JMSContext ctx = jms.context();
        Queue q = jms.queue(ctx);
        Recorder r = new Recorder(10, 20);
        JMSProducer p = ctx.createProducer().setAsync(r);
        for (int i = 0; i < 10; i++) {
            p.send(q, "m" + i);
        }
        ctx.close();
        assertThat(r.done.getCount()).isZero();
    }

    @TckTest
    void closingTheSessionWaitsForOutstandingCompletions(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        MessageProducer p = s.createProducer(q);
        Recorder r = new Recorder(10);
        for (int i = 0; i < 10; i++) {
            p.send(s.createTextMessage("m" + i), r);
        }
        s.close();
        assertThat(r.done.getCount()).isZero();
    }

    /** Runs {@code action} inside the CompletionListener of one send and returns what it threw. */
    private static Throwable thrownInCompletionListener(Session s, MessageProducer p, ThrowingAction action) throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        p.send(s.createTextMessage("x"), new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                try {
                    action.run();
                } catch (Throwable t) {
                    thrown.set(t);
                }
                done.countDown();
            }

            @Override
            public void onException(Message message, Exception exception) {
                done.countDown();
            }
        });
        assertThat(done.await(RECEIVE_MS, TimeUnit.MILLISECONDS)).isTrue();
        return thrown.get();
    }

    interface ThrowingAction {
        void run() throws Exception;
    }

    @TckTest
    void aCompletionListenerMayNotCloseItsProducer(Jms jms) throws Exception {
        Session s = jms.session();
        MessageProducer p = s.createProducer(jms.queue(s));
        assertThat(thrownInCompletionListener(s, p, p::close)).isInstanceOf(IllegalStateException.class);
    }

    @TckTest
    void aCompletionListenerMayNotCloseItsSession(Jms jms) throws Exception {
        Session s = jms.session();
        MessageProducer p = s.createProducer(jms.queue(s));
        assertThat(thrownInCompletionListener(s, p, s::close)).isInstanceOf(IllegalStateException.class);
    }

    /** 7.3.8 forbids only close, commit and rollback in a CompletionListener: stop() is allowed (issue 14, item 24). */
    @TckTest
    void aCompletionListenerMayStopItsConnection(Jms jms) throws Exception {
        Connection c = jms.startedConnection();
        Session s = c.createSession();
        Queue q = jms.queue(s);
        assertThat(thrownInCompletionListener(s, s.createProducer(q), c::stop)).isNull();
        // stopped: nothing is delivered until start
        jakarta.jms.MessageConsumer consumer = s.createConsumer(q);
        assertThat(consumer.receive(Jms.NOTHING_MS)).isNull();
        c.start();
        assertThat(((TextMessage) receive(consumer)).getText()).isEqualTo("x");
    }

    @TckTest
    void aCompletionListenerMayStopItsContext(Jms jms) throws Exception {
        JMSContext ctx = jms.context();
        Queue q = jms.queue(ctx);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        ctx.createProducer().setAsync(new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                try {
                    ctx.stop();
                } catch (Throwable t) {
                    thrown.set(t);
                }
                done.countDown();
            }

            @Override
            public void onException(Message message, Exception exception) {
                thrown.set(exception);
                done.countDown();
            }
        }).send(q, "x");
        assertThat(done.await(RECEIVE_MS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(thrown.get()).isNull();
        ctx.setAutoStart(false);
        jakarta.jms.JMSConsumer consumer = ctx.createConsumer(q);
        assertThat(consumer.receive(Jms.NOTHING_MS)).as("stopped by the CompletionListener").isNull();
        ctx.start();
        assertThat(consumer.receiveBody(String.class, RECEIVE_MS)).isEqualTo("x");
    }

    @TckTest
    void aCompletionListenerMayNotCloseItsConnection(Jms jms) throws Exception {
        var c = jms.startedConnection();
        Session s = c.createSession();
        Queue q = jms.queue(s);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        s.createProducer(q).send(s.createTextMessage("x"), new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                try {
                    c.close();
                } catch (Throwable t) {
                    thrown.set(t);
                }
                done.countDown();
            }

            @Override
            public void onException(Message message, Exception exception) {
                done.countDown();
            }
        });
        assertThat(done.await(RECEIVE_MS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(thrown.get()).isInstanceOf(IllegalStateException.class);
    }

    @TckTest
    void aFailedAsynchronousSendIsReportedToTheListenerOrThrown(Jms jms) throws Exception {
        Session s = jms.session();
        var missing = s.createTopic(jms.unique("missing-exchange") + "/key");
        Recorder r = new Recorder(1);
        try {
            s.createProducer(missing).send(s.createTextMessage("to nowhere"), r);
        } catch (JMSException thrownUpFront) {
            return;   // refusing the send synchronously is allowed
        }
        r.await();
        assertThat(r.failed).hasSize(1);
        assertThat(r.completed).isEmpty();
    }

    /** The send returns, then the broker refuses the message (basic.nack: a full queue with reject-publish). */
    @TckTest
    void aRefusalAfterTheSendReturnedReachesOnExceptionWithTheMessage(Jms jms) throws Exception {
        Session s = jms.session();
        Queue full = jms.queueWithArguments(s, java.util.Map.of("x-max-length", 0, "x-overflow", "reject-publish"));
        Recorder r = new Recorder(1);
        TextMessage m = s.createTextMessage("refused by a full queue");
        s.createProducer(full).send(m, r);
        r.await();
        assertThat(r.completed).isEmpty();
        assertThat(r.failed).hasSize(1);
        assertThat(r.failedMessages).containsExactly(m);
        assertThat(jms.readyCount(full.getQueueName())).isZero();
    }

    @TckTest
    void asynchronousSendsInATransactionCompleteAndCommit(Jms jms) throws Exception {
        Session tx = jms.session(Session.SESSION_TRANSACTED);
        Queue q = jms.queue(tx);
        Recorder r = new Recorder(1);
        tx.createProducer(q).send(tx.createTextMessage("tx async"), r);
        r.await();
        tx.commit();
        assertThat(((TextMessage) receive(jms.session().createConsumer(q))).getText()).isEqualTo("tx async");
    }

    @TckTest
    void aMessageMayBeSentAgainOnceItsSendCompleted(Jms jms) throws Exception {
        // 7.3.8: the application must not touch the message until completion; after it, reuse is fine
        Session s = jms.session();
        Queue q = jms.queue(s);
        MessageProducer p = s.createProducer(q);
        TextMessage m = s.createTextMessage("reused");
        Recorder first = new Recorder(1);
        p.send(m, first);
        first.await();
        Recorder second = new Recorder(1);
        p.send(m, second);
        second.await();
        var c = s.createConsumer(q);
        receive(c);
        receive(c);
    }
}
