package org.ferrymq.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class PerfTestSummaryParserTest {

    /** Output of PerfTest 2.22.1 against RabbitMQ 3.10, trimmed. */
    private static final List<String> REAL_OUTPUT = List.of(
            "id: test-092036-760, starting consumer #0",
            "id: test-092036-760, starting producer #0",
            "id: test-092036-760, time 1.006 s, sent: 41100 msg/s, received: 39362 msg/s, min/median/75th/95th/99th consumer latency: 207/39330/173614/251575/272000 µs",
            "id: test-092036-760, time 2.009 s, sent: 35358 msg/s, received: 36845 msg/s, min/median/75th/95th/99th consumer latency: 180/7735/11787/27417/37907 µs",
            "test stopped (Reached time limit)",
            "id: test-092036-760, sending rate avg: 53949 msg/s",
            "id: test-092036-760, receiving rate avg: 53750 msg/s",
            "id: test-092036-760, consumer latency min/median/75th/95th/99th 257/21526/40567/192157/249782 µs");

    @Test
    void readsRatesAndLatencyFromTheFinalSummary() {
        PerfTestSummary summary = PerfTestSummaryParser.parse(REAL_OUTPUT);

        assertEquals(53949, summary.sendRate());
        assertEquals(53750, summary.receiveRate());
        assertEquals(Optional.of(new ConsumerLatency(21526, 249782)), summary.latency());
    }

    /** Output of PerfTest 2.22.1 with --confirm 100 --flag persistent against RabbitMQ 3.10, trimmed. */
    private static final List<String> REAL_OUTPUT_WITH_CONFIRMS = List.of(
            "id: persbench-probe, starting producer #0, channel #0",
            "id: persbench-probe, time 1.003 s, sent: 8012 msg/s, confirmed: 7913 msg/s, nacked: 0 msg/s, received: 7928 msg/s, "
                    + "min/median/75th/95th/99th consumer latency: 321/4927/7362/14892/42162 µs, confirm latency: 538/4940/7199/15179/37243 µs",
            "id: persbench-probe, time 4.002 s, sent: 18905 msg/s, confirmed: 18905 msg/s, nacked: 0 msg/s, received: 18875 msg/s, "
                    + "min/median/75th/95th/99th consumer latency: 331/2166/3008/5622/9798 µs, confirm latency: 921/3729/4872/7729/13201 µs",
            "test stopped (Reached time limit)",
            "id: persbench-probe, sending rate avg: 13593 msg/s",
            "id: persbench-probe, receiving rate avg: 13593 msg/s",
            "id: persbench-probe, consumer latency min/median/75th/95th/99th 284/2691/4677/36813/75822 µs",
            "id: persbench-probe, confirm latency min/median/75th/95th/99th 445/3917/5408/15502/41843 µs");

    @Test
    void readsConfirmLatencyFromTheFinalSummaryNotFromThePerSecondLines() {
        PerfTestSummary summary = PerfTestSummaryParser.parse(REAL_OUTPUT_WITH_CONFIRMS);

        assertEquals(13593, summary.sendRate());
        assertEquals(13593, summary.receiveRate());
        assertEquals(Optional.of(new ConsumerLatency(2691, 75822)), summary.latency());
        assertEquals(Optional.of(new ConfirmLatency(3917, 41843)), summary.confirmLatency());
    }

    @Test
    void readsEachSecondsDeliveryRateWithAndWithoutConfirms() {
        assertEquals(List.of(new SecondRate(1.006, 39362), new SecondRate(2.009, 36845)),
                PerfTestSummaryParser.parse(REAL_OUTPUT).perSecondRates());
        assertEquals(List.of(new SecondRate(1.003, 7928), new SecondRate(4.002, 18875)),
                PerfTestSummaryParser.parse(REAL_OUTPUT_WITH_CONFIRMS).perSecondRates());
    }

    @Test
    void readsEachSecondsConsumerLatency() {
        assertEquals(List.of(new SecondLatency(1.006, 39330, 272000), new SecondLatency(2.009, 7735, 37907)),
                PerfTestSummaryParser.parse(REAL_OUTPUT).perSecond());
        assertEquals(List.of(new SecondLatency(1.003, 4927, 42162), new SecondLatency(4.002, 2166, 9798)),
                PerfTestSummaryParser.parse(REAL_OUTPUT_WITH_CONFIRMS).perSecond(), "the consumer figures, not the confirm ones");
    }

    @Test
    void withoutConfirmsThereIsNoConfirmLatency() {
        assertTrue(PerfTestSummaryParser.parse(REAL_OUTPUT).confirmLatency().isEmpty());
    }

    @Test
    void confirmLatencyInMillisecondsIsConvertedToo() {
        PerfTestSummary summary = PerfTestSummaryParser.parse(List.of(
                "id: t, sending rate avg: 10 msg/s",
                "id: t, receiving rate avg: 10 msg/s",
                "id: t, confirm latency min/median/75th/95th/99th 1/3/4/5/9 ms"));

        assertEquals(Optional.of(new ConfirmLatency(3000, 9000)), summary.confirmLatency());
    }

    @Test
    void convertsMillisecondLatencyToMicroseconds() {
        PerfTestSummary summary = PerfTestSummaryParser.parse(List.of(
                "id: t, sending rate avg: 10 msg/s",
                "id: t, receiving rate avg: 40 msg/s",
                "id: t, consumer latency min/median/75th/95th/99th 1/2/3/4/5 ms"));

        assertEquals(Optional.of(new ConsumerLatency(2000, 5000)), summary.latency());
    }

    @Test
    void latencyIsEmptyWhenNothingWasDelivered() {
        PerfTestSummary summary = PerfTestSummaryParser.parse(List.of(
                "id: t, sending rate avg: 10 msg/s",
                "id: t, receiving rate avg: 0 msg/s"));

        assertTrue(summary.latency().isEmpty());
    }

    @Test
    void outputWithoutSummaryIsRejectedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PerfTestSummaryParser.parse(List.of(
                "id: t, time 1.006 s, sent: 41100 msg/s, received: 39362 msg/s",
                "java.net.ConnectException: Connection refused")));

        assertTrue(e.getMessage().contains("missing sending rate"), e.getMessage());
    }
}
