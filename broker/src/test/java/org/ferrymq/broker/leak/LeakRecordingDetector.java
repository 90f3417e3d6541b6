package org.ferrymq.broker.leak;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.util.ResourceLeakDetector;

/**
 * Netty's leak detector, which also keeps every {@code LEAK:} report so that the build can fail on
 * it ({@link LeakCheckExtension}); Netty itself only logs them. Installed for the broker's tests with
 * {@code -Dio.netty.customResourceLeakDetector} (see the broker's pom), next to
 * {@code -Dio.netty.leakDetection.level=paranoid}, which tracks every buffer.
 *
 * <p>Thread-safe: Netty reports from whichever thread allocates after the leaked buffer was collected.
 */
public final class LeakRecordingDetector<T> extends ResourceLeakDetector<T> {
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();
    /**
     * A {@code touch} hint marking the leak {@link LeakCheckExtensionTest} makes on purpose: recorded, not
     * logged, so that CI's search of the test output for {@code LEAK:} finds only real ones.
     */
    static final String SELF_TEST_HINT = "ferrymq-deliberate-leak-for-the-leak-check-self-test";

    public LeakRecordingDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
        super(resourceType, samplingInterval, maxActive);
    }

    public LeakRecordingDetector(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        LEAKS.add("LEAK: " + resourceType + ".release() was not called before it's garbage-collected." + records);
        if (!records.contains(SELF_TEST_HINT)) {
            super.reportTracedLeak(resourceType, records);
        }
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        LEAKS.add("LEAK: " + resourceType + ".release() was not called before it's garbage-collected.");
        super.reportUntracedLeak(resourceType);
    }

    /** Whether Netty instantiated this class (the tests run with the system property set). */
    static boolean installed() {
        return LeakRecordingDetector.class.getName().equals(System.getProperty("io.netty.customResourceLeakDetector"));
    }

    /** Takes the reports recorded so far. */
    static List<String> drain() {
        List<String> taken = List.copyOf(LEAKS);
        LEAKS.removeAll(taken);
        return taken;
    }
}
