package org.ferrymq.bench.jms;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

/**
 * Runs one scenario once against one target: subscribers first (so the queue or the topic
 * subscriptions exist before the first send), then the producer on its own connection until the
 * time or message limit, then the drain. Throws when a JMS call fails; the run is then recorded
 * as failed with that reason.
 *
 * <p>Threading: the caller's thread is the producer; subscribers run on the provider's
 * dispatch threads (listeners) or on a thread each (receive).
 */
final class ScenarioRunner {
    private static final String BODY = "x".repeat(JmsScenario.BODY_CHARS);

    private final JmsTarget target;
    private final JmsScenario scenario;
    private final String destinationName;
    private final RunLimits limits;
    private final Consumption consumption;

    /** How subscribers take messages: a MessageListener each, or a thread each calling receive(). */
    enum Consumption { LISTENER, RECEIVE }

    ScenarioRunner(JmsTarget target, JmsScenario scenario, String destinationName, RunLimits limits, Consumption consumption) {
        this.target = target;
        this.scenario = scenario;
        this.destinationName = destinationName;
        this.limits = limits;
        this.consumption = consumption;
    }

    RunFigures run() throws JMSException, InterruptedException {
        Connection consumerConnection = target.connectionFactory(scenario).createConnection();
        try {
            Connection producerConnection = target.connectionFactory(scenario).createConnection();
            try {
                return run(consumerConnection, producerConnection);
            } finally {
                producerConnection.close();
            }
        } finally {
            consumerConnection.close();
        }
    }

    private RunFigures run(Connection consumerConnection, Connection producerConnection) throws JMSException, InterruptedException {
        List<Subscriber> subscribers = new ArrayList<>();
        for (int i = 0; i < scenario.subscribers(); i++) {
            Session session = consumerConnection.createSession(scenario.consumerTransacted(), scenario.consumerSessionMode());
            subscribers.add(new Subscriber(session, session.createConsumer(destination(session)), scenario));
        }
        consumerConnection.start();
        boolean transacted = scenario.sendMode() == JmsScenario.SendMode.TRANSACTED;
        Session producerSession = producerConnection.createSession(transacted, transacted ? Session.SESSION_TRANSACTED : Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = producerSession.createProducer(destination(producerSession));
        producer.setDeliveryMode(scenario.persistent() ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT);

        List<Thread> threads = new ArrayList<>();
        if (consumption == Consumption.RECEIVE) {
            for (int i = 0; i < subscribers.size(); i++) {
                Thread thread = new Thread(subscribers.get(i), "jmsbench-subscriber-" + i);
                thread.setDaemon(true);
                threads.add(thread);
            }
        } else {
            for (Subscriber s : subscribers) {
                s.listen();
            }
        }
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        AtomicLong sendFailures = new AtomicLong();
        long sent;
        long sendEnd;
        try {
            sent = produce(producerSession, producer, start, sendFailures);
            sendEnd = System.nanoTime();
        } catch (JMSException | RuntimeException | InterruptedException e) {
            subscribers.forEach(Subscriber::abort);
            throw e;
        }
        long drainDeadline = System.nanoTime() + limits.drainTime().toNanos();
        for (Subscriber s : subscribers) {
            s.producerFinished(sent, drainDeadline);
        }
        for (Subscriber s : subscribers) {
            s.awaitFinished(drainDeadline);
        }
        boolean drainTimedOut = subscribers.stream().anyMatch(s -> !s.isFinished());
        for (Thread thread : threads) {
            thread.join(5_000);
        }
        // no delivery is counted after this: stop() waits for a running onMessage to return
        consumerConnection.stop();
        subscribers.forEach(Subscriber::abort);
        for (Subscriber s : subscribers) {
            if (s.failure() != null) {
                throw s.failure();
            }
        }
        return figures(subscribers, sent, sendFailures.get(), start, sendEnd, drainTimedOut);
    }

    private Destination destination(Session session) throws JMSException {
        return scenario.topic() ? target.topic(session, destinationName) : target.queue(session, destinationName);
    }

    /** Sends until the time or count limit; returns how many were sent (committed, if transacted). */
    private long produce(Session session, MessageProducer producer, long start, AtomicLong sendFailures)
            throws JMSException, InterruptedException {
        long deadline = start + limits.sendTime().toNanos();
        long interval = scenario.ratePerSecond() > 0 ? 1_000_000_000L / scenario.ratePerSecond() : 0;
        int window = scenario.window();
        Semaphore inFlight = scenario.sendMode() == JmsScenario.SendMode.ASYNC ? new Semaphore(window) : null;
        CompletionListener completion = inFlight == null ? null : new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                inFlight.release();
            }

            @Override
            public void onException(Message message, Exception exception) {
                sendFailures.incrementAndGet();
                inFlight.release();
            }
        };
        long seq = 0;
        while (seq < limits.maxMessages()) {
            boolean batchBoundary = scenario.sendMode() != JmsScenario.SendMode.TRANSACTED || seq % window == 0;
            if (batchBoundary && System.nanoTime() - deadline >= 0) {
                break;
            }
            if (interval > 0) {
                paceUntil(start + seq * interval);
            }
            TextMessage message = session.createTextMessage(BODY);
            message.setIntProperty(Subscriber.SEQUENCE, (int) seq);
            message.setLongProperty(Subscriber.SENT_NANOS, System.nanoTime());
            switch (scenario.sendMode()) {
                case SYNC -> producer.send(message);
                case ASYNC -> {
                    inFlight.acquire();
                    producer.send(message, completion);
                }
                case TRANSACTED -> {
                    producer.send(message);
                    if ((seq + 1) % window == 0) {
                        session.commit();
                    }
                }
            }
            seq++;
        }
        if (scenario.sendMode() == JmsScenario.SendMode.TRANSACTED && seq % window != 0) {
            session.commit();
        }
        if (inFlight != null && !inFlight.tryAcquire(window, limits.drainTime().toMillis(), TimeUnit.MILLISECONDS)) {
            throw new JMSException("async sends not completed within " + limits.drainTime().toSeconds()
                    + " s (" + (window - inFlight.availablePermits()) + " still in flight)");
        }
        return seq;
    }

    private static void paceUntil(long due) {
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    private static RunFigures figures(List<Subscriber> subscribers, long sent, long sendFailures, long start, long sendEnd,
                                      boolean drainTimedOut) {
        long delivered = 0;
        long duplicates = 0;
        long missing = 0;
        long unexpected = 0;
        long lastDelivery = start;
        List<LatencyRecorder> latencies = new ArrayList<>();
        for (Subscriber s : subscribers) {
            SequenceTracker tracker = s.tracker();
            delivered += tracker.delivered();
            duplicates += tracker.duplicates();
            missing += tracker.missing(sent);
            unexpected += tracker.unexpected(sent);
            if (tracker.delivered() > 0 && s.lastDeliveryNanos() - lastDelivery > 0) {
                lastDelivery = s.lastDeliveryNanos();
            }
            latencies.add(s.latency());
        }
        return new RunFigures(sent, sendFailures, delivered, duplicates, missing, unexpected,
                (sendEnd - start) / 1e9, (lastDelivery - start) / 1e9, LatencyRecorder.percentiles(latencies), drainTimedOut);
    }
}
