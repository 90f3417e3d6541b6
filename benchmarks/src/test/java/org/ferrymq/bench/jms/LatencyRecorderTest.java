package org.ferrymq.bench.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.ferrymq.bench.ConsumerLatency;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    @Test
    void percentilesAreNearestRankOverAllRecordersInMicroseconds() {
        LatencyRecorder a = new LatencyRecorder();
        LatencyRecorder b = new LatencyRecorder();
        for (int micros = 1; micros <= 100; micros++) {
            (micros % 2 == 0 ? a : b).record(micros * 1_000L);   // nanos in, micros out
        }
        ConsumerLatency latency = LatencyRecorder.percentiles(List.of(a, b)).orElseThrow();
        assertEquals(50, latency.p50Micros());
        assertEquals(99, latency.p99Micros());
    }

    @Test
    void growsPastItsInitialCapacity() {
        LatencyRecorder r = new LatencyRecorder();
        for (int i = 0; i < 10_000; i++) {
            r.record(5_000);
        }
        assertEquals(10_000, r.count());
        assertEquals(5, LatencyRecorder.percentiles(List.of(r)).orElseThrow().p99Micros());
    }

    @Test
    void negativeTimesCountAsZeroAndNothingRecordedIsEmpty() {
        LatencyRecorder r = new LatencyRecorder();
        r.record(-10);
        assertEquals(0, LatencyRecorder.percentiles(List.of(r)).orElseThrow().p50Micros());
        assertTrue(LatencyRecorder.percentiles(List.of(new LatencyRecorder())).isEmpty());
    }
}
