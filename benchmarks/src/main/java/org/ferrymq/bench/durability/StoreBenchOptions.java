package org.ferrymq.bench.durability;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The command line of the recovery and memory benchmarks (one parser, each with its own
 * defaults). {@code --quick} shrinks the message count for a smoke check; an explicit
 * {@code --messages} still wins.
 *
 * @param messages    how many persistent messages to queue
 * @param sizeBytes   body size of each
 * @param brokerHeap  -Xmx of the FerryMQ server JVM ("512m", "1g")
 * @param dataDir     parent of the server's data directory (a fresh one per run, deleted afterwards)
 * @param publishers  connections publishing in parallel while filling
 * @param confirmWindow unconfirmed messages each publisher may have in flight
 * @param withRabbitmq recovery only: also measure a private RabbitMQ node ({@code --skip-rabbitmq} turns it off)
 * @param rabbitmqPort recovery only: that node's AMQP port
 * @param command     the command line as typed (from the script), for the report
 * @param revision    the git commit measured, for the report
 */
public record StoreBenchOptions(long messages, int sizeBytes, String brokerHeap, Path dataDir, Path resultsDir,
                                Path logDir, int publishers, int confirmWindow, boolean quick,
                                boolean withRabbitmq, int rabbitmqPort, String command, String revision) {

    /** The shared RabbitMQ peer's port (scripts/rabbitmq-peer.sh): never used for the private node. */
    static final int PEER_PORT = 5682;

    /** What a benchmark uses when the command line says nothing. */
    public record Defaults(long messages, long quickMessages, int sizeBytes, String brokerHeap) {
    }

    public static String usage(String script, Defaults defaults) {
        return String.format(Locale.ROOT, """
                usage: %s [options]
                  --help                 this text
                  --quick                smoke check: %,d messages instead of %,d
                  --messages N           persistent messages to queue (default %,d)
                  --size BYTES           body size (default %d)
                  --broker-heap SIZE     -Xmx of the FerryMQ server JVM (default %s)
                  --publishers N         publishing connections while filling (default 2)
                  --confirm-window N     unconfirmed messages per publisher (default 2000)
                  --data-dir DIR         where the server's data directory is made, one per run, deleted
                                         afterwards; must be a real disk (default benchmarks/target/store-data)
                  --results-dir DIR      where the Markdown report goes (default benchmarks/results)
                  --log-dir DIR          where server logs go (default benchmarks/target/bench-logs)
                  --skip-rabbitmq        recovery only: do not measure the private RabbitMQ node
                  --rabbitmq-port N      recovery only: that node's AMQP port (default 5692; never the peer's)
                """, script, defaults.quickMessages(), defaults.messages(), defaults.messages(), defaults.sizeBytes(),
                defaults.brokerHeap());
    }

    public static StoreBenchOptions parse(String[] args, Defaults defaults) {
        Long messages = null;
        int size = defaults.sizeBytes();
        String heap = defaults.brokerHeap();
        Path dataDir = Path.of("benchmarks", "target", "store-data");
        Path resultsDir = Path.of("benchmarks", "results");
        Path logDir = Path.of("benchmarks", "target", "bench-logs");
        int publishers = 2;
        int window = 2000;
        boolean quick = false;
        boolean withRabbitmq = true;
        int rabbitmqPort = 5692;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick" -> quick = true;
                case "--messages" -> messages = positive(arg, value(args, ++i, arg));
                case "--size" -> size = (int) Math.min(Integer.MAX_VALUE, positive(arg, value(args, ++i, arg)));
                case "--broker-heap" -> heap = heapSize(value(args, ++i, arg));
                case "--publishers" -> publishers = (int) Math.min(64, positive(arg, value(args, ++i, arg)));
                case "--confirm-window" -> window = (int) Math.min(1_000_000, positive(arg, value(args, ++i, arg)));
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
                case "--results-dir" -> resultsDir = Path.of(value(args, ++i, arg));
                case "--log-dir" -> logDir = Path.of(value(args, ++i, arg));
                case "--skip-rabbitmq" -> withRabbitmq = false;
                case "--rabbitmq-port" -> rabbitmqPort = (int) Math.min(65535, positive(arg, value(args, ++i, arg)));
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (rabbitmqPort == PEER_PORT) {
            // the private node is stopped and killed; the shared peer must never be
            throw new IllegalArgumentException("--rabbitmq-port must not be " + PEER_PORT + ", the shared RabbitMQ peer's port");
        }
        long count = messages != null ? messages : quick ? defaults.quickMessages() : defaults.messages();
        return new StoreBenchOptions(count, size, heap, dataDir, resultsDir, logDir, publishers, window, quick,
                withRabbitmq, rabbitmqPort, System.getProperty("bench.command", String.join(" ", args)), System.getProperty("bench.revision", "unknown"));
    }

    /** -Xmx's value in bytes: "512m" → 536870912. */
    public long brokerHeapBytes() {
        return heapBytes(brokerHeap);
    }

    static long heapBytes(String size) {
        String s = size.trim().toLowerCase(Locale.ROOT);
        long scale = switch (s.charAt(s.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1;
        };
        String digits = scale == 1 ? s : s.substring(0, s.length() - 1);
        return Long.parseLong(digits) * scale;
    }

    private static String heapSize(String value) {
        try {
            if (heapBytes(value) <= 0) {
                throw new NumberFormatException();
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--broker-heap needs a size like 512m or 1g, not " + value);
        }
        return value;
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static long positive(String option, String value) {
        try {
            long n = Long.parseLong(value.replace("_", "").replace(",", ""));
            if (n < 1) {
                throw new IllegalArgumentException(option + " must be at least 1");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, not " + value);
        }
    }
}
