package org.ferrymq.server;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import org.ferrymq.broker.config.BrokerConfig;
import org.ferrymq.broker.config.BrokerConfigFile;

/**
 * The parsed command line of {@code ferrymq}. Options left out are {@code null} so that the
 * config file (or the default) applies: precedence is defaults &lt; config file &lt; command line.
 *
 * @param command        what to do
 * @param amqpPort       {@code --amqp-port}; 0 picks a free port
 * @param dataDir        {@code --data-dir}
 * @param configFile     {@code --config}
 * @param bind           {@code --bind}, the address the AMQP listener binds to
 * @param password       the password given to {@code hash-password}, or {@code null} to prompt for it
 * @param httpPort       {@code --http-port}: the admin console's port; 0 (or {@code off}) disables it
 */
public record ServerArguments(Command command, Integer amqpPort, Path dataDir, Path configFile, String bind,
        String password, Integer httpPort) {

    public enum Command { RUN, HELP, HASH_PASSWORD }

    public static final String USAGE = """
            Usage: ferrymq [options]              start the broker
                   ferrymq hash-password [PW]     print a password hash for users.NAME.password_hash
                                                  (prompts for the password if PW is left out)
            Options:
              --amqp-port N    AMQP port (default 5672; 0 picks a free port)
              --http-port N    admin console and management HTTP API port (default 15672 on
                               127.0.0.1; 0 or off disables it)
              --bind HOST      address to listen on (default 127.0.0.1)
              --data-dir DIR   where durable state is kept (default ./data, relative to the
                               directory ferrymq is started from)
              --config FILE    a rabbitmq.conf-style config file (see docs/configuration.md)
              -h, --help       show this help
            Command-line options override the config file, which overrides the defaults.""";

    /** A command line that cannot be understood; the message is one line for the user. */
    public static final class UsageException extends IllegalArgumentException {
        public UsageException(String message) {
            super(message);
        }
    }

    /**
     * Parses {@code args}. Options take their value as the next argument or after {@code =}
     * ({@code --amqp-port 5673}, {@code --amqp-port=5673}).
     *
     * @throws UsageException for an unknown option, a missing or bad value, or a repeated option
     */
    public static ServerArguments parse(String... args) {
        if (args.length > 0 && args[0].equals("hash-password")) {
            return parseHashPassword(args);
        }
        Integer port = null;
        Path dataDir = null;
        Path config = null;
        String bind = null;
        Integer httpPort = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String inlineValue = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                inlineValue = arg.substring(eq + 1);
            }
            switch (name) {
                case "-h", "--help" -> {
                    return new ServerArguments(Command.HELP, null, null, null, null, null, null);
                }
                case "--amqp-port" -> {
                    once(name, port);
                    port = port(name, inlineValue != null ? inlineValue : valueAfter(args, i++, name));
                }
                case "--http-port" -> {
                    once(name, httpPort);
                    String value = inlineValue != null ? inlineValue : valueAfter(args, i++, name);
                    httpPort = value.strip().equals("off") ? 0 : port(name, value);
                }
                case "--data-dir" -> {
                    once(name, dataDir);
                    dataDir = path(name, inlineValue != null ? inlineValue : valueAfter(args, i++, name));
                }
                case "--config" -> {
                    once(name, config);
                    config = path(name, inlineValue != null ? inlineValue : valueAfter(args, i++, name));
                }
                case "--bind" -> {
                    once(name, bind);
                    bind = nonEmpty(name, inlineValue != null ? inlineValue : valueAfter(args, i++, name));
                }
                default -> throw new UsageException(arg.startsWith("-")
                        ? "unknown option " + arg + " (try --help)"
                        : "unexpected argument '" + arg + "' (try --help)");
            }
        }
        return new ServerArguments(Command.RUN, port, dataDir, config, bind, null, httpPort);
    }

    private static ServerArguments parseHashPassword(String... args) {
        if (args.length > 2) {
            throw new UsageException("hash-password takes at most one argument, the password");
        }
        return new ServerArguments(Command.HASH_PASSWORD, null, null, null, null, args.length == 2 ? args[1] : null, null);
    }

    private static void once(String name, Object previous) {
        if (previous != null) {
            throw new UsageException(name + " given twice");
        }
    }

    private static String valueAfter(String[] args, int i, String name) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
            throw new UsageException(name + " needs a value");
        }
        return args[i + 1];
    }

    private static String nonEmpty(String name, String value) {
        if (value.isBlank()) {
            throw new UsageException(name + " needs a value");
        }
        return value.strip();
    }

    private static int port(String name, String value) {
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(name + " must be a number within 0..65535, got '" + value + "'");
    }

    private static Path path(String name, String value) {
        try {
            return Path.of(nonEmpty(name, value));
        } catch (InvalidPathException e) {
            throw new UsageException(name + ": not a valid path: " + e.getReason());
        }
    }

    /** Like the record's, but never shows the password. */
    @Override
    public String toString() {
        return "ServerArguments[command=" + command + ", amqpPort=" + amqpPort + ", dataDir=" + dataDir
                + ", configFile=" + configFile + ", bind=" + bind + ", password=" + (password == null ? null : "***")
                + ", httpPort=" + httpPort + "]";
    }

    /**
     * The broker configuration these arguments ask for: the defaults, then the config file,
     * then the command-line options. Relative data directories from the command line are
     * relative to the current directory and made absolute here.
     *
     * @throws org.ferrymq.broker.config.ConfigException if the config file has an error
     */
    public BrokerConfig brokerConfig() {
        BrokerConfig.Builder builder = BrokerConfig.builder();
        if (configFile != null) {
            BrokerConfigFile.load(configFile, builder);
        }
        if (amqpPort != null) {
            builder.amqpPort(amqpPort);
        }
        if (bind != null) {
            builder.host(bind);
        }
        if (dataDir != null) {
            builder.dataDir(dataDir);
        }
        if (httpPort != null) {
            org.ferrymq.broker.config.ManagementListener current = builder.build().management();
            builder.management(httpPort == 0 ? null : (current == null
                    ? org.ferrymq.broker.config.ManagementListener.loopbackDefault() : current).withPort(httpPort));
        }
        BrokerConfig config = builder.build();
        return config.toBuilder().dataDir(config.dataDir().toAbsolutePath().normalize()).build();
    }
}
