package org.ferrymq.bench.jms;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.XAConnection;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XASession;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;

import org.apache.activemq.artemis.jms.client.ActiveMQXAConnectionFactory;
import org.ferrymq.bench.FerryBrokerProcess;
import org.ferrymq.bench.FerryLauncher;
import org.ferrymq.broker.FerryBroker;
import org.ferrymq.jms.FerryConnectionFactory;
import org.ferrymq.jms.FerryJmsConfig;
import org.ferrymq.jms.provider.vm.VmBrokers;
import org.h2.jdbcx.JdbcDataSource;

/**
 * XA throughput: each transaction consumes one persistent message, inserts one row into an H2
 * file database and commits in two phases under Narayana JTA, with 1 and 4 threads (each its own
 * XA session and database connection). FerryMQ over amqp:// is the product as shipped:
 * {@code ./ferrymq} with its defaults in its own process ({@link FerryBrokerProcess}), stopped at
 * the end; FerryMQ over vm:// is embedded in this JVM, as the resource adapter's embedded mode
 * runs it. Against ActiveMQ Artemis (embedded, TCP and in-VM); the same Narayana and H2 for all;
 * runs alternate between brokers and the median of the repetitions is reported. Writes
 * {@code benchmarks/results/xa-DATE.md}.
 *
 * <p>{@code XaBench [messagesPerRun] [repetitions]} (defaults 2,000 and 3). Environment:
 * {@code XABENCH_ARTEMIS_WINDOW} (Artemis's consumer window in bytes), {@code XABENCH_TARGETS}
 * and {@code XABENCH_THREADS} (a subset of the cells, e.g. to count syscalls of one),
 * {@code XABENCH_NO_REPORT} (print only, write no results file), {@code XABENCH_WARMUP} (messages of
 * the unrecorded warm-up run per target, 4 threads; default the run's count, 0 = none).
 */
public final class XaBench {
    private static final Duration SERVER_START_TIMEOUT = Duration.ofSeconds(60);
    private static final Path SERVER_LOG = Path.of("benchmarks", "target", "bench-logs", "xa-ferrymq-server.log");

    private XaBench() {
    }

