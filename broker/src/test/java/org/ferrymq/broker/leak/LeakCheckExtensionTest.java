package org.ferrymq.broker.leak;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The build's leak check can fail: a buffer dropped unreleased is reported. */
class LeakCheckExtensionTest {
    @Test
    void anUnreleasedBufferIsReported() throws Exception {
        Assumptions.assumeTrue(LeakRecordingDetector.installed(), "runs with the broker pom's leak detection settings");
        LeakCheckExtension.collect(); // whatever earlier tests left is theirs
        leakOne();
        var leaks = LeakCheckExtension.collect();
        assertThat(leaks).isNotEmpty();
        assertThat(leaks.get(0)).startsWith("LEAK: ByteBuf.release() was not called").contains(LeakRecordingDetector.SELF_TEST_HINT);
    }

    private static void leakOne() {
        ByteBuf leaked = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        leaked.writeLong(42);
        leaked.touch(LeakRecordingDetector.SELF_TEST_HINT);
    }
}
