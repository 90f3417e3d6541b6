package org.ferrymq.jms.provider.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SerialExecutorTest {

    @Test
    void tasksRunInOrderOneAtATimeEvenWhenOneThrows() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            SerialExecutor serial = new SerialExecutor(pool, "test");
            List<Integer> seen = new ArrayList<>();   // unsynchronized on purpose: tasks must not overlap
            AtomicInteger running = new AtomicInteger();
            AtomicInteger maxRunning = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(1);
            for (int i = 0; i < 10_000; i++) {
                int n = i;
                serial.execute(() -> {
                    maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                    seen.add(n);
                    running.decrementAndGet();
                    if (n == 500) {
                        throw new IllegalStateException("a failing task does not stop the others");
                    }
                });
            }
            serial.execute(done::countDown);
            assertTrue(done.await(5, TimeUnit.SECONDS));
            assertEquals(1, maxRunning.get());
            assertEquals(10_000, seen.size());
            for (int i = 0; i < seen.size(); i++) {
                assertEquals(i, seen.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
