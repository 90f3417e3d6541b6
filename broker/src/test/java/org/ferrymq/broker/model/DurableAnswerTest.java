package org.ferrymq.broker.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.ferrymq.broker.amqp.codec.AmqpBasicProperties;
import org.ferrymq.broker.store.MessageStore;
import org.ferrymq.broker.store.StoreSettings;
import org.ferrymq.broker.store.h2.H2MessageStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A persistent message's confirm answer is "safe" once it is on disk or once every durable queue
 * holding it is done with it, whichever comes first. The store here is the real H2 store, except
 * that its writes report completion only when the test opens the gate: a disk that never catches up.
 */
@Timeout(10)
class DurableAnswerTest {
    @TempDir
    Path dataDir;

    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final CompletableFuture<Void> diskGate = new CompletableFuture<>();
    private final LinkedBlockingQueue<Boolean> answers = new LinkedBlockingQueue<>();
    private final AtomicLong messageIds = new AtomicLong();
    private H2MessageStore realStore;
    private VirtualHost vhost;

    @BeforeEach
    void start() {
        realStore = H2MessageStore.open(dataDir, StoreSettings.defaults());
        MessageStore slowDisk = (MessageStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MessageStore.class}, (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(realStore, args);
                        if (method.getName().equals("add")) {
                            return ((CompletableFuture<?>) result).thenCombine(diskGate, (written, open) -> null);
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        vhost = new VirtualHostRegistry(List.of("/"), new QueueResources(pool, timer, messageIds, slowDisk, 20_000))
                .find("/").orElseThrow();
    }

    @AfterEach
    void stop() throws InterruptedException {
        diskGate.complete(null);
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.SECONDS);
        timer.shutdownNow();
        realStore.close();
    }

    private MessageQueue durableQueue(String name) {
        return vhost.declareQueue(name, false, false, true, false, false, Map.of(), null);
    }

    /** Publishes one persistent message the way the broker's publisher does, with a confirm answer. */
    private void publishPersistent(MessageQueue... queues) {
        AmqpBasicProperties persistent = new AmqpBasicProperties(null, null, null, 2, null, null, null, null, null, null,
                null, null, null, null);
        Message message = Message.of(messageIds.incrementAndGet(), "", "q", persistent, new byte[] {1, 2, 3});
        CompletableFuture<Void> onDisk = vhost.persist(message, List.of(queues));
        DurableAnswer answer = new DurableAnswer(queues.length, answers::add);
        onDisk.whenComplete((ok, failure) -> answer.written(failure == null));
        for (MessageQueue queue : queues) {
            queue.enqueue(message, EnqueueCallback.NONE, answer);
        }
    }

    /** A consumer that settles each delivery at once, as a no-ack consumer does. */
    private static QueueConsumer autoAckConsumer() {
        return new QueueConsumer() {
            @Override public String tag() { return "auto-ack"; }
            @Override public boolean exclusive() { return false; }
            @Override public boolean autoAck() { return true; }
            @Override public boolean tryReserve() { return true; }
            @Override public void deliver(MessageQueue queue, QueueEntry entry) { queue.acknowledged(entry); }
            @Override public void queueDeleted(MessageQueue queue) { }
        };
    }

    @Test
    void aMessageNobodyConsumedIsConfirmedOnlyOnceItIsOnDisk() throws Exception {
        publishPersistent(durableQueue("waiting"));
        assertThat(answers.poll(300, TimeUnit.MILLISECONDS)).as("no answer while the disk lags").isNull();
        diskGate.complete(null);
        assertThat(answers.poll(5, TimeUnit.SECONDS)).isTrue();
        assertThat(answers.poll(200, TimeUnit.MILLISECONDS)).as("answered once").isNull();
    }

    @Test
    void aMessageConsumedFromItsOnlyQueueIsConfirmedWithoutWaitingForTheDisk() throws Exception {
        MessageQueue queue = durableQueue("consumed");
        queue.addConsumer(autoAckConsumer(), () -> { }).get(5, TimeUnit.SECONDS);
        publishPersistent(queue);
        assertThat(answers.poll(5, TimeUnit.SECONDS)).as("confirmed by consumption, the disk still lagging").isTrue();
        diskGate.complete(null);
        assertThat(answers.poll(300, TimeUnit.MILLISECONDS)).as("the disk's later answer is not sent again").isNull();
    }

    @Test
    void withTwoDurableQueuesBothMustBeDoneWithIt() throws Exception {
        MessageQueue consumed = durableQueue("fanout-a");
        MessageQueue waiting = durableQueue("fanout-b");
        consumed.addConsumer(autoAckConsumer(), () -> { }).get(5, TimeUnit.SECONDS);
        publishPersistent(consumed, waiting);
        assertThat(answers.poll(300, TimeUnit.MILLISECONDS)).as("one queue still holds it and the disk lags").isNull();
        waiting.addConsumer(autoAckConsumer(), () -> { }).get(5, TimeUnit.SECONDS);
        assertThat(answers.poll(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void theAnswerIsGivenOnceWhicheverComesFirst() {
        List<Boolean> given = new java.util.ArrayList<>();
        DurableAnswer diskFirst = new DurableAnswer(1, given::add);
        diskFirst.written(false);
        diskFirst.leftQueue();
        DurableAnswer queueFirst = new DurableAnswer(2, given::add);
        queueFirst.leftQueue();
        queueFirst.leftQueue();
        queueFirst.written(false);
        assertThat(given).containsExactly(false, true);
    }
}
