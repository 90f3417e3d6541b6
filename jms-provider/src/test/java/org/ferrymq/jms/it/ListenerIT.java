package org.ferrymq.jms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;

import org.junit.jupiter.api.Test;

/** MessageListener delivery, connection start/stop, and close waiting for a running listener. */
class ListenerIT extends BrokerTestBase {

    @Test
    void listenerGetsMessagesOnlyWhileStarted() throws Exception {
        Connection c = connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(TestBroker.queueName("listener"));
        MessageProducer p = s.createProducer(q);
        MessageConsumer consumer = c.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(q);
        AtomicInteger count = new AtomicInteger();
        CountDownLatch three = new CountDownLatch(3);
        consumer.setMessageListener(m -> {
            count.incrementAndGet();
            three.countDown();
        });
        p.send(s.createTextMessage("1"));
        Thread.sleep(300);
        assertEquals(0, count.get(), "connection not started yet");
        c.start();
        p.send(s.createTextMessage("2"));
        c.stop();
        int afterStop = count.get();
        p.send(s.createTextMessage("3"));
        Thread.sleep(300);
        assertEquals(afterStop, count.get(), "no delivery while stopped");
        c.start();
        assertTrue(three.await(5, TimeUnit.SECONDS));
        assertEquals(0, TestBroker.messageCount(q.getQueueName()));
    }

    @Test
    void closeWaitsForTheRunningListener() throws Exception {
        Connection c = started();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(TestBroker.queueName("slow"));
        CountDownLatch entered = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        c.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(q).setMessageListener(m -> {
            entered.countDown();
            try {
                Thread.sleep(700);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished.set(true);
        });
        s.createProducer(q).send(s.createTextMessage("slow"));
        assertTrue(entered.await(5, TimeUnit.SECONDS));
        c.close();
        assertTrue(finished.get(), "close() returned before onMessage did");
    }

    @Test
    void aThrowingListenerGetsTheMessageAgain() throws Exception {
        Connection c = started();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(TestBroker.queueName("throwing"));
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch redelivered = new CountDownLatch(1);
        c.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(q).setMessageListener(m -> {
            if (attempts.incrementAndGet() == 1) {
                throw new RuntimeException("first attempt fails");
            }
            try {
                if (m.getJMSRedelivered()) {
                    redelivered.countDown();
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        s.createProducer(q).send(s.createTextMessage("retry me"));
        assertTrue(redelivered.await(5, TimeUnit.SECONDS));
        assertFalse(attempts.get() < 2);
    }

    @Test
    void aListenerMayNotCloseItsOwnConnection() throws Exception {
        Connection c = started();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(TestBroker.queueName("selfclose"));
        AtomicBoolean refused = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        c.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(q).setMessageListener(m -> {
            try {
                c.close();
            } catch (jakarta.jms.IllegalStateException e) {
                refused.set(true);
            } catch (Exception e) {
                // wrong exception
            }
            done.countDown();
        });
        s.createProducer(q).send(s.createTextMessage("x"));
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertTrue(refused.get());
    }
}
