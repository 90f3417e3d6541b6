package org.ferrymq.broker.config;

/**
 * A listener value as RabbitMQ writes it ({@code listeners.tcp.NAME}, {@code listeners.ssl.NAME}):
 * {@code PORT}, {@code HOST:PORT} or {@code [IPv6]:PORT}.
 *
 * @param host the host, or null when only a port was given
 */
record ListenAddress(String host, int port) {

    static ListenAddress parse(ConfigLine line) {
        String v = line.text();
        int colon = v.lastIndexOf(':');
        if (colon < 0) {
            return new ListenAddress(null, port(line, v));
        }
        String host = v.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new ListenAddress(host(line, host), port(line, v.substring(colon + 1)));
    }

    static String host(ConfigLine line, String host) {
        String h = host.strip();
        if (h.isEmpty() || h.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/' || c == '[' || c == ']')) {
            throw line.fail("not a host name or IP address: '" + host + "'");
        }
        return h;
    }

    private static int port(ConfigLine line, String text) {
        try {
            int port = Integer.parseInt(text.strip());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw line.fail("expected PORT, HOST:PORT or [IPv6]:PORT with a port within 0..65535, got '"
                + line.value() + "'");
    }
}
