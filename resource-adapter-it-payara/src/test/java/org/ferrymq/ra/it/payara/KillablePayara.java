package org.ferrymq.ra.it.payara;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Payara domain of its own, started and SIGKILLed by the test (not by Arquillian, whose server
 * the other test classes share): created fresh by {@code prepare-domain.sh} with its own port base,
 * started with {@code asadmin start-domain}, killed through the pid the domain writes.
 * Used from the test thread only.
 */
final class KillablePayara implements AutoCloseable {
    private final Path home;
    private final String domain;
    private final int portbase;

    KillablePayara(Path home, String domain, int portbase) {
        this.home = home;
        this.domain = domain;
        this.portbase = portbase;
    }

    int adminPort() {
        return portbase + 48;
    }

    Path domainDir() {
        return home.resolve("glassfish/domains").resolve(domain);
    }

    /**
     * A new domain (an old one of this name, from an earlier run, is deleted first), with Payara's
     * built-in OpenMQ disabled (see prepare-domain.sh: it breaks restarts with automatic recovery on).
     */
    void create() throws IOException {
        if (Files.exists(domainDir())) {
            run(List.of(home.resolve("bin/asadmin").toString(), "delete-domain", domain));
        }
        run(List.of("bash", Path.of("src/test/payara/prepare-domain.sh").toAbsolutePath().toString(),
                home.toString(), domain, String.valueOf(portbase), "DISABLED"));
    }

    /** This domain's transaction manager identity, for the test's output. */
    String transactionIdentity() {
        return Payara.transactionIdentity(domainDir());
    }

    /** {@code asadmin start-domain}: returns once the server is up. */
    void start() {
        run(List.of(home.resolve("bin/asadmin").toString(), "start-domain", domain));
    }

    long pid() {
        try {
            return Long.parseLong(Files.readString(domainDir().resolve("config/pid")).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean alive() {
        return ProcessHandle.of(pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    /** SIGKILL, as a crash: no shutdown hook, no clean close of anything. */
    void kill() throws Exception {
        long pid = pid();
        run(List.of("kill", "-9", String.valueOf(pid)));
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(60, TimeUnit.SECONDS).join());
    }

    String asadmin(String... args) {
        return Payara.asadminAt(adminPort(), args);
    }

    String serverLog() {
        try {
            return Files.readString(domainDir().resolve("logs/server.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String run(List<String> command) {
        return Payara.run(command, Map.of(), 0);
    }

    @Override
    public void close() {
        try {
            run(List.of(home.resolve("bin/asadmin").toString(), "stop-domain", "--kill=true", domain));
        } catch (RuntimeException e) {
            System.out.println("stop-domain " + domain + ": " + e.getMessage());
        }
    }
}
