package org.ferrymq.broker.model;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The publisher-confirm answer for a persistent message in durable queues. As RabbitMQ confirms
 * it, the message is safe once it is on disk, or once every durable queue it went to is done
 * with it (consumed and acknowledged, expired, dropped), whichever comes first: a message a
 * consumer has already settled needs no fsync to be confirmed. Answers exactly once.
 * Thread-safe: the store writer and the queues' executors call it.
 */
public final class DurableAnswer {
    private final AtomicInteger queuesHolding;
    private final AtomicBoolean answered = new AtomicBoolean();
    private final Consumer<Boolean> answer;

    /**
     * @param storingQueues how many durable queues hold the message
     * @param answer        called once: true (confirm) or false (the store failed: nack)
     */
    public DurableAnswer(int storingQueues, Consumer<Boolean> answer) {
        this.queuesHolding = new AtomicInteger(storingQueues);
        this.answer = answer;
    }

    /** The store's write finished: {@code ok} if it is on disk. */
    public void written(boolean ok) {
        answerOnce(ok);
    }

    /** One durable queue is done with the message. */
    void leftQueue() {
        if (queuesHolding.decrementAndGet() == 0) {
            answerOnce(true);
        }
    }

    private void answerOnce(boolean ok) {
        if (answered.compareAndSet(false, true)) {
            answer.accept(ok);
        }
    }
}
