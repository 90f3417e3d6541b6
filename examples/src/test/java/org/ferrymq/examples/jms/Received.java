package org.ferrymq.examples.jms;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Collects what a JMS example consumer hands over, for a test to wait on and inspect. */
public final class Received<T> implements Consumer<T> {
    private final List<T> items = new CopyOnWriteArrayList<>();

    @Override
    public void accept(T item) {
        items.add(item);
    }

    /** Waits until at least {@code count} items arrived; fails with what did arrive. */
    public Received<T> awaitCount(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (items.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " messages within " + timeout + ", got " + items);
            }
            Thread.sleep(10);
        }
        return this;
    }

    /** Gives stray messages (ones that should not come) a moment to show up. */
    public Received<T> settle(Duration quietTime) throws InterruptedException {
        Thread.sleep(quietTime.toMillis());
        return this;
    }

    public int size() {
        return items.size();
    }

    public List<T> items() {
        return List.copyOf(items);
    }
}
