package org.ferrymq.ra.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** The Arquillian-managed WildFly's server.log from a point on: what a test made the server log. */
public final class ServerLog {
    private final Path file;
    private final long start;

    private ServerLog(Path file, long start) {
        this.file = file;
        this.start = start;
    }

    /** The log from now on. */
    public static ServerLog fromNow() throws IOException {
        Path file = Path.of(System.getProperty("jboss.home"), "standalone/log/server.log");
        return new ServerLog(file, Files.size(file));
    }

    public String text() throws IOException {
        byte[] all = Files.readAllBytes(file);
        return new String(all, (int) start, all.length - (int) start, StandardCharsets.UTF_8);
    }

    /** Lines containing {@code what}. */
    public int occurrences(String what) throws IOException {
        return (int) text().lines().filter(l -> l.contains(what)).count();
    }

    /** The adapter's activation lines (lost, reconnected), for a failure's message. */
    public String activationLines() throws IOException {
        return text().lines().filter(l -> l.contains("FerryMQ activation")).collect(Collectors.joining("\n"));
    }
}
