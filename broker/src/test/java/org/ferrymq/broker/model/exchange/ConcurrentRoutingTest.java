package org.ferrymq.broker.model.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Routing from several threads while one writer keeps binding and unbinding (the vhost's
 * single-writer discipline): routes never fail, never see a duplicate, and always include
 * the destinations that stay bound throughout. Bounded to about two seconds.
 */
class ConcurrentRoutingTest {
    private static final long RUN_NANOS = TimeUnit.MILLISECONDS.toNanos(1500);
    private static final int READERS = 3;

    @Test
    @Timeout(30)
    void routeWhileBinding() throws Exception {
        Exchange direct = Exchange.create("/", "d", ExchangeType.DIRECT, false, false, false, null);
        Exchange fanout = Exchange.create("/", "f", ExchangeType.FANOUT, false, false, false, null);
        Exchange topic = Exchange.create("/", "t", ExchangeType.TOPIC, false, false, false, null);
        Exchange headers = Exchange.create("/", "h", ExchangeType.HEADERS, false, false, false, null);
        Exchange[] all = {direct, fanout, topic, headers};

        TestQueue stable = new TestQueue("stable");
        direct.bind(stable, "stock.nyse.ibm", Map.of());
        fanout.bind(stable, "", Map.of());
        topic.bind(stable, "stock.#", Map.of());
        headers.bind(stable, "", Map.of("x-match", "any", "market", "nyse"));
        // the exchanges also feed each other, so the router crosses churning e2e bindings
        direct.bind(topic, "stock.nyse.ibm", Map.of());

        List<TestQueue> churn = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            churn.add(new TestQueue("churn" + i));
        }
        Set<Destination> known = ConcurrentHashMap.newKeySet();
        known.add(stable);
        known.addAll(churn);

        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong routes = new AtomicLong();
        CountDownLatch done = new CountDownLatch(READERS);
        Map<String, Object> messageHeaders = Map.of("market", "nyse", "n", 7);

        for (int r = 0; r < READERS; r++) {
            Thread reader = new Thread(() -> {
                try {
                    long count = 0;
                    while (!stop.get()) {
                        for (Exchange exchange : all) {
                            List<Destination> routed =
                                    ExchangeRouter.route(exchange, "stock.nyse.ibm", messageHeaders);
                            if (!routed.contains(stable)) {
                                throw new AssertionError(exchange + " lost the stable binding: " + routed);
                            }
                            if (Set.copyOf(routed).size() != routed.size()) {
                                throw new AssertionError(exchange + " routed a duplicate: " + routed);
                            }
                            if (!known.containsAll(routed)) {
                                throw new AssertionError(exchange + " routed a stranger: " + routed);
                            }
                            count++;
                        }
                    }
                    routes.addAndGet(count);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    done.countDown();
                }
            }, "router-" + r);
            reader.setDaemon(true);
            reader.start();
        }

        long writes = 0;
        long end = System.nanoTime() + RUN_NANOS;
        int i = 0;
        while (System.nanoTime() < end && failure.get() == null) {
            TestQueue q = churn.get(i % churn.size());
            Map<String, Object> args = Map.of("n", i % 3);
            switch (i % 8) {
                case 0 -> direct.bind(q, "stock.nyse.ibm", args);
                case 1 -> fanout.bind(q, "", args);
                case 2 -> topic.bind(q, (i % 2 == 0 ? "*.nyse.#" : "stock.*.ibm"), args);
                case 3 -> headers.bind(q, "", Map.of("x-match", "all", "n", i % 3, "market", "nyse"));
                case 4 -> direct.unbind(q, "stock.nyse.ibm", args);
                case 5 -> topic.unbindAll(q);
                case 6 -> fanout.bind(topic, "", Map.of()); // e2e cycle appears...
                default -> {
                    fanout.unbind(topic, "", Map.of()); // ...and goes
                    headers.unbindAll(churn.get((i * 7) % churn.size()));
                    fanout.unbindAll(churn.get((i * 13) % churn.size()));
                }
            }
            writes++;
            i++;
        }
        stop.set(true);
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        if (failure.get() != null) {
            throw new AssertionError("routing failed under concurrent binding", failure.get());
        }
        assertThat(routes.get()).isPositive();
        assertThat(writes).isPositive();

        // once quiet, every exchange reflects exactly its bindings
        for (Exchange exchange : all) {
            for (TestQueue q : churn) {
                exchange.unbindAll(q);
            }
        }
        fanout.unbind(topic, "", Map.of());
        assertThat(ExchangeRouter.route(direct, "stock.nyse.ibm", messageHeaders)).containsExactly(stable);
        assertThat(ExchangeRouter.route(fanout, "x", null)).containsExactly(stable);
        assertThat(ExchangeRouter.route(topic, "stock.x", null)).containsExactly(stable);
        assertThat(ExchangeRouter.route(headers, "", messageHeaders)).containsExactly(stable);
    }
}
