package org.ferrymq.bench.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class JmsBenchOptionsTest {

    @Test
    void defaultsRunEveryScenarioOnEveryTargetThreeTimes() {
        JmsBenchOptions options = JmsBenchOptions.parse(new String[0]);
        assertEquals(10, options.seconds());
        assertEquals(3, options.repetitions());
        assertEquals(120, options.drainSeconds());
        assertEquals(5, options.warmupSeconds());
        assertEquals(8, options.scenarios().size());
        assertEquals(List.of(TargetId.values()), options.targets());
        assertEquals("amqp://guest:guest@127.0.0.1:5682", options.rabbitmqUri());
        assertTrue(options.ferrymqUri().isEmpty());
        assertTrue(options.vmUri().isEmpty());
        assertEquals(ScenarioRunner.Consumption.LISTENER, options.consumption());
    }

    @Test
    void quickShortensRunsButExplicitOptionsWin() {
        JmsBenchOptions quick = JmsBenchOptions.parse(new String[] {"--quick"});
        assertEquals(2, quick.seconds());
        assertEquals(1, quick.repetitions());
        assertEquals(1, quick.warmupSeconds());
        assertTrue(quick.quick());

        JmsBenchOptions mixed = JmsBenchOptions.parse(new String[] {"--quick", "--seconds", "4", "--repetitions", "3"});
        assertEquals(4, mixed.seconds());
        assertEquals(3, mixed.repetitions());
    }

    @Test
    void scenariosByIdOrNumberAndTargetsInAlternationOrder() {
        JmsBenchOptions options = JmsBenchOptions.parse(new String[] {
                "--scenarios", "8,topic-4,8", "--targets", "rabbitmq-jms,ferrymq-amqp"});
        assertEquals(List.of("latency-5k", "topic-4"), options.scenarios().stream().map(JmsScenario::id).toList());
        assertEquals(List.of(TargetId.FERRYMQ_AMQP, TargetId.RABBITMQ_JMS), options.targets());
    }

    @Test
    void urisAndLimits() {
        JmsBenchOptions options = JmsBenchOptions.parse(new String[] {
                "--ferrymq-uri", "amqp://guest:guest@127.0.0.1:5682", "--vm-uri", "vm://default",
                "--max-messages", "50_000", "--drain", "5", "--consume", "receive"});
        assertEquals(ScenarioRunner.Consumption.RECEIVE, options.consumption());
        assertEquals("amqp://guest:guest@127.0.0.1:5682", options.ferrymqUri().orElseThrow());
        assertEquals("vm://default", options.vmUri().orElseThrow());
        assertEquals(50_000, options.runLimits().maxMessages());
        assertEquals(5, options.runLimits().drainTime().toSeconds());
    }

    @Test
    void badInputIsRefusedWithAReason() {
        assertThrows(IllegalArgumentException.class, () -> JmsBenchOptions.parse(new String[] {"--seconds"}));
        assertThrows(IllegalArgumentException.class, () -> JmsBenchOptions.parse(new String[] {"--seconds", "0"}));
        assertThrows(IllegalArgumentException.class, () -> JmsBenchOptions.parse(new String[] {"--seconds", "ten"}));
        assertThrows(IllegalArgumentException.class, () -> JmsBenchOptions.parse(new String[] {"--scenarios", "99"}));
        assertThrows(IllegalArgumentException.class, () -> JmsBenchOptions.parse(new String[] {"--targets", "activemq-classic"}));
        assertThrows(IllegalArgumentException.class, () -> JmsBenchOptions.parse(new String[] {"--frobnicate"}));
        assertThrows(IllegalArgumentException.class, () -> JmsBenchOptions.parse(new String[] {"--consume", "poll"}));
    }

    @Test
    void theGlobalNoBlockOptionIsGoneInFavourOfTheNowaitScenario() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> JmsBenchOptions.parse(new String[] {"--no-block-on-durable-send"}));
        assertTrue(refused.getMessage().contains("queue-p-nowait"), refused.getMessage());
        assertEquals(List.of("queue-p", "queue-p-nowait"),
                JmsBenchOptions.parse(new String[] {"--scenarios", "queue-p,3"}).scenarios().stream().map(JmsScenario::id).toList());
    }
}
