package org.ferrymq.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void defaultsAreTwentySecondsThreeRepetitionsAllScenarios() {
        BenchOptions options = BenchOptions.parse(new String[0]);

        assertEquals(20, options.seconds());
        assertEquals(3, options.repetitions());
        assertEquals(10, options.warmupSeconds());
        assertEquals(5, options.scenarios().size());
        assertEquals(BenchOptions.DEFAULT_RABBITMQ_URI, options.rabbitmqUri());
        assertTrue(options.ferrymqUri().isEmpty());
    }

    @Test
    void quickShortensEverythingButExplicitOptionsWinWhateverTheOrder() {
        BenchOptions options = BenchOptions.parse(new String[] {"--repetitions", "3", "--quick"});

        assertEquals(5, options.seconds());
        assertEquals(3, options.repetitions());
        assertEquals(3, options.warmupSeconds());
        assertTrue(options.quick());
    }

    @Test
    void scenariosAreChosenByNumberOrIdInTheGivenOrder() {
        BenchOptions options = BenchOptions.parse(new String[] {"--scenarios", "5,fanout-4,1"});

        assertEquals(List.of("latency-5k", "fanout-4", "direct-16b"), options.scenarios().stream().map(BrokerScenario::id).toList());
    }

    @Test
    void defaultRunIsTheBrokerSuiteWithItsDataOnTheCheckoutsDisk() {
        BenchOptions options = BenchOptions.parse(new String[0]);

        assertEquals(Suite.BROKER, options.suite());
        assertEquals(BenchOptions.DEFAULT_BROKER_DATA_DIR, options.brokerDataDir());
    }

    @Test
    void durabilitySuiteRunsTheFourPersistentScenarios() {
        List<String> expected = List.of("persistent-16b", "persistent-4k", "persistent-16b-4x4", "persistent-4k-4x4");

        for (String[] args : List.of(new String[] {"--suite", "durability"}, new String[] {"--scenarios", "persistent"})) {
            BenchOptions options = BenchOptions.parse(args);
            assertEquals(Suite.DURABILITY, options.suite());
            assertEquals(expected, options.scenarios().stream().map(BrokerScenario::id).toList());
        }
    }

    @Test
    void persistentScenarioIdsImplyTheDurabilitySuiteAndNumbersCountWithinTheSuite() {
        assertEquals(List.of("persistent-4k-4x4"),
                BenchOptions.parse(new String[] {"--scenarios", "persistent-4k-4x4"}).scenarios().stream().map(BrokerScenario::id).toList());
        assertEquals(List.of("persistent-4k"),
                BenchOptions.parse(new String[] {"--suite", "durability", "--scenarios", "2"}).scenarios().stream().map(BrokerScenario::id).toList());
        assertEquals("unknown scenario direct-16b in suite durability",
                assertThrows(IllegalArgumentException.class,
                        () -> BenchOptions.parse(new String[] {"--scenarios", "persistent-4k,direct-16b"})).getMessage());
        assertEquals("unknown suite bogus (broker or durability)",
                assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--suite", "bogus"})).getMessage());
    }

    @Test
    void externalFerryMqUriIsKept() {
        BenchOptions options = BenchOptions.parse(new String[] {"--ferrymq-uri", "amqp://127.0.0.1:5682"});

        assertEquals(Optional.of("amqp://127.0.0.1:5682"), options.ferrymqUri());
    }

    @Test
    void mistakesAreReportedByName() {
        assertEquals("unknown option --bogus",
                assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--bogus"})).getMessage());
        assertEquals("unknown scenario 9",
                assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--scenarios", "9"})).getMessage());
        assertEquals("--seconds must be at least 1",
                assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--seconds", "0"})).getMessage());
        assertEquals("--seconds needs a value",
                assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--seconds"})).getMessage());
    }
}
