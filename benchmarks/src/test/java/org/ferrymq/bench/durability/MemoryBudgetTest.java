package org.ferrymq.bench.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class MemoryBudgetTest {

    @Test
    void budgetIsTheJvmLimitsPlusTheNativeAllowance() {
        MemoryBudget budget = MemoryBudget.forHeap(512L << 20);

        assertEquals(1024L << 20, budget.totalBytes());
        assertEquals(List.of("-Xmx512m", "-XX:MaxDirectMemorySize=128m", "-XX:MaxMetaspaceSize=128m",
                "-XX:ReservedCodeCacheSize=64m", "-XX:NativeMemoryTracking=summary"), budget.jvmOptions());
        assertEquals("heap 512 MiB + direct memory 128 MiB + metaspace 128 MiB + code cache 64 MiB + 192 MiB native allowance = 1,024 MiB",
                budget.describe());
    }

    @Test
    void fiveMillionKibibyteMessagesNeedAboutTwelveGigabytesFree() {
        assertEquals(5_000_000L * 1280 * 2 + (1L << 30), DiskSpace.needed(5_000_000, 1024));
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void notEnoughDiskIsReportedBeforeAnythingIsWritten(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> DiskSpace.check(dir, Long.MAX_VALUE / 4096, 1024));
        assertEquals(true, e.getMessage().startsWith("not enough free disk for "), e.getMessage());
    }
}
