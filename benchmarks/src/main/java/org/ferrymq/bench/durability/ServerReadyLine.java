package org.ferrymq.bench.durability;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one line {@code FerryServerMain} prints once the broker is up (and has recovered its
 * store): {@code FerryMQ ready: amqp://127.0.0.1:41234 (data dir /var/lib/ferrymq)}.
 */
public final class ServerReadyLine {
    private static final Pattern READY = Pattern.compile("^FerryMQ ready: amqp://(\\S+?):(\\d+) \\(data dir .*\\)$");

    private ServerReadyLine() {
    }

    /** The URI to connect to, with the default guest/guest credentials; empty for any other line. */
    public static Optional<String> amqpUri(String line) {
        Matcher m = READY.matcher(line.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of("amqp://guest:guest@" + m.group(1) + ":" + m.group(2));
    }
}
