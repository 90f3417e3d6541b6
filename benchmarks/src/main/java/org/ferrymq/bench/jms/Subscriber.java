package org.ferrymq.bench.jms;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;

/**
 * One consumer of a run, on a thread of its own: receives until it has every message the
 * producer sent or the drain deadline passes, records sequence numbers and latencies, and
 * acknowledges or commits every {@code ackEvery} messages as its scenario says.
 *
 * <p>Threading: {@link #run()} is the subscriber thread; {@link #producerFinished} and
 * {@link #abort()} come from the harness thread through volatile fields; the figures are read
 * after the thread has been joined.
 */
final class Subscriber implements Runnable {
    static final String SEQUENCE = "seq";
    static final String SENT_NANOS = "sentNanos";
    private static final long POLL_MILLIS = 100;

    private final Session session;
    private final MessageConsumer consumer;
    private final JmsScenario.AckMode ackMode;
    private final int ackEvery;
    final SequenceTracker tracker = new SequenceTracker();
    final LatencyRecorder latency = new LatencyRecorder();

    private volatile long expected = -1;
    private volatile long drainDeadline = Long.MAX_VALUE;
    private volatile boolean aborted;
    private long lastDeliveryNanos;
    private Message lastUnsettled;
    private JMSException failure;

    Subscriber(Session session, MessageConsumer consumer, JmsScenario scenario) {
        this.session = session;
        this.consumer = consumer;
        this.ackMode = scenario.ackMode();
        this.ackEvery = scenario.ackEvery();
    }

    /** The producer is done: {@code sent} messages, to be received by {@code deadlineNanos}. */
    void producerFinished(long sent, long deadlineNanos) {
        drainDeadline = deadlineNanos;
        expected = sent;
    }

    void abort() {
        aborted = true;
    }

    @Override
    public void run() {
        int unsettled = 0;
        try {
            while (!aborted) {
                long want = expected;
                if (want >= 0 && tracker.distinct() >= want) {
                    break;
                }
                Message message = consumer.receive(POLL_MILLIS);
                long now = System.nanoTime();
                if (message == null) {
                    if (now - drainDeadline > 0) {
                        break;
                    }
                    continue;
                }
                lastDeliveryNanos = now;
                tracker.record(message.getIntProperty(SEQUENCE));
                latency.record(now - message.getLongProperty(SENT_NANOS));
                if (ackMode != JmsScenario.AckMode.AUTO) {
                    lastUnsettled = message;
                    if (++unsettled >= ackEvery) {
                        settle(message);
                        unsettled = 0;
                    }
                }
            }
            if (unsettled > 0) {
                settle(lastUnsettled);
            }
        } catch (JMSException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = new JMSException("subscriber failed: " + e);
            failure.initCause(e);
        }
    }

    private void settle(Message last) throws JMSException {
        if (ackMode == JmsScenario.AckMode.CLIENT_EVERY_N) {
            last.acknowledge();   // acknowledges everything this session consumed so far
        } else if (ackMode == JmsScenario.AckMode.TRANSACTED_EVERY_N) {
            session.commit();
        }
    }

    long lastDeliveryNanos() {
        return lastDeliveryNanos;
    }

    JMSException failure() {
        return failure;
    }
}
