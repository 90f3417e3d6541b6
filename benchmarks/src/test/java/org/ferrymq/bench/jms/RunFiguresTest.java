package org.ferrymq.bench.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class RunFiguresTest {

    @Test
    void ratesAreCountsOverTheirOwnIntervals() {
        RunFigures f = new RunFigures(1_000, 0, 4_000, 0, 0, 0, 2.0, 4.0, Optional.empty(), false);
        assertEquals(500, f.sendRate(), 1e-9);
        assertEquals(1_000, f.deliverRate(), 1e-9);
        assertEquals(0, f.violations());
        assertEquals("", f.violationText());
    }

    @Test
    void missingMessagesAfterADrainTimeoutAreCalledLateOrLostNotJustMissing() {
        RunFigures lost = new RunFigures(1_000, 0, 990, 0, 10, 0, 1.0, 1.0, Optional.empty(), false);
        RunFigures late = new RunFigures(1_000, 0, 990, 0, 10, 0, 1.0, 1.0, Optional.empty(), true);
        assertEquals("10 missing", lost.violationText());
        assertEquals("10 not received by the end of the drain time", late.violationText());
        assertEquals(10, late.violations());
    }

    @Test
    void aRunWithNothingDeliveredHasNoRate() {
        assertEquals(0, new RunFigures(0, 0, 0, 0, 0, 0, 0, 0, Optional.empty(), false).deliverRate());
    }
}
