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
}
