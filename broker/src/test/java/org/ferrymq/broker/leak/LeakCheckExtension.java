package org.ferrymq.broker.leak;

import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reported a leaked buffer ({@code LEAK:}) while it ran: after the
 * class it collects garbage, makes Netty look for collected unreleased buffers (it does so when
 * it tracks a new one) and fails with the reports, which carry the buffer's access records.
 * Registered for every broker test by JUnit's extension auto-detection
 * ({@code META-INF/services} and {@code junit-platform.properties} in the test resources).
 * A leak found after a class may have been caused by an earlier one: the records say where.
 */
public final class LeakCheckExtension implements AfterAllCallback {
    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        List<String> leaks = collect();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " Netty buffer leak(s) reported during or before "
                    + context.getDisplayName() + ":\n" + String.join("\n\n", leaks));
        }
    }

    /** Forces the leak detector to report what has been collected unreleased; returns the reports. */
    public static List<String> collect() throws InterruptedException {
        List<String> leaks = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            System.gc();
            Thread.sleep(50);
            // the detector polls its reference queue whenever it starts tracking a buffer
            for (int i = 0; i < 8; i++) {
                release(PooledByteBufAllocator.DEFAULT.directBuffer(16));
                release(PooledByteBufAllocator.DEFAULT.heapBuffer(16));
                release(UnpooledByteBufAllocator.DEFAULT.directBuffer(16));
            }
            leaks.addAll(LeakRecordingDetector.drain());
        }
        return leaks;
    }

    private static void release(ByteBuf buf) {
        buf.release();
    }
}
