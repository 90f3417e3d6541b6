package org.ferrymq.tck.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.tck.Jms.RECEIVE_MS;
import static org.ferrymq.tck.Jms.assertNothing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.jms.Connection;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
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
 * 6.1.4 "Pausing delivery of incoming messages": a connection that is not started, or was stopped,
 * delivers nothing to its consumers. Its queue consumers must not take messages either: a
 * competing consumer on a started connection gets them all, and stopping a connection gives back
 * what its consumers had prefetched (as ActiveMQ Artemis does). Issue 14, item 22.
 */
@Timeout(60)
class StoppedConnectionIT {
    private static final int SENT = 20;

    private static void send(Jms jms, Queue q, int count) throws Exception {
        Session s = jms.session();
        MessageProducer p = s.createProducer(q);
        for (int i = 0; i < count; i++) {
            p.send(s.createTextMessage("m" + i));
        }
    }

    private static List<String> receiveAll(MessageConsumer consumer, int count) throws Exception {
        List<String> got = new ArrayList<>();
        long deadline = System.currentTimeMillis() + RECEIVE_MS * 2;
        while (got.size() < count && System.currentTimeMillis() < deadline) {
            Message m = consumer.receive(200);
            if (m != null) {
                got.add(((TextMessage) m).getText());
            }
        }
        return got;
    }

    /** Waits until the broker has handed out every message of the queue (none ready). */
    private static void awaitNoneReady(Jms jms, Queue q) throws Exception {
        long deadline = System.currentTimeMillis() + RECEIVE_MS;
        while (jms.readyCount(q.getQueueName()) > 0 && System.currentTimeMillis() < deadline) {
            Jms.pause(20);
        }
        assertThat(jms.readyCount(q.getQueueName())).as("every message handed out").isZero();
    }

    @TckTest
    void aConsumerOfAConnectionNotYetStartedTakesNoQueueMessages(Jms jms) throws Exception {
        Connection idle = jms.connection();
        Session idleSession = idle.createSession();
        Queue q = jms.queue(idleSession);
        MessageConsumer parked = idleSession.createConsumer(q);   // before the competitor: first in the round robin
        MessageConsumer competitor = jms.session().createConsumer(q);
        send(jms, q, SENT);
        assertThat(receiveAll(competitor, SENT)).as("the started consumer gets every message").hasSize(SENT);
        idle.start();
        assertNothing(parked);
    }

    @TckTest
    void aListenerOfAConnectionNotYetStartedTakesNoQueueMessages(Jms jms) throws Exception {
        Connection idle = jms.connection();
        Session idleSession = idle.createSession();
        Queue q = jms.queue(idleSession);
        CountDownLatch heard = new CountDownLatch(1);
        idleSession.createConsumer(q).setMessageListener(m -> heard.countDown());
        MessageConsumer competitor = jms.session().createConsumer(q);
        send(jms, q, SENT);
        assertThat(receiveAll(competitor, SENT)).hasSize(SENT);
        assertThat(heard.getCount()).isOne();
    }

    @TckTest
    void stoppingAConnectionGivesBackWhatItsConsumersHold(Jms jms) throws Exception {
        Connection first = jms.startedConnection();
        Session s = first.createSession();
        Queue q = jms.queue(s);
        MessageConsumer holder = s.createConsumer(q);
        send(jms, q, SENT);
        assertThat(holder.receive(RECEIVE_MS)).isNotNull();
        awaitNoneReady(jms, q);                    // the other 19 sit in the holder's prefetch buffer
        first.stop();
        MessageConsumer competitor = jms.session().createConsumer(q);
        List<String> given = receiveAll(competitor, SENT - 1);
        assertThat(given).as("what the stopped consumer held goes to the started one").hasSize(SENT - 1)
                .doesNotContain("m0");
        first.start();
        assertNothing(holder);
        competitor.close();
        send(jms, q, 4);
        assertThat(receiveAll(holder, 4)).as("subscribed again after start").hasSize(4);
    }

    @TckTest
    void aStoppedListenerGivesBackWhatItHoldsAndGetsMessagesAgainAfterStart(Jms jms) throws Exception {
        Connection first = jms.startedConnection();
        Session s = first.createSession();
        Queue q = jms.queue(s);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> heard = java.util.Collections.synchronizedList(new ArrayList<>());
        s.createConsumer(q).setMessageListener(m -> {
            try {
                heard.add(((TextMessage) m).getText());
                entered.countDown();
                release.await(RECEIVE_MS, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        send(jms, q, SENT);
        assertThat(entered.await(RECEIVE_MS, TimeUnit.MILLISECONDS)).isTrue();
        awaitNoneReady(jms, q);
        Thread stopper = new Thread(() -> {
            try {
                first.stop();   // waits for the running onMessage
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        stopper.start();
        Jms.pause(100);
        release.countDown();
        stopper.join(RECEIVE_MS);
        assertThat(stopper.isAlive()).isFalse();
        MessageConsumer competitor = jms.session().createConsumer(q);
        assertThat(receiveAll(competitor, SENT - heard.size())).hasSize(SENT - heard.size());
        assertThat(heard).hasSize(1);
        competitor.close();
        first.start();
        send(jms, q, 1);
        long deadline = System.currentTimeMillis() + RECEIVE_MS;
        while (heard.size() < 2 && System.currentTimeMillis() < deadline) {
            Jms.pause(20);
        }
        assertThat(heard).as("the listener runs again after start").hasSize(2);
    }

    @TckTest
    void aStoppedContextGivesBackWhatItsConsumerHolds(Jms jms) throws Exception {
        JMSContext ctx = jms.context();
        Queue q = jms.queue(ctx);
        JMSConsumer holder = ctx.createConsumer(q);   // starts the context
        send(jms, q, SENT);
        assertThat(holder.receive(RECEIVE_MS)).isNotNull();
        awaitNoneReady(jms, q);
        ctx.stop();
        assertThat(receiveAll(jms.session().createConsumer(q), SENT - 1)).hasSize(SENT - 1);
    }
}
