package org.ferrymq.broker.store.h2;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Semaphore;

import org.ferrymq.broker.store.QueueRecord;
import org.ferrymq.broker.store.StoreSettings;

/**
 * Child-JVM half of the crash test: opens the store, then adds messages to queue "crash" forever,
 * printing {@code durable <id>} once an add's future has completed (the store says it is on
 * disk). Every even id is removed again right away (an ack). The test kills this process with
 * SIGKILL mid-stream. Arguments: the data directory.
 */
public final class CrashingPublisher {
    private CrashingPublisher() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        H2MessageStore store = H2MessageStore.open(Path.of(args[0]), StoreSettings.defaults());
        long queue = store.recoverDefinitions().queues().stream().filter(q -> q.name().equals("crash"))
                .mapToLong(QueueRecord::id).findFirst()
                .orElseGet(() -> store.saveQueue(new QueueRecord(0, "/", "crash", false, Map.of())));
        long id = store.lastMessageId();
        out.println("ready " + queue + " " + id);
        out.flush();
        Semaphore window = new Semaphore(500);
        while (true) {
            window.acquireUninterruptibly();
            long messageId = ++id;
            store.add(StoreTestMessages.message(messageId, 100), new long[] {queue}).whenComplete((v, e) -> {
                window.release();
                if (e == null) {
                    synchronized (out) {
                        out.println("durable " + messageId);
                    }
                    if (messageId % 2 == 0) {
                        store.remove(queue, messageId);
                    }
                }
            });
        }
    }
}
