package org.ferrymq.broker.model.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DirectExchangeTest {
    private final Exchange exchange =
            Exchange.create("/", "direct_logs", ExchangeType.DIRECT, false, false, false, Map.of());
    private final TestQueue errors = new TestQueue("errors");
    private final TestQueue all = new TestQueue("all");

    private List<Destination> route(String key) {
        List<Destination> out = new ArrayList<>();
        exchange.route(key, Map.of(), out::add);
        return out;
    }

    @Test
    void routesByExactKey() {
        exchange.bind(errors, "error", Map.of());
        exchange.bind(all, "error", Map.of());
        exchange.bind(all, "info", Map.of());

        assertThat(route("error")).containsExactly(errors, all);
        assertThat(route("info")).containsExactly(all);
        assertThat(route("warning")).isEmpty();
        assertThat(route("Error")).isEmpty();
        assertThat(route("")).isEmpty();
    }

    @Test
    void emptyKeyIsAKeyLikeAnyOther() {
        exchange.bind(errors, "", Map.of());
        assertThat(route("")).containsExactly(errors);
        assertThat(route(null)).containsExactly(errors);
    }

    @Test
    void defaultExchangeStyleOneBindingPerQueueName() {
        Exchange defaultExchange =
                Exchange.create("/", "", ExchangeType.DIRECT, true, false, false, Map.of());
        List<TestQueue> queues = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            TestQueue q = new TestQueue("q" + i);
            queues.add(q);
            defaultExchange.bind(q, q.name(), Map.of());
        }
        List<Destination> out = new ArrayList<>();
        defaultExchange.route("q4242", null, out::add);
        assertThat(out).containsExactly(queues.get(4242));
        defaultExchange.unbindAll(queues.get(4242));
        out.clear();
        defaultExchange.route("q4242", null, out::add);
        assertThat(out).isEmpty();
        assertThat(defaultExchange.bindings()).hasSize(9_999);
    }

    @Test
    void sameQueueTwiceUnderOneKeyWithDifferentArgumentsRoutesOnce() {
        exchange.bind(errors, "error", Map.of());
        exchange.bind(errors, "error", Map.of("note", "second"));
        assertThat(route("error")).containsExactly(errors);
        exchange.unbind(errors, "error", Map.of());
        assertThat(route("error")).containsExactly(errors);
        exchange.unbind(errors, "error", Map.of("note", "second"));
        assertThat(route("error")).isEmpty();
    }

    @Test
    void removingOneQueueKeepsTheOthersOnThatKey() {
        TestQueue third = new TestQueue("third");
        exchange.bind(errors, "k", Map.of());
        exchange.bind(all, "k", Map.of());
        exchange.bind(third, "k", Map.of());
        exchange.unbind(all, "k", Map.of());
        assertThat(route("k")).containsExactly(errors, third);
    }
}
