package org.ferrymq.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class BrokerScenarioTest {

    @Test
    void theFiveScenariosHaveDistinctIds() {
        List<String> ids = BrokerScenario.standard().stream().map(BrokerScenario::id).toList();

        assertEquals(List.of("direct-16b", "direct-1k", "fanout-4", "topic-4", "latency-5k"), ids);
    }

    @Test
    void fanoutUsesFourQueuesFromAPatternAndTheRunsOwnExchange() {
        BrokerScenario fanout = BrokerScenario.standard().get(2);

        List<String> args = fanout.perfTestArguments("amqp://h:1", "tag", 5);

        assertEquals("fanout", valueOf(args, "--type"));
        assertEquals("bench-tag-x", valueOf(args, "--exchange"));
        assertEquals("bench-tag-q%d", valueOf(args, "--queue-pattern"));
        assertEquals("4", valueOf(args, "--queue-pattern-to"));
        assertEquals("4", valueOf(args, "--consumers"));
        assertEquals("5", valueOf(args, "--time"));
        assertTrue(args.contains("--autoack"));
        assertFalse(args.contains("--rate"));
    }

    @Test
    void latencyScenarioLimitsTheProducerTo5000PerSecond() {
        BrokerScenario latency = BrokerScenario.standard().get(4);

        List<String> args = latency.perfTestArguments("amqp://h:1", "tag", 20);

        assertEquals("5000", valueOf(args, "--rate"));
        assertEquals("bench-tag-q", valueOf(args, "--queue"));
    }

    @Test
    void secondScenarioSendsOneKibibyte() {
        assertEquals("1024", valueOf(BrokerScenario.standard().get(1).perfTestArguments("amqp://h:1", "t", 5), "--size"));
    }

    @Test
    void persistentScenariosUseADurableQueueConfirmsAndManualAcks() {
        BrokerScenario fourByFour = BrokerScenario.durability().get(3);

        List<String> args = fourByFour.perfTestArguments("amqp://h:1", "tag", 5);

        assertEquals("persistent-4k-4x4", fourByFour.id());
        assertEquals("4", valueOf(args, "--producers"));
        assertEquals("4", valueOf(args, "--consumers"));
        assertEquals("4096", valueOf(args, "--size"));
        assertEquals("persistent", valueOf(args, "--flag"));
        assertEquals("100", valueOf(args, "--confirm"));
        assertEquals("100", valueOf(args, "--multi-ack-every"));
        assertEquals("200", valueOf(args, "--qos"));
        assertEquals("false", valueOf(args, "--auto-delete"));
        assertEquals("bench-tag-q", valueOf(args, "--queue"));
        assertFalse(args.contains("--autoack"));
        assertEquals(List.of("bench-tag-q"), fourByFour.queueNames("tag"));
    }

    @Test
    void queueNamesFollowThePatternPerfTestUses() {
        assertEquals(List.of("bench-t-q1", "bench-t-q2", "bench-t-q3", "bench-t-q4"), BrokerScenario.standard().get(2).queueNames("t"));
    }

    private static String valueOf(List<String> args, String option) {
        int index = args.indexOf(option);
        assertTrue(index >= 0 && index + 1 < args.size(), option + " missing in " + args);
        assertEquals(1, Collections.frequency(args, option), option + " repeated");
        return args.get(index + 1);
    }
}
