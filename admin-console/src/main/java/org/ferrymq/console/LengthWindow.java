package org.ferrymq.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.javalin.http.Context;

import org.ferrymq.broker.management.QueueLengths;

/**
 * RabbitMQ's {@code lengths_age} and {@code lengths_incr} query parameters (seconds): with them a
 * queue's {@code messages_details} (and ready/unacknowledged) carry {@code samples},
 * {@code avg} and {@code avg_rate} besides {@code rate} (see {@link SampleWindow}); without them
 * only {@code rate}. Immutable.
 */
record LengthWindow(SampleWindow window) {
    /** The window asked for, or null when the request has no {@code lengths_age}. */
    static LengthWindow of(Context ctx) {
        SampleWindow w = SampleWindow.of(ctx, "lengths_age", "lengths_incr");
        return w == null ? null : new LengthWindow(w);
    }

    /** {@code {rate}} or, with a window, {@code {avg, avg_rate, rate, samples: [{sample, timestamp}]}}. */
    static Map<String, Object> details(QueueLengths lengths, QueueLengths.Length which, long current,
                                       LengthWindow window) {
        double rate = lengths == null ? 0.0 : lengths.rate(which);
        if (window == null) {
            return Map.of("rate", rate);
        }
        long now = System.currentTimeMillis();
        List<SampleWindow.Point> kept = new ArrayList<>();
        if (lengths != null) {
            // every kept sample in the window (1 ms apart at least: all of them); aligned afterwards
            for (QueueLengths.Sample s : lengths.samples(now, window.window().ageMillis() + window.window().incrMillis(), 1)) {
                kept.add(new SampleWindow.Point(s.timestampMillis(), s.get(which)));
            }
        }
        return SampleWindow.details(rate, window.window(), kept, current, now);
    }
}
