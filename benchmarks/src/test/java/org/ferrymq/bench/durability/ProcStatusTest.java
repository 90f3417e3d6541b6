package org.ferrymq.bench.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ProcStatusTest {

    @Test
    void readsCurrentAndPeakResidentSizeInBytes() {
        List<String> status = List.of(
                "Name:\tjava",
                "VmPeak:\t 4308996 kB",
                "VmHWM:\t  600412 kB",
                "VmRSS:\t  515220 kB",
                "Threads:\t30");

        assertEquals(Optional.of(new ProcStatus(515_220L * 1024, 600_412L * 1024)), ProcStatus.parse(status));
    }

    @Test
    void aKernelThreadWithoutMemoryLinesHasNoFigures() {
        assertTrue(ProcStatus.parse(List.of("Name:\tkthreadd", "State:\tS (sleeping)")).isEmpty());
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void thisJvmHasAResidentSet() throws IOException {
        ProcStatus self = ProcStatus.of(ProcessHandle.current().pid());
        assertTrue(self.rssBytes() > 0 && self.peakRssBytes() >= self.rssBytes(), self.toString());
    }
}
