package org.ferrymq.bench.jms;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.Session;

/**
 * One consumer of a run: records the sequence number and latency of every delivery and
 * acknowledges or commits every {@code ackEvery} messages as its scenario says, until it has
 * every message the producer sent or the drain deadline passes. It is driven either by the
 * provider ({@link #listen()}, a MessageListener: how MDBs and most applications consume) or by
 * a thread of its own calling {@code receive()} ({@link #run()}).
 *
 * <p>Threading: deliveries arrive on the provider's dispatch thread or the subscriber thread;
 * {@link #producerFinished} and the figures come from the harness thread. The bookkeeping is
 * guarded by this object's monitor (uncontended, so cheap), which also makes it visible to the
 * harness.
 */
final class Subscriber implements MessageListener, Runnable {
    static final String SEQUENCE = "seq";
    static final String SENT_NANOS = "sentNanos";
    private static final long POLL_MILLIS = 100;

    private final Session session;
    private final MessageConsumer consumer;
    private final JmsScenario.AckMode ackMode;
    private final int ackEvery;
    private final SequenceTracker tracker = new SequenceTracker();
    private final LatencyRecorder latency = new LatencyRecorder();
    private final CountDownLatch finished = new CountDownLatch(1);

    private long expected = -1;
    private long drainDeadline = Long.MAX_VALUE;
    private volatile boolean aborted;
    private long lastDeliveryNanos;
    private int unsettled;
    private Message lastUnsettled;
    private JMSException failure;

    Subscriber(Session session, MessageConsumer consumer, JmsScenario scenario) {
        this.session = session;
        this.consumer = consumer;
        this.ackMode = scenario.ackMode();
        this.ackEvery = scenario.ackEvery();
    }

    /** Listener mode: the provider delivers on its own thread from now on. */
    void listen() throws JMSException {
        consumer.setMessageListener(this);
    }

    /** The producer is done: {@code sent} messages, to be received by {@code deadlineNanos}. */
    synchronized void producerFinished(long sent, long deadlineNanos) {
        expected = sent;
        drainDeadline = deadlineNanos;
        if (tracker.distinct() >= sent) {
            finished.countDown();
        }
    }

    /** Waits until this subscriber has everything, failed, or the deadline passed. */
    void awaitFinished(long deadlineNanos) throws InterruptedException {
        finished.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** True once it has every message the producer sent (or failed); false while waiting or after a timeout. */
    boolean isFinished() {
        return finished.getCount() == 0;
    }

    void abort() {
        aborted = true;
        finished.countDown();
    }

    @Override
    public void onMessage(Message message) {
        try {
            deliver(message, System.nanoTime());
        } catch (JMSException e) {
            fail(e);
        } catch (RuntimeException e) {
            fail(wrap(e));
        }
    }

    /** Receive mode: the subscriber thread. */
    @Override
    public void run() {
        try {
            while (!aborted && finished.getCount() > 0) {
                Message message = consumer.receive(POLL_MILLIS);
                long now = System.nanoTime();
                if (message != null) {
                    deliver(message, now);
                } else if (pastDeadline(now)) {
                    break;
                }
            }
            settleRest();
        } catch (JMSException e) {
            fail(e);
        } catch (RuntimeException e) {
            fail(wrap(e));
        }
    }

    private synchronized void deliver(Message message, long now) throws JMSException {
        lastDeliveryNanos = now;
        tracker.record(message.getIntProperty(SEQUENCE));
        latency.record(now - message.getLongProperty(SENT_NANOS));
        if (ackMode != JmsScenario.AckMode.AUTO) {
            lastUnsettled = message;
            if (++unsettled >= ackEvery) {
                settle();
            }
        }
        if (expected >= 0 && tracker.distinct() >= expected) {
            settle();
            finished.countDown();
        }
    }

    private synchronized boolean pastDeadline(long now) {
        return now - drainDeadline > 0;
    }

    private synchronized void settleRest() throws JMSException {
        settle();
    }

    /** Acknowledges (CLIENT_ACKNOWLEDGE acks everything the session consumed) or commits what is unsettled. */
    private void settle() throws JMSException {
        if (unsettled == 0) {
            return;
        }
        if (ackMode == JmsScenario.AckMode.CLIENT_EVERY_N) {
            lastUnsettled.acknowledge();
        } else if (ackMode == JmsScenario.AckMode.TRANSACTED_EVERY_N) {
            session.commit();
        }
        unsettled = 0;
        lastUnsettled = null;
    }

    private synchronized void fail(JMSException e) {
        if (failure == null) {
            failure = e;
        }
        finished.countDown();
    }

    private static JMSException wrap(RuntimeException e) {
        JMSException failure = new JMSException("subscriber failed: " + e);
        failure.initCause(e);
        return failure;
    }

    synchronized SequenceTracker tracker() {
        return tracker;
    }

    synchronized LatencyRecorder latency() {
        return latency;
    }

    synchronized long lastDeliveryNanos() {
        return lastDeliveryNanos;
    }

    synchronized JMSException failure() {
        return failure;
    }
}
