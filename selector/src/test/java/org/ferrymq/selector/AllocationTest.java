package org.ferrymq.selector;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Not a benchmark: checks that evaluating a parsed selector allocates (nearly) nothing, so that the
 * broker can evaluate selectors per message without GC pressure. Skipped on JVMs that cannot
 * measure per-thread allocation.
 */
class AllocationTest {

    private static final int EVALUATIONS = 100_000;

    private static long allocatedBytes(Runnable work) {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "per-thread allocation not measurable");
        com.sun.management.ThreadMXBean hotspot = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(hotspot.isThreadAllocatedMemorySupported() && hotspot.isThreadAllocatedMemoryEnabled());
        long id = Thread.currentThread().getId();
        long before = hotspot.getThreadAllocatedBytes(id);
        work.run();
        return hotspot.getThreadAllocatedBytes(id) - before;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "JMSType = 'car' AND color = 'blue' AND weight > 2500",
            "region IN ('EU', 'US', 'APAC') OR region IS NULL",
            "sku LIKE 'A-%-7_' ESCAPE '!' AND NOT (weight BETWEEN 10 AND 20.5)",
            "JMSPriority >= 4 AND JMSTimestamp > 1600000000000 AND urgent"})
    @Timeout(30)
    void comparisonsAndPredicatesDoNotAllocate(String expression) {
        Selector selector = Selector.parse(expression);
        Map<String, Object> values = new HashMap<>();
        values.put("JMSType", "car");
        values.put("color", "blue");
        values.put("weight", 3000);
        values.put("region", "EU");
        values.put("sku", "A-123-7x");
        values.put("JMSPriority", 5);
        values.put("JMSTimestamp", 1700000000000L);
        values.put("urgent", Boolean.TRUE);
        SelectorContext message = values::get;
        boolean[] sink = new boolean[1];
        Runnable evaluate = () -> {
            for (int i = 0; i < EVALUATIONS; i++) {
                sink[0] ^= selector.matches(message);
            }
        };
        evaluate.run(); // warm up so the JIT, not the interpreter, is measured
        evaluate.run();
        long bytes = allocatedBytes(evaluate);
        // allow some noise (measurement, JIT, safepoints) but far below one object per evaluation
        assertTrue(bytes < EVALUATIONS / 10, "allocated " + bytes + " bytes for " + EVALUATIONS + " evaluations");
    }
}
