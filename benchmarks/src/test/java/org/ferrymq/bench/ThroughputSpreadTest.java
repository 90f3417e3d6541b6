package org.ferrymq.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ThroughputSpreadTest {

    @Test
    void leavesOutTheFirstFiveSecondsAndDividesTheStandardDeviationByTheMean() {
        List<SecondRate> rates = new ArrayList<>();
        rates.add(new SecondRate(1.0, 5_000));      // warm-up seconds: ignored however wild
        rates.add(new SecondRate(3.0, 90_000));
        rates.add(new SecondRate(5.2, 1_000));
        rates.add(new SecondRate(6.0, 40_000));
        rates.add(new SecondRate(7.0, 60_000));
        rates.add(new SecondRate(8.0, 40_000));
        rates.add(new SecondRate(9.0, 60_000));
        // mean 50,000, population standard deviation 10,000
        assertEquals(0.2, ThroughputSpread.coefficientOfVariation(rates).orElseThrow(), 1e-9);
    }

    @Test
    void aSteadyRunHasNoSpread() {
        List<SecondRate> rates = List.of(new SecondRate(6, 30_000), new SecondRate(7, 30_000), new SecondRate(8, 30_000));
        assertEquals(0.0, ThroughputSpread.coefficientOfVariation(rates).orElseThrow(), 1e-12);
    }

    @Test
    void tooFewSteadySecondsOrNothingDeliveredSayNothing() {
        assertTrue(ThroughputSpread.coefficientOfVariation(List.of(new SecondRate(6, 1), new SecondRate(7, 2))).isEmpty());
        assertTrue(ThroughputSpread.coefficientOfVariation(List.of(new SecondRate(1, 1), new SecondRate(2, 2),
                new SecondRate(3, 3), new SecondRate(4, 4))).isEmpty());
        assertTrue(ThroughputSpread.coefficientOfVariation(List.of(new SecondRate(6, 0), new SecondRate(7, 0),
                new SecondRate(8, 0))).isEmpty());
    }
}
