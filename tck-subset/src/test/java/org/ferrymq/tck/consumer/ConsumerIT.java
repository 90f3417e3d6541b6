package org.ferrymq.tck.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ferrymq.tck.Jms.NOTHING_MS;
import static org.ferrymq.tck.Jms.RECEIVE_MS;
import static org.ferrymq.tck.Jms.assertNothing;
import static org.ferrymq.tck.Jms.receive;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import org.ferrymq.tck.Jms;
import org.ferrymq.tck.TckTest;
import org.junit.jupiter.api.Timeout;

/**
 * Jakarta Messaging 3.1, chapter 8 "Receiving messages": synchronous receipt ({@code receive},
 * {@code receive(timeout)}, {@code receiveNoWait}), asynchronous delivery with a
 * MessageListener, closing a consumer, competing queue consumers versus topic subscribers
 * (4.1/4.2 point-to-point and publish/subscribe), section 6.2.9 "Message order" and
 * section 6.2.14 "Serial execution of client code"; QueueBrowser (its Javadoc).
 */
@Timeout(30)
class ConsumerIT {

    private static String text(Message m) throws JMSException {
        return ((TextMessage) m).getText();
    }

    // ---- synchronous receive -----------------------------------------------------------------

    @TckTest
    void receiveWithTimeoutReturnsNullAfterTheTimeout(Jms jms) throws Exception {
        Session s = jms.session();
        MessageConsumer c = s.createConsumer(jms.queue(s));
        long start = System.nanoTime();
        assertThat(c.receive(300)).isNull();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(250);
    }

    @TckTest
    void receiveNoWaitReturnsNullOnAnEmptyQueue(Jms jms) throws Exception {
        Session s = jms.session();
        assertThat(s.createConsumer(jms.queue(s)).receiveNoWait()).isNull();
    }

    @TckTest
    void receiveNoWaitReturnsAMessageThatIsThere(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        MessageConsumer c = s.createConsumer(q);
        s.createProducer(q).send(s.createTextMessage("there"));
        Message m = null;
        for (long end = System.currentTimeMillis() + RECEIVE_MS; m == null && System.currentTimeMillis() < end; ) {
            m = c.receiveNoWait();
            if (m == null) {
                Jms.pause(20);
            }
        }
        assertThat(m).isNotNull();
        assertThat(text(m)).isEqualTo("there");
    }

    @TckTest
    void receiveBlocksUntilAMessageArrives(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        MessageConsumer c = s.createConsumer(q);
        Session sender = jms.session();
        CompletableFuture.runAsync(() -> {
            Jms.pause(300);
            try {
                sender.createProducer(q).send(sender.createTextMessage("late"));
            } catch (JMSException e) {
                throw new RuntimeException(e);
            }
        });
        assertThat(text(c.receive())).isEqualTo("late");
    }

    @TckTest
    void receiveWithZeroTimeoutBlocksLikeReceive(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        MessageConsumer c = s.createConsumer(q);
        s.createProducer(q).send(s.createTextMessage("zero"));
        assertThat(text(c.receive(0))).isEqualTo("zero");
    }

    @TckTest
    void closingAConsumerUnblocksItsReceive(Jms jms) throws Exception {
        Session s = jms.session();
        MessageConsumer c = s.createConsumer(jms.queue(s));
        CompletableFuture<Message> pending = CompletableFuture.supplyAsync(() -> {
            try {
                return c.receive(20_000);
            } catch (JMSException e) {
                throw new RuntimeException(e);
            }
        });
        Jms.pause(300);
        c.close();
        assertThat(pending.get(RECEIVE_MS, TimeUnit.MILLISECONDS)).isNull();
    }

    @TckTest
    void aClosedConsumerRefusesToReceive(Jms jms) throws Exception {
        Session s = jms.session();
        MessageConsumer c = s.createConsumer(jms.queue(s));
        c.close();
        c.close();
        assertThatThrownBy(c::receiveNoWait).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> c.receive(10)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(c::getMessageListener).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(c::getMessageSelector).isInstanceOf(IllegalStateException.class);
    }

