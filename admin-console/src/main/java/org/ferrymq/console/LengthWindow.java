package org.ferrymq.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.javalin.http.Context;

import org.ferrymq.broker.management.QueueLengths;

/**
 * RabbitMQ's {@code lengths_age} and {@code lengths_incr} query parameters (seconds): with them a
 * queue's {@code messages_details} (and ready/unacknowledged) carry {@code samples},
 * {@code avg} and {@code avg_rate} besides {@code rate}; without them only {@code rate}.
 * Immutable.
 */
record LengthWindow(long ageMillis, long incrMillis) {
    /** The window asked for, or null when the request has no {@code lengths_age}. */
    static LengthWindow of(Context ctx) {
        String age = ctx.queryParam("lengths_age");
        if (age == null || age.isEmpty()) {
            return null;
        }
        String incr = ctx.queryParam("lengths_incr");
        return new LengthWindow(seconds("lengths_age", age) * 1000L,
                incr == null || incr.isEmpty() ? 5000L : seconds("lengths_incr", incr) * 1000L);
    }

    private static long seconds(String param, String value) {
        try {
            long n = Long.parseLong(value);
            if (n < 1 || n > 86_400) {
                throw ApiException.badRequest(param + " must be 1-86400 seconds");
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(param + " must be a whole number of seconds");
        }
    }

    /** {@code {rate}} or, with a window, {@code {avg, avg_rate, samples: [{sample, timestamp}], rate}}. */
    static Map<String, Object> details(QueueLengths lengths, QueueLengths.Length which, LengthWindow window) {
        double rate = lengths == null ? 0.0 : lengths.rate(which);
        if (window == null) {
            return Map.of("rate", rate);
        }
        List<QueueLengths.Sample> kept = lengths == null ? List.of()
                : lengths.samples(System.currentTimeMillis(), window.ageMillis(), window.incrMillis());
        List<Map<String, Object>> samples = new ArrayList<>(kept.size());
        double sum = 0;
        for (QueueLengths.Sample s : kept) {
            samples.add(Map.of("sample", s.get(which), "timestamp", s.timestampMillis()));
            sum += s.get(which);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("avg", kept.isEmpty() ? 0.0 : sum / kept.size());
        double avgRate = 0.0;
        if (kept.size() > 1) {
            QueueLengths.Sample newest = kept.get(0);
            QueueLengths.Sample oldest = kept.get(kept.size() - 1);
            avgRate = (newest.get(which) - oldest.get(which)) * 1000.0
                    / (newest.timestampMillis() - oldest.timestampMillis());
        }
        m.put("avg_rate", avgRate);
        m.put("samples", samples);
        m.put("rate", rate);
        return m;
    }
}
