package org.ferrymq.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

class MedianTest {

    @Test
    void middleValueOfAnOddCount() {
        assertEquals(OptionalDouble.of(5), Median.of(List.of(9, 1, 5)));
    }

    @Test
    void meanOfTheMiddleTwoOfAnEvenCount() {
        assertEquals(OptionalDouble.of(15), Median.of(List.of(20.0, 10.0)));
    }

    @Test
    void nothingForNoValues() {
        assertEquals(OptionalDouble.empty(), Median.of(List.<Double>of()));
    }
}