    @TckTest
    void messagesNotConsumedByAClosedConsumerGoToTheNextOne(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        MessageProducer p = s.createProducer(q);
        for (int i = 0; i < 5; i++) {
            p.send(s.createTextMessage("m" + i));
        }
        MessageConsumer first = s.createConsumer(q);
        assertThat(text(receive(first))).isEqualTo("m0");
        Jms.pause(100);
        first.close();
        MessageConsumer second = s.createConsumer(q);
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            rest.add(text(receive(second)));
        }
        assertThat(rest).containsExactlyInAnyOrder("m1", "m2", "m3", "m4");
    }

    @TckTest
    void theSelectorOfAConsumerWithoutOneIsNull(Jms jms) throws Exception {
        Session s = jms.session();
        assertThat(s.createConsumer(jms.queue(s)).getMessageSelector()).isNull();
    }

    // ---- listeners -----------------------------------------------------------------------------

    @TckTest
    void aListenerReceivesEveryMessage(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        List<String> got = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch all = new CountDownLatch(5);
        s.createConsumer(q).setMessageListener(m -> {
            try {
                got.add(text(m));
            } catch (JMSException e) {
                throw new RuntimeException(e);
            }
            all.countDown();
        });
        MessageProducer p = jms.session().createProducer(q);
        for (int i = 0; i < 5; i++) {
            p.send(s.createTextMessage("m" + i));
        }
        assertThat(all.await(RECEIVE_MS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(got).containsExactly("m0", "m1", "m2", "m3", "m4");
    }

    @TckTest
    void theListenerIsReadBack(Jms jms) throws Exception {
        Session s = jms.session();
        MessageConsumer c = s.createConsumer(jms.queue(s));
        assertThat(c.getMessageListener()).isNull();
        MessageListener l = m -> { };
        c.setMessageListener(l);
        assertThat(c.getMessageListener()).isSameAs(l);
    }

    @TckTest
    void listenersOfOneSessionRunOneAtATime(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q1 = jms.queue(s);
        Queue q2 = jms.queue(s);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(6);
        MessageListener l = m -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            Jms.pause(30);
            running.decrementAndGet();
            all.countDown();
        };
        s.createConsumer(q1).setMessageListener(l);
        s.createConsumer(q2).setMessageListener(l);
        Session sender = jms.session();
        for (int i = 0; i < 3; i++) {
            sender.createProducer(q1).send(sender.createMessage());
            sender.createProducer(q2).send(sender.createMessage());
        }
        assertThat(all.await(RECEIVE_MS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(maxRunning.get()).isEqualTo(1);
    }

    @TckTest
    void aListenerMayCloseItsOwnConsumer(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        MessageConsumer c = s.createConsumer(q);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        c.setMessageListener(m -> {
            try {
                c.close();
            } catch (Throwable t) {
                thrown.set(t);
            }
            done.countDown();
        });
        s.createProducer(q).send(s.createMessage());
        assertThat(done.await(RECEIVE_MS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(thrown.get()).isNull();
    }

    /**
     * Session.close(): "A MessageListener must not attempt to close its own Session as this would lead
     * to deadlock"; the provider detects it and throws IllegalStateException (issue 14, item 23). The
     * session stays usable and closes normally from another thread.
     */
    @TckTest
    void aListenerMayNotCloseItsOwnSession(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        s.createConsumer(q).setMessageListener(m -> {
            try {
                s.close();
            } catch (Throwable t) {
                thrown.set(t);
            }
            done.countDown();
        });
        s.createProducer(q).send(s.createMessage());
        assertThat(done.await(RECEIVE_MS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(thrown.get()).isInstanceOf(IllegalStateException.class);
        assertThat(s.createTextMessage("still open")).isNotNull();
        s.close();
        assertThatThrownBy(s::createMessage).isInstanceOf(IllegalStateException.class);
    }

    @TckTest
    void aListenerMayUseItsSessionToSend(Jms jms) throws Exception {
        Session s = jms.session();
        Queue in = jms.queue(s);
        Queue out = jms.queue(s);
        MessageProducer reply = s.createProducer(out);
        s.createConsumer(in).setMessageListener(m -> {
            try {
                reply.send(s.createTextMessage("re: " + text(m)));
            } catch (JMSException e) {
                throw new RuntimeException(e);
            }
        });
        Session other = jms.session();
        other.createProducer(in).send(other.createTextMessage("hi"));
        assertThat(text(receive(other.createConsumer(out)))).isEqualTo("re: hi");
    }

    @TckTest
    void closingTheSessionStopsTheListener(Jms jms) throws Exception {
        Connection c = jms.startedConnection();
        Session s = c.createSession();
        Queue q = jms.queue(s);
        AtomicInteger calls = new AtomicInteger();
        s.createConsumer(q).setMessageListener(m -> calls.incrementAndGet());
        s.close();
        Session other = jms.session();
        other.createProducer(q).send(other.createMessage());
        Jms.pause(NOTHING_MS);
        assertThat(calls.get()).isZero();
        receive(other.createConsumer(q));
    }

    // ---- point-to-point and publish/subscribe ------------------------------------------------

    @TckTest
    void competingQueueConsumersEachGetDifferentMessages(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        MessageConsumer a = s.createConsumer(q);
        MessageConsumer b = jms.session().createConsumer(q);
        MessageProducer p = s.createProducer(q);
        for (int i = 0; i < 10; i++) {
            p.send(s.createTextMessage("m" + i));
        }
        List<String> got = new ArrayList<>();
        for (MessageConsumer c : List.of(a, b)) {
            for (Message m; (m = c.receive(500)) != null; ) {
                got.add(text(m));
            }
        }
        assertThat(got).hasSize(10).doesNotHaveDuplicates();
    }

    @TckTest
    void everyTopicSubscriberGetsACopy(Jms jms) throws Exception {
        Session s = jms.session();
        Topic t = jms.topic(s);
        MessageConsumer a = s.createConsumer(t);
        MessageConsumer b = jms.session().createConsumer(t);
        s.createProducer(t).send(s.createTextMessage("news"));
        assertThat(text(receive(a))).isEqualTo("news");
        assertThat(text(receive(b))).isEqualTo("news");
    }

    @TckTest
    void aTopicSubscriberDoesNotGetMessagesSentBeforeItExisted(Jms jms) throws Exception {
        Session s = jms.session();
        Topic t = jms.topic(s);
        s.createProducer(t).send(s.createTextMessage("old"));
        MessageConsumer late = s.createConsumer(t);
        assertNothing(late);
        s.createProducer(t).send(s.createTextMessage("new"));
        assertThat(text(receive(late))).isEqualTo("new");
    }

    @TckTest
    void aQueueKeepsMessagesUntilAConsumerComes(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        s.createProducer(q).send(s.createTextMessage("waiting"));
        assertThat(text(receive(jms.session().createConsumer(q)))).isEqualTo("waiting");
    }

    @TckTest
    void noLocalTopicConsumerSkipsItsOwnConnectionsMessages(Jms jms) throws Exception {
        Connection c = jms.startedConnection();
        Session s = c.createSession();
        Topic t = jms.topic(s);
        MessageConsumer noLocal = s.createConsumer(t, null, true);
        s.createProducer(t).send(s.createTextMessage("mine"));
        Session other = jms.session();
        other.createProducer(t).send(other.createTextMessage("theirs"));
        assertThat(text(receive(noLocal))).isEqualTo("theirs");
        assertNothing(noLocal);
    }

    @TckTest
    void aTopicConsumerWithoutNoLocalGetsItsOwnMessages(Jms jms) throws Exception {
        Session s = jms.session();
        Topic t = jms.topic(s);
        MessageConsumer c = s.createConsumer(t, null, false);
        s.createProducer(t).send(s.createTextMessage("mine"));
        assertThat(text(receive(c))).isEqualTo("mine");
    }

    // ---- QueueBrowser ------------------------------------------------------------------------

    @TckTest
    void aBrowserSeesMessagesInOrderWithoutConsumingThem(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        MessageProducer p = s.createProducer(q);
        for (int i = 0; i < 3; i++) {
            p.send(s.createTextMessage("m" + i));
        }
        QueueBrowser browser = s.createBrowser(q);
        assertThat(browser.getQueue()).isEqualTo(q);
        assertThat(browser.getMessageSelector()).isNull();
        List<String> seen = new ArrayList<>();
        for (Object m : Collections.list(browser.getEnumeration())) {
            seen.add(text((Message) m));
        }
        assertThat(seen).containsExactly("m0", "m1", "m2");
        browser.close();
        MessageConsumer c = s.createConsumer(q);
        Message first = receive(c);
        assertThat(text(first)).isEqualTo("m0");
        if (jms.kind().isFerryMq()) {
            // FerryMQ browses without taking (x-browse); RabbitMQ's basic.get-and-return marks messages redelivered
            assertThat(first.getJMSRedelivered()).isFalse();
            assertThat(first.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
        }
        assertThat(text(receive(c))).isEqualTo("m1");
        assertThat(text(receive(c))).isEqualTo("m2");
    }

    @TckTest
    void browsingAnEmptyQueueFindsNothing(Jms jms) throws Exception {
        Session s = jms.session();
        Queue q = jms.queue(s);
        s.createConsumer(q).close();   // the queue exists, and is empty
        QueueBrowser browser = s.createBrowser(q);
        assertThat(browser.getEnumeration().hasMoreElements()).isFalse();
    }
}