    record Target(String name, XAConnectionFactory factory) {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path work = Files.createTempDirectory("ferrymq-xabench-");
        String store = work.resolve("narayana").toString();
        BeanPopulator.getDefaultInstance(ObjectStoreEnvironmentBean.class).setObjectStoreDir(store);
        BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, "communicationStore").setObjectStoreDir(store);
        BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, "stateStore").setObjectStoreDir(store);
        TransactionManager tm = com.arjuna.ats.jta.TransactionManager.transactionManager();

        // the data directories of both FerryMQs, Narayana's log and H2 share one disk (the temp dir's)
        FerryBrokerProcess server = FerryBrokerProcess.start(FerryLauncher.locate(), work.resolve("ferrymq-server"),
                SERVER_LOG, SERVER_START_TIMEOUT);
        System.out.println("FerryMQ amqp://: ./ferrymq (its defaults) as process " + server.pid() + ", log " + SERVER_LOG);
        try {
            benchmark(tm, server, work, messages, repetitions);
        } finally {
            server.close();
            TempDirs.deleteQuietly(work);
        }
        System.exit(0);
    }

    /** The four targets (the server's amqp://, an embedded FerryMQ's vm://, Artemis's TCP and in-VM), alternating. */
    private static void benchmark(TransactionManager tm, FerryBrokerProcess server, Path work, int messages,
                                  int repetitions) throws Exception {
        FerryBroker ferry = FerryBroker.builder().host("127.0.0.1").amqpPort(0).dataDir(work.resolve("ferrymq")).start();
        VmBrokers.register("xabench", ferry);
        ArtemisBroker artemis = ArtemisBroker.start().use();
        try {
            List<Target> targets = List.of(
                    new Target("FerryMQ amqp://", ferryFactory(server.amqpUri())),
                    new Target("Artemis TCP", artemisFactory(artemis.tcpUrl())),
                    new Target("FerryMQ vm://", ferryFactory("vm://?broker=xabench")),
                    new Target("Artemis in-VM", artemisFactory(ArtemisBroker.IN_VM_URL)));
            // unrecorded: every target's JIT (the ./ferrymq process's too) warm before anything counts
            int warmup = Integer.parseInt(System.getenv().getOrDefault("XABENCH_WARMUP", Integer.toString(messages)));
            for (Target t : targets) {
                if (selected(t) && warmup > 0) {
                    double rate = run(tm, t, 4, warmup, work.resolve("h2-warmup-" + t.name().replaceAll("\\W", "")));
                    System.out.printf("%-16s warm-up, 4 threads, %d messages: %.0f tx/s (not counted)%n", t.name(), warmup, rate);
                }
            }
            Map<String, List<Double>> results = new LinkedHashMap<>();
            for (int threads : threadCounts()) {
                for (int rep = 0; rep < repetitions; rep++) {
                    for (Target t : targets) {
                        if (!selected(t)) {
                            continue;
                        }
                        Path db = work.resolve("h2-" + results.size() + "-" + rep + "-" + t.name().replaceAll("\\W", ""));
                        double rate = run(tm, t, threads, messages, db);
                        String death = server.deathNotice();
                        if (death != null) {
                            throw new IllegalStateException("./ferrymq stopped during the benchmark: " + death + " (see " + SERVER_LOG + ")");
                        }
                        System.out.printf("%-16s %d thread(s) run %d: %.0f tx/s%n", t.name(), threads, rep + 1, rate);
                        results.computeIfAbsent(t.name() + "|" + threads, k -> new ArrayList<>()).add(rate);
                    }
                }
            }
            String report = report(results, messages, repetitions);
            System.out.println(report);
            Path out = Path.of("benchmarks", "results", "xa-" + LocalDate.now(ZoneOffset.UTC) + ".md");
            if (Files.isDirectory(out.getParent()) && System.getenv("XABENCH_NO_REPORT") == null) {
                Files.writeString(out, report);
                System.out.println("written to " + out);
            }
        } finally {
            artemis.close();
            ferry.close();
        }
    }

    /**
     * Artemis's client buffers up to consumerWindowSize bytes per consumer (1 MiB by default: all
     * of a run's messages, so with 4 threads the first consumer takes them all and the others
     * idle). XABENCH_ARTEMIS_WINDOW sets it in bytes, so it can be matched to FerryMQ's prefetch
     * of 100 messages per consumer.
     */
    /** XABENCH_THREADS (e.g. "4"): only these thread counts, to count syscalls of one cell; default 1 and 4. */
    private static int[] threadCounts() {
        String threads = System.getenv("XABENCH_THREADS");
        if (threads == null || threads.isBlank()) {
            return new int[] {1, 4};
        }
        return java.util.Arrays.stream(threads.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }

    /** XABENCH_TARGETS (e.g. "FerryMQ vm://,Artemis in-VM"): only these targets; default all four. */
    private static boolean selected(Target target) {
        String targets = System.getenv("XABENCH_TARGETS");
        return targets == null || targets.isBlank()
                || java.util.Arrays.stream(targets.split(",")).map(String::trim).anyMatch(target.name()::equals);
    }

    private static ActiveMQXAConnectionFactory artemisFactory(String url) {
        ActiveMQXAConnectionFactory factory = new ActiveMQXAConnectionFactory(url);
        String window = System.getenv("XABENCH_ARTEMIS_WINDOW");
        if (window != null) {
            factory.setConsumerWindowSize(Integer.parseInt(window));
        }
        return factory;
    }

    private static FerryConnectionFactory ferryFactory(String uri) {
        return new FerryConnectionFactory(FerryJmsConfig.builder().brokerUri(uri).build());
    }

    /** Fills a fresh queue with {@code messages} persistent messages, then times their XA consumption. */
    private static double run(TransactionManager tm, Target target, int threads, int messages, Path dbDir) throws Exception {
        String queue = "xabench-" + System.nanoTime();
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dbDir.resolve("db").toAbsolutePath());
        ds.setUser("sa");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id VARCHAR(100))");
        }
        List<XAConnection> connections = new ArrayList<>();
        try {
            XAConnection filler = target.factory().createXAConnection();
            connections.add(filler);
            try (Session s = filler.createSession()) {
                MessageProducer p = s.createProducer(s.createQueue(queue));
                p.setDeliveryMode(DeliveryMode.PERSISTENT);
                for (int i = 0; i < messages; i++) {
                    p.send(s.createTextMessage("order-" + i));
                }
            }
            AtomicInteger left = new AtomicInteger(messages);
            // the clock stops at the last commit: workers still waiting in receive() then are not timed
            java.util.concurrent.atomic.AtomicLong lastCommit = new java.util.concurrent.atomic.AtomicLong();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                XAConnection c = target.factory().createXAConnection();
                connections.add(c);
                c.start();
                XASession session = c.createXASession();
                MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
                Thread worker = new Thread(() -> {
                    try {
                        javax.sql.XAConnection db = ds.getXAConnection();
                        try (PreparedStatement insert = db.getConnection().prepareStatement("INSERT INTO orders (id) VALUES (?)")) {
                            ready.countDown();
                            go.await();
                            while (left.get() > 0) {
                                tm.begin();
                                Transaction tx = tm.getTransaction();
                                tx.enlistResource(session.getXAResource());
                                tx.enlistResource(db.getXAResource());
                                Message m = consumer.receive(200);
                                if (m == null) {
                                    tm.rollback();
                                    continue;
                                }
                                insert.setString(1, m.getBody(String.class));
                                insert.executeUpdate();
                                tm.commit();
                                if (left.decrementAndGet() == 0) {
                                    lastCommit.set(System.nanoTime());
                                }
                            }
                        } finally {
                            db.close();
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                        left.set(0);
                        ready.countDown();
                    }
                });
                workers.add(worker);
                worker.start();
            }
            ready.await();
            long startMillis = System.currentTimeMillis();
            long start = System.nanoTime();
            go.countDown();
            for (Thread w : workers) {
                w.join();
            }
            long elapsed = lastCommit.get() - start;
            // the timed window in wall-clock time, to match syscall traces (strace -ttt) against it
            System.out.printf("timed window %s, %d thread(s): %d.%03d to %d.%03d%n", target.name(), threads,
                    startMillis / 1000, startMillis % 1000, (startMillis + elapsed / 1_000_000) / 1000,
                    (startMillis + elapsed / 1_000_000) % 1000);
            if (failure.get() != null) {
                throw new IllegalStateException(target.name() + " failed", failure.get());
            }
            try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                 var r = s.executeQuery("SELECT COUNT(*) FROM orders")) {
                r.next();
                if (r.getLong(1) < messages) {
                    throw new IllegalStateException(target.name() + ": only " + r.getLong(1) + " rows of " + messages);
                }
            }
            return messages / (elapsed / 1e9);
        } finally {
            for (XAConnection c : connections) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // end of a run
                }
            }
        }
    }

    private static String report(Map<String, List<Double>> results, int messages, int repetitions) {
        StringBuilder md = new StringBuilder();
        md.append("# XA benchmark: consume one message + insert one row, two-phase commit (Narayana JTA + H2)\n\n");
        md.append(ZonedDateTime.now(ZoneOffset.UTC).withNano(0)).append(", ").append(messages)
                .append(" messages per run, ").append(repetitions).append(" runs per cell (median shown; every run listed)\n\n")
                .append("Artemis consumerWindowSize: ").append(System.getenv().getOrDefault("XABENCH_ARTEMIS_WINDOW", "1048576 (Artemis's default)"))
                .append(" bytes per consumer; FerryMQ prefetch: 100 messages per consumer\n\n")
                .append("FerryMQ amqp://: ./ferrymq with its defaults, its own process; FerryMQ vm://: embedded in the harness JVM;"
                        + " Artemis: embedded in the harness JVM (NIO journal)\n\n")
                .append("Warm-up: one unrecorded run per target first (4 threads, ")
                .append(System.getenv().getOrDefault("XABENCH_WARMUP", Integer.toString(messages))).append(" messages)\n\n");
        md.append("| threads | FerryMQ amqp:// tx/s | Artemis TCP tx/s | ratio | FerryMQ vm:// tx/s | Artemis in-VM tx/s | ratio |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int threads : threadCounts()) {
            double fa = median(results.get("FerryMQ amqp://|" + threads));
            double at = median(results.get("Artemis TCP|" + threads));
            double fv = median(results.get("FerryMQ vm://|" + threads));
            double av = median(results.get("Artemis in-VM|" + threads));
            md.append(String.format("| %d | %.0f | %.0f | %.2f× | %.0f | %.0f | %.2f× |%n", threads, fa, at, fa / at, fv, av, fv / av));
        }
        md.append("\nEvery run (tx/s):\n\n");
        results.forEach((k, v) -> md.append("- ").append(k.replace("|", ", ")).append(" thread(s): ")
                .append(v.stream().map(d -> String.format("%.0f", d)).toList()).append('\n'));
        return md.toString();
    }

    private static double median(List<Double> values) {
        if (values == null) {
            return Double.NaN;   // a target left out (XABENCH_TARGETS)
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
