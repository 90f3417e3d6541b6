package org.ferrymq.bench.jms;

import java.util.Locale;
import java.util.OptionalDouble;

/** How figures are written in the report's cells. */
final class Cells {
    private static final int TEXT_LIMIT = 60;

    private Cells() {
    }

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String ratio(OptionalDouble ratio) {
        return ratio.isPresent() ? String.format(Locale.ROOT, "%.2f×", ratio.getAsDouble()) : "—";
    }

    /** 850 µs, 4.32 ms, 12.3 ms, 261 ms, 2.75 s: three significant figures is all these carry. */
    static String micros(long micros) {
        if (micros < 1_000) {
            return micros + " µs";
        }
        double millis = micros / 1000.0;
        if (millis >= 1000) {
            return String.format(Locale.ROOT, millis < 10_000 ? "%.2f s" : "%.1f s", millis / 1000);
        }
        return String.format(Locale.ROOT, millis < 10 ? "%.2f ms" : millis < 100 ? "%.1f ms" : "%.0f ms", millis);
    }

    /** The headline of a failure ("not available", "broker failed to start"); the run table has the details. */
    static String headline(String text) {
        int detail = text.indexOf(": ");
        String escaped = escape(detail > 0 ? text.substring(0, detail) : text);
        return escaped.length() <= TEXT_LIMIT ? escaped : escaped.substring(0, TEXT_LIMIT) + "…";
    }

    static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ").replace("\r", " ");
    }
}
