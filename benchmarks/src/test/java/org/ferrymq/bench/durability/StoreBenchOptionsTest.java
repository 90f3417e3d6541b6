package org.ferrymq.bench.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class StoreBenchOptionsTest {

    @Test
    void eachBenchmarkHasItsOwnDefaults() {
        StoreBenchOptions recovery = StoreBenchOptions.parse(new String[0], RecoveryBench.DEFAULTS);
        StoreBenchOptions memory = StoreBenchOptions.parse(new String[0], MemoryBench.DEFAULTS);

        assertEquals(1_000_000, recovery.messages());
        assertEquals(100, recovery.sizeBytes());
        assertEquals(5_000_000, memory.messages());
        assertEquals(1024, memory.sizeBytes());
        assertEquals(512L << 20, memory.brokerHeapBytes());
        assertEquals(Path.of("benchmarks", "target", "store-data"), memory.dataDir());
        assertTrue(recovery.withRabbitmq());
        assertEquals(5692, recovery.rabbitmqPort());
    }

    @Test
    void rabbitMqCanBeSkippedOrMoved() {
        StoreBenchOptions options = StoreBenchOptions.parse(new String[] {"--skip-rabbitmq", "--rabbitmq-port", "5699"}, RecoveryBench.DEFAULTS);
        assertEquals(false, options.withRabbitmq());
        assertEquals(5699, options.rabbitmqPort());
        assertEquals("--rabbitmq-port must not be 5682, the shared RabbitMQ peer's port", assertThrows(IllegalArgumentException.class,
                () -> StoreBenchOptions.parse(new String[] {"--rabbitmq-port", "5682"}, RecoveryBench.DEFAULTS)).getMessage());
    }

    @Test
    void quickShrinksTheCountButAnExplicitCountWins() {
        assertEquals(100_000, StoreBenchOptions.parse(new String[] {"--quick"}, RecoveryBench.DEFAULTS).messages());
        assertEquals(200_000, StoreBenchOptions.parse(new String[] {"--quick"}, MemoryBench.DEFAULTS).messages());
        StoreBenchOptions both = StoreBenchOptions.parse(new String[] {"--messages", "1_500", "--quick"}, MemoryBench.DEFAULTS);
        assertEquals(1_500, both.messages());
        assertTrue(both.quick());
    }

    @Test
    void heapSizesAreReadLikeTheJvmReadsThem() {
        assertEquals(1L << 30, StoreBenchOptions.heapBytes("1g"));
        assertEquals(768L << 20, StoreBenchOptions.heapBytes("768M"));
        assertEquals(4096, StoreBenchOptions.heapBytes("4096"));
    }

    @Test
    void mistakesAreReportedByName() {
        assertEquals("unknown option --bogus", assertThrows(IllegalArgumentException.class,
                () -> StoreBenchOptions.parse(new String[] {"--bogus"}, RecoveryBench.DEFAULTS)).getMessage());
        assertEquals("--messages must be at least 1", assertThrows(IllegalArgumentException.class,
                () -> StoreBenchOptions.parse(new String[] {"--messages", "0"}, RecoveryBench.DEFAULTS)).getMessage());
        assertEquals("--broker-heap needs a size like 512m or 1g, not lots", assertThrows(IllegalArgumentException.class,
                () -> StoreBenchOptions.parse(new String[] {"--broker-heap", "lots"}, RecoveryBench.DEFAULTS)).getMessage());
    }
}
