package org.ferrymq.broker.config;

import java.nio.file.Path;
import java.util.Locale;

/**
 * One {@code key = value} setting of a config file, knowing where it came from so that every
 * value parser can fail with the file, line and key. Values are taken literally after trimming
 * (there are no inline comments: {@code #} inside a value, say in a password, is kept).
 */
record ConfigLine(Path file, int number, String key, String value) {

    ConfigException fail(String reason) {
        return new ConfigException(file, number, key, reason);
    }

    ConfigException fail(String reason, Throwable cause) {
        return new ConfigException(file, number, key, reason, cause);
    }

    /** This line sets what {@code earlier} already set; {@code why} says why only one may. */
    ConfigException conflict(ConfigLine earlier, String why) {
        return fail("conflicts with " + earlier.key() + " on line " + earlier.number() + " (" + why + ")");
    }

    /** The value, which must not be empty. */
    String text() {
        if (value.isEmpty()) {
            throw fail("a value is required");
        }
        return value;
    }

    /** The part of the key after {@code prefix}, which must not be empty. */
    String keySuffix(String prefix) {
        String rest = key.substring(prefix.length());
        if (rest.isEmpty()) {
            throw fail("the key needs a name after '" + prefix + "'");
        }
        return rest;
    }

    int intValue(int min, int max) {
        long v = longValue(text());
        if (v < min || v > max) {
            throw fail("must be within " + min + ".." + max + ", got " + value);
        }
        return (int) v;
    }

    /**
     * A size in bytes: a whole number, optionally followed by {@code KB}, {@code MB} or
     * {@code GB} (powers of 1024, any case), as RabbitMQ's {@code bytesize} values.
     */
    long byteSize(long min, long max) {
        String v = text().replace(" ", "");
        String upper = v.toUpperCase(Locale.ROOT);
        long unit = 1;
        if (upper.endsWith("KB")) {
            unit = 1024L;
        } else if (upper.endsWith("MB")) {
            unit = 1024L * 1024;
        } else if (upper.endsWith("GB")) {
            unit = 1024L * 1024 * 1024;
        }
        String digits = unit == 1 ? v : v.substring(0, v.length() - 2);
        long n;
        try {
            n = Math.multiplyExact(Long.parseLong(digits), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw fail("expected a size in bytes (e.g. 131072, 128KB, 64MB), got '" + value + "'");
        }
        if (n < min || n > max) {
            throw fail("must be within " + min + ".." + max + " bytes, got " + value);
        }
        return n;
    }

    /** A number within (0, 1], as RabbitMQ's relative watermarks. */
    double fraction() {
        double v;
        try {
            v = Double.parseDouble(text());
        } catch (NumberFormatException e) {
            throw fail("expected a fraction such as 0.4, got '" + value + "'");
        }
        if (!(v > 0 && v <= 1)) {
            throw fail("must be above 0 and at most 1, got " + value);
        }
        return v;
    }

    boolean booleanValue() {
        return switch (text()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw fail("expected true or false, got '" + value + "'");
        };
    }

    private long longValue(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw fail("expected a whole number, got '" + text + "'");
        }
    }
}
