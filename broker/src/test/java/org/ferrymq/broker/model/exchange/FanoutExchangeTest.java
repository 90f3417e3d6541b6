package org.ferrymq.broker.model.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FanoutExchangeTest {
    private final Exchange logs = Exchange.create("/", "logs", ExchangeType.FANOUT, false, false, false, null);
    private final TestQueue a = new TestQueue("amq.gen-a");
    private final TestQueue b = new TestQueue("amq.gen-b");

    private List<Destination> route(String key) {
        List<Destination> out = new ArrayList<>();
        logs.route(key, null, out::add);
        return out;
    }

    @Test
    void everyBoundQueueGetsEveryMessage() {
        assertThat(route("")).isEmpty();
        logs.bind(a, "", Map.of());
        logs.bind(b, "ignored", Map.of());
        assertThat(route("")).containsExactly(a, b);
        assertThat(route("anything")).containsExactly(a, b);
    }

    @Test
    void aQueueBoundUnderSeveralKeysGetsOneCopyUntilItsLastBindingGoes() {
        logs.bind(a, "one", Map.of());
        logs.bind(a, "two", Map.of());
        assertThat(route("")).containsExactly(a);
        logs.unbind(a, "one", Map.of());
        assertThat(route("")).containsExactly(a);
        logs.unbind(a, "two", Map.of());
        assertThat(route("")).isEmpty();
        assertThat(logs.hasBindings()).isFalse();
    }
}
