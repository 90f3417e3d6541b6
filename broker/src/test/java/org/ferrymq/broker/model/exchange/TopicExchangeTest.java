package org.ferrymq.broker.model.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TopicExchangeTest {
    private final Exchange topicLogs =
            Exchange.create("/", "topic_logs", ExchangeType.TOPIC, false, false, false, null);
    private final TestQueue q = new TestQueue("q");
    private final TestQueue other = new TestQueue("other");

    private List<Destination> route(String key) {
        List<Destination> out = new ArrayList<>();
        topicLogs.route(key, null, out::add);
        return out;
    }

    @Test
    void tutorialBindings() {
        TestQueue allLogs = new TestQueue("all");
        TestQueue kern = new TestQueue("kern");
        TestQueue critical = new TestQueue("critical");
        topicLogs.bind(allLogs, "#", Map.of());
        topicLogs.bind(kern, "kern.*", Map.of());
        topicLogs.bind(critical, "*.critical", Map.of());

        assertThat(route("kern.critical")).containsExactlyInAnyOrder(allLogs, kern, critical);
        assertThat(route("anonymous.info")).containsExactly(allLogs);
        assertThat(route("kern.info")).containsExactlyInAnyOrder(allLogs, kern);
        assertThat(route("")).containsExactly(allLogs);
    }

    @Test
    void equivalentPatternsShareAnEntryButCountAsSeparateBindings() {
        topicLogs.bind(q, "#", Map.of());
        topicLogs.bind(q, "#.#", Map.of());
        assertThat(topicLogs.bindings()).hasSize(2);
        assertThat(route("a.b")).containsExactly(q);
        topicLogs.unbind(q, "#", Map.of());
        assertThat(route("a.b")).containsExactly(q);
        topicLogs.unbind(q, "#.#", Map.of());
        assertThat(route("a.b")).isEmpty();
    }

    @Test
    void overlappingPatternsOfOneQueueRouteOnce() {
        topicLogs.bind(q, "a.*", Map.of());
        topicLogs.bind(q, "#.b", Map.of());
        topicLogs.bind(q, "a.b", Map.of("x", 1));
        topicLogs.bind(other, "a.#", Map.of());
        assertThat(route("a.b")).containsExactlyInAnyOrder(q, other);
        topicLogs.unbindAll(q);
        assertThat(route("a.b")).containsExactly(other);
    }
}
