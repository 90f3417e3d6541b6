package org.ferrymq.examples.support;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import com.rabbitmq.client.Delivery;

/** Collects the deliveries an example consumer hands over, for a test to wait on and inspect. */
public final class Inbox implements Consumer<Delivery> {
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    @Override
    public void accept(Delivery delivery) {
        deliveries.add(delivery);
    }

    /** Waits until at least {@code count} deliveries arrived; fails with what did arrive. */
    public Inbox awaitCount(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (deliveries.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " deliveries within " + timeout + ", got " + bodies());
            }
            Thread.sleep(10);
        }
        return this;
    }

    /** Gives stray deliveries (ones that should not come) a moment to show up. */
    public Inbox settle(Duration quietTime) throws InterruptedException {
        Thread.sleep(quietTime.toMillis());
        return this;
    }

    public int size() {
        return deliveries.size();
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    public List<String> bodies() {
        return deliveries.stream().map(d -> new String(d.getBody(), UTF_8)).toList();
    }
}
