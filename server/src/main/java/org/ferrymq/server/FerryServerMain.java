package org.ferrymq.server;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

import org.ferrymq.broker.FerryBroker;
import org.ferrymq.broker.config.BrokerConfig;
import org.ferrymq.broker.config.ConfigException;
import org.ferrymq.broker.config.ManagementListener;
import org.ferrymq.broker.security.PasswordHash;
import org.ferrymq.console.ConsoleServer;
import org.ferrymq.console.ConsoleSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ferrymq} command: starts a broker from the command line and a config file, prints
 * one line when it is ready ({@code FerryMQ ready: amqp://HOST:PORT, console http://HOST:PORT/ (data dir DIR)};
 * without the console part when the console is off) and runs
 * until the JVM is asked to stop (Ctrl-C, SIGTERM), closing the broker on the way out.
 *
 * <p>Exit codes: 0 after a clean stop or for {@code --help}/{@code hash-password}, 2 for a bad
 * command line, 1 for a bad config file or a broker that cannot start (port in use, ...), each
 * with a one-line message on stderr.
 */
public final class FerryServerMain {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    private static final Logger LOG = LoggerFactory.getLogger(FerryServerMain.class);

    private FerryServerMain() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != EXIT_OK) {
            System.exit(code);
        }
    }

    /** Runs the command; for RUN, returns only once the broker has been stopped by the shutdown hook. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        ServerArguments arguments;
        try {
            arguments = ServerArguments.parse(args);
        } catch (ServerArguments.UsageException e) {
            err.println("ferrymq: " + e.getMessage());
            return EXIT_USAGE;
        }
        return switch (arguments.command()) {
            case HELP -> {
                out.println(ServerArguments.USAGE);
                yield EXIT_OK;
            }
            case HASH_PASSWORD -> hashPassword(arguments, out, err);
            case RUN -> serve(arguments, out, err);
        };
    }

    private static int hashPassword(ServerArguments arguments, PrintStream out, PrintStream err) {
        String password = arguments.password();
        if (password == null) {
            password = readPassword(err);
            if (password == null) {
                err.println("ferrymq: hash-password: no password given");
                return EXIT_USAGE;
            }
        }
        out.println(PasswordHash.create(password));
        return EXIT_OK;
    }

    /** From the terminal without echo, or the first line of stdin when piped. */
    private static String readPassword(PrintStream err) {
        Console console = System.console();
        if (console != null) {
            char[] chars = console.readPassword("Password: ");
            return chars == null ? null : new String(chars);
        }
        try {
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            err.println("ferrymq: hash-password: cannot read the password: " + e.getMessage());
            return null;
        }
    }

    private static int serve(ServerArguments arguments, PrintStream out, PrintStream err) {
        BrokerConfig config;
        try {
            config = arguments.brokerConfig();
        } catch (ConfigException e) {
            err.println("ferrymq: " + e.getMessage());
            return EXIT_FAILED;
        } catch (IllegalArgumentException e) {
            err.println("ferrymq: invalid configuration: " + e.getMessage());
            return EXIT_FAILED;
        }

        FerryBroker broker;
        try {
            broker = FerryBroker.builder().config(config).start();
        } catch (Exception e) { // Netty rethrows a failed bind's BindException undeclared
            LOG.debug("Broker failed to start", e);
            err.println("ferrymq: " + startFailure(config, e));
            return EXIT_FAILED;
        }

        ConsoleServer console = null;
        ManagementListener management = config.management();
        if (management != null) {
            try {
                console = ConsoleServer.start(broker.management(), ConsoleSettings.of(management));
            } catch (RuntimeException e) {
                LOG.debug("Console failed to start", e);
                broker.close();
                err.println("ferrymq: " + e.getMessage() + " (try --http-port, or --http-port off)");
                return EXIT_FAILED;
            }
        }
        ConsoleServer startedConsole = console;

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Shutting down");
            try {
                if (startedConsole != null) {
                    startedConsole.close();
                }
                broker.close();
            } finally {
                stopped.countDown();
            }
        }, "ferrymq-shutdown"));

        String tls = config.tls() == null ? ""
                : ", amqps://" + uriHost(config.tls().host()) + ":" + broker.amqpsPort();
        String consoleAddress = console == null ? "" : ", console " + (management.tls() ? "https" : "http") + "://"
                + uriHost(management.host()) + ":" + console.port() + "/";
        out.println("FerryMQ ready: amqp://" + uriHost(broker.host()) + ":" + broker.amqpPort() + tls + consoleAddress
                + " (data dir " + config.dataDir() + ")");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return EXIT_OK;
    }

    /** One line saying why the broker did not start, naming the address when it is already taken. */
    static String startFailure(BrokerConfig config, Throwable e) {
        String address = uriHost(config.host()) + ":" + config.amqpPort();
        for (Throwable t = e; t != null; t = t.getCause()) {
            // the broker names the listener that failed (the AMQP or the AMQPS one)
            if (t.getMessage() != null && t.getMessage().startsWith("cannot listen on ")) {
                address = t.getMessage().substring("cannot listen on ".length()).split(": ", 2)[0];
            }
            if (t instanceof BindException) {
                return "cannot listen on " + address + ": "
                        + (t.getMessage() == null ? "address unavailable" : t.getMessage().toLowerCase(java.util.Locale.ROOT))
                        + " (is another broker running? try --amqp-port)";
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return "broker failed to start: " + message.lines().findFirst().orElse("");
    }

    /** IPv6 literals need brackets in a URI. */
    static String uriHost(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
