package org.ferrymq.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.javalin.http.Context;

/**
 * RabbitMQ's sample windows: {@code lengths_age}/{@code lengths_incr} for queue lengths,
 * {@code msg_rates_age}/{@code msg_rates_incr} for message counts and
 * {@code data_rates_age}/{@code data_rates_incr} for octets (seconds). With one, a
 * {@code *_details} object carries, as RabbitMQ 3.10's does, {@code samples} (the value at each
 * {@code incr}-aligned instant of the last {@code age} seconds, newest first), {@code avg} (their
 * mean), {@code avg_rate} (change per second from the oldest to the newest) and {@code rate};
 * without one only {@code rate}. Instants before the first sample FerryMQ kept are left out
 * rather than invented (RabbitMQ shows zeros there). Immutable.
 */
record SampleWindow(long ageMillis, long incrMillis) {
    /** One kept value of a length or count. */
    record Point(long timestampMillis, long value) {
    }

    /** The window a request asks for with {@code ageParam}/{@code incrParam}, or null without {@code ageParam}. */
    static SampleWindow of(Context ctx, String ageParam, String incrParam) {
        String age = ctx.queryParam(ageParam);
        if (age == null || age.isEmpty()) {
            return null;
        }
        String incr = ctx.queryParam(incrParam);
        return new SampleWindow(seconds(ageParam, age) * 1000L,
                incr == null || incr.isEmpty() ? 5000L : seconds(incrParam, incr) * 1000L);
    }

    /** {@code msg_rates_age}/{@code msg_rates_incr}, or null. */
    static SampleWindow msgRates(Context ctx) {
        return of(ctx, "msg_rates_age", "msg_rates_incr");
    }

    /** {@code data_rates_age}/{@code data_rates_incr} (connection and vhost octets), or null. */
    static SampleWindow dataRates(Context ctx) {
        return of(ctx, "data_rates_age", "data_rates_incr");
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

    /** {@code {rate}}, or with a window {@code {avg, avg_rate, rate, samples}}. */
    static Map<String, Object> details(double rate, SampleWindow window, List<Point> keptNewestFirst,
                                       long current, long nowMillis) {
        if (window == null) {
            return Map.of("rate", rate);
        }
        List<Point> aligned = window.align(keptNewestFirst, current, nowMillis);
        List<Map<String, Object>> samples = new ArrayList<>(aligned.size());
        double sum = 0;
        for (Point p : aligned) {
            samples.add(Map.of("sample", p.value(), "timestamp", p.timestampMillis()));
            sum += p.value();
        }
        double avgRate = 0.0;
        if (aligned.size() > 1) {
            Point newest = aligned.get(0);
            Point oldest = aligned.get(aligned.size() - 1);
            avgRate = (newest.value() - oldest.value()) * 1000.0 / (newest.timestampMillis() - oldest.timestampMillis());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("avg", aligned.isEmpty() ? 0.0 : sum / aligned.size());
        m.put("avg_rate", avgRate);
        m.put("rate", rate);
        m.put("samples", samples);
        return m;
    }

    /**
     * The value at {@code now} rounded down to {@code incr}, and at each {@code incr} before it
     * back to {@code age}: the newest kept point at or before each instant. With nothing kept yet,
     * the current value at the newest instant.
     */
    List<Point> align(List<Point> keptNewestFirst, long current, long nowMillis) {
        long newestInstant = nowMillis - Math.floorMod(nowMillis, incrMillis);
        List<Point> out = new ArrayList<>();
        int i = 0;
        for (long t = newestInstant; t >= newestInstant - ageMillis; t -= incrMillis) {
            while (i < keptNewestFirst.size() && keptNewestFirst.get(i).timestampMillis() > t) {
                i++;
            }
            if (i == keptNewestFirst.size()) {
                break;
            }
            out.add(new Point(t, keptNewestFirst.get(i).value()));
        }
        if (out.isEmpty()) {
            out.add(new Point(newestInstant, current));
        }
        return out;
    }
}
