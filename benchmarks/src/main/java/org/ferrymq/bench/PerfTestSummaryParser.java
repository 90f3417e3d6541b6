package org.ferrymq.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the summary PerfTest 2.x prints when a run ends:
 * <pre>
 * id: test-1, sending rate avg: 53949 msg/s
 * id: test-1, receiving rate avg: 53750 msg/s
 * id: test-1, consumer latency min/median/75th/95th/99th 257/21526/40567/192157/249782 µs
 * id: test-1, confirm latency min/median/75th/95th/99th 445/3917/5408/15502/41843 µs
 * </pre>
 * (the confirm line only with {@code --confirm}), and each second's consumer latency from the
 * per-second lines ("time 1.006 s, sent: ..., min/median/75th/95th/99th consumer latency:
 * 51/2953/18323/25852/28947 µs"). Latency may be in µs or, with {@code --use-millis}, in ms; it
 * is returned in µs; and each second's delivery rate ("received: 39362 msg/s"), for the
 * throughput spread.
 */
public final class PerfTestSummaryParser {
    private static final Pattern SENDING = Pattern.compile("sending rate avg: (\\d+(?:\\.\\d+)?) msg/s");
    private static final Pattern RECEIVING = Pattern.compile("receiving rate avg: (\\d+(?:\\.\\d+)?) msg/s");
    private static final Pattern LATENCY = Pattern.compile(
            "consumer latency min/median/75th/95th/99th (\\d+)/(\\d+)/(\\d+)/(\\d+)/(\\d+) (µs|us|ms)");
    private static final Pattern CONFIRM_LATENCY = Pattern.compile(
            "confirm latency min/median/75th/95th/99th (\\d+)/(\\d+)/(\\d+)/(\\d+)/(\\d+) (µs|us|ms)");

    private static final Pattern SECOND_RECEIVED = Pattern.compile("time (\\d+(?:\\.\\d+)?) s,.* received: (\\d+(?:\\.\\d+)?) msg/s");
    private static final Pattern SECOND = Pattern.compile(
            "time (\\d+(?:\\.\\d+)?) s,.*consumer latency: (\\d+)/(\\d+)/(\\d+)/(\\d+)/(\\d+) (µs|us|ms)");

    private PerfTestSummaryParser() {
    }

    /**
     * @throws IllegalArgumentException when the output has no complete rate summary (PerfTest
     *         failed or was killed); the message says what was missing
     */
    public static PerfTestSummary parse(List<String> outputLines) {
        Double send = null;
        Double receive = null;
        ConsumerLatency latency = null;
        ConfirmLatency confirmLatency = null;
        List<SecondLatency> perSecond = new ArrayList<>();
        List<SecondRate> perSecondRates = new ArrayList<>();
        for (String line : outputLines) {
            Matcher m;
            if ((m = SENDING.matcher(line)).find()) {
                send = Double.parseDouble(m.group(1));
            } else if ((m = RECEIVING.matcher(line)).find()) {
                receive = Double.parseDouble(m.group(1));
            } else if (line.contains(", time ")) {
                // a per-second line: its figures cover one second, not the run
                Matcher rate = SECOND_RECEIVED.matcher(line);
                if (rate.find()) {
                    perSecondRates.add(new SecondRate(Double.parseDouble(rate.group(1)), Double.parseDouble(rate.group(2))));
                }
                if ((m = SECOND.matcher(line)).find()) {
                    long scale = m.group(7).equals("ms") ? 1000 : 1;
                    perSecond.add(new SecondLatency(Double.parseDouble(m.group(1)),
                            Long.parseLong(m.group(3)) * scale, Long.parseLong(m.group(6)) * scale));
                }
            } else if ((m = LATENCY.matcher(line)).find()) {
                latency = new ConsumerLatency(micros(m, 2), micros(m, 5));
            } else if ((m = CONFIRM_LATENCY.matcher(line)).find()) {
                confirmLatency = new ConfirmLatency(micros(m, 2), micros(m, 5));
            }
        }
        if (send == null || receive == null) {
            throw new IllegalArgumentException("no PerfTest summary in output (missing "
                    + (send == null ? "sending rate" : "receiving rate") + ")");
        }
        return new PerfTestSummary(send, receive, Optional.ofNullable(latency), Optional.ofNullable(confirmLatency),
                perSecond, perSecondRates);
    }

    /** Group {@code group} of a latency match in µs, whatever unit the line used (group 6). */
    private static long micros(Matcher m, int group) {
        long scale = m.group(6).equals("ms") ? 1000 : 1;
        return Long.parseLong(m.group(group)) * scale;
    }
}
