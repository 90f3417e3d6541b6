package org.ferrymq.jms.it.xa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.transaction.xa.XAResource;

import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.XAConnection;

import org.ferrymq.jms.FerryConnectionFactory;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly once through crashes, in separate processes: a broker JVM ({@link CrashBrokerMain}) and
 * an application JVM ({@link CrashWorkerMain}: Narayana + FerryMQ + an H2 file database), each
 * transaction consuming one of 1,000 messages and inserting one row. One test SIGKILLs the
 * application (first right after every branch is prepared, then at random points), the other the
 * broker (first right after prepare, then at random points). Afterwards every message was
 * consumed, every row is there exactly once, and nothing is left prepared in the broker, in H2
 * or in Narayana's log.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class XaCrashIT {
    private static final Logger LOG = LoggerFactory.getLogger(XaCrashIT.class);
    private static final int MESSAGES = 1000;
    private static final int RANDOM_KILLS = 4;

    private Path dir;
    private int port;
    private String dbUrl;
    private JavaProcess broker;
    private JavaProcess worker;
    /** Every process's whole output, kept after the run (the assertion messages name the directory). */
    private Path logs;
    private final long seed = System.nanoTime();
    private final Random random = new Random(seed);

    @BeforeEach
    void setUp(TestInfo test) throws Exception {
        logs = Path.of("target", "xa-crash", test.getTestMethod().orElseThrow().getName() + "-" + seed);
        // SIGKILL loses no written data (the page cache outlives the process), so tmpfs proves the
        // same as a disk here, without an fsync per step (5 per transaction) making the run minutes long
        Path shm = Path.of("/dev/shm");
        dir = Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempDirectory(shm, "ferrymq-xa-crash-") : Files.createTempDirectory("ferrymq-xa-crash-");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        dbUrl = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";FILE_LOCK=FS";
        LOG.info("XA crash test: seed {}, dir {}, logs {}", seed, dir, logs.toAbsolutePath());
        startBroker();
        seed();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (worker != null) {
            worker.close();
        }
        if (broker != null) {
            broker.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void theApplicationKilledAfterPrepareAndAtRandomPointsLosesAndDuplicatesNothing() throws Exception {
        worker = startWorker("halt", 5);
        worker.await("HALTING AFTER PREPARE", 60_000);
        assertThat(worker.waitFor(30_000)).isEqualTo(137);
        for (int i = 0; i < RANDOM_KILLS; i++) {
            worker = startWorker("none", 0);
            worker.await("STARTED", 60_000);
            Thread.sleep(300 + random.nextInt(1500));
            worker.kill();
        }
        finish(true);
    }

    @Test
    void theBrokerKilledAfterPrepareAndAtRandomPointsLosesAndDuplicatesNothing() throws Exception {
        worker = startWorker("announce", 5);
        worker.await("PREPARED", 60_000);
        broker.kill();   // every branch is prepared and the transaction manager has logged its decision
        startBroker();
        for (int i = 0; i < RANDOM_KILLS; i++) {
            Thread.sleep(500 + random.nextInt(1500));
            broker.kill();
            startBroker();
        }
        finish(false);
    }

    private void startBroker() throws Exception {
        broker = JavaProcess.start("broker", logs.resolve("broker.log"), CrashBrokerMain.class, dir.resolve("broker").toString(), String.valueOf(port));
        broker.await("READY", 60_000);
    }

    private JavaProcess startWorker(String trap, int at) throws IOException {
        return JavaProcess.start("worker", logs.resolve("worker.log"), CrashWorkerMain.class, String.valueOf(port), dbUrl,
                dir.resolve("narayana").toString(), dir.resolve("stop").toString(), trap, String.valueOf(at));
    }

    private FerryConnectionFactory factory() {
        FerryConnectionFactory f = new FerryConnectionFactory("amqp://guest:guest@127.0.0.1:" + port);
        f.setConfirmTimeoutMillis(10_000);
        return f;
    }

    private void seed() throws Exception {
        XaTestSupport.database(dbUrl);
        try (jakarta.jms.Connection c = factory().createConnection(); Session s = c.createSession()) {
            MessageProducer p = s.createProducer(s.createQueue(CrashWorkerMain.QUEUE));
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < MESSAGES; i++) {
                p.send(s.createTextMessage(String.format("m-%04d", i)));
            }
        }
    }

    /** Lets one last worker run to the end, then checks exactly once and nothing in doubt. */
    private void finish(boolean newWorker) throws Exception {
        Files.createFile(dir.resolve("stop"));
        if (newWorker) {
            worker = startWorker("none", 0);
        }
        String done = worker.await("DONE", 480_000);
        LOG.info("XA crash test: last worker {}", done);
        worker.waitFor(30_000);
        assertThat(worker.tail()).doesNotContain("STILL IN DOUBT");

        try (XAConnection c = factory().createXAConnection()) {
            XAResource r = c.createXASession().getXAResource();
            assertThat(r.recover(XAResource.TMSTARTRSCAN)).as("prepared branches left in the broker").isEmpty();
            c.start();   // without it receive() answers null whatever the queue holds
            try (Session s = c.createSession()) {
                MessageConsumer leftover = s.createConsumer(s.createQueue(CrashWorkerMain.QUEUE));
                List<String> left = new java.util.ArrayList<>();
                for (jakarta.jms.Message m = leftover.receive(2000); m != null; m = leftover.receive(500)) {
                    left.add(m.getBody(String.class));
                }
                assertThat(left).as("messages nobody consumed; their story:%n%s", story(left)).isEmpty();
            }
        }
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(dbUrl);
        ds.setUser("sa");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            List<String> missing = missingRows(s);
            assertThat(missing).as("messages without a row (the processes' output is in %s); their story:%n%s",
                    logs.toAbsolutePath(), story(missing)).isEmpty();
            assertThat(count(s, "SELECT COUNT(*) FROM orders")).as("rows").isEqualTo(MESSAGES);
            assertThat(count(s, "SELECT COUNT(DISTINCT id) FROM orders")).as("distinct rows").isEqualTo(MESSAGES);
            assertThat(count(s, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.IN_DOUBT")).as("in-doubt H2 transactions").isZero();
        }
        assertThat(narayanaRecords()).as("transactions left in Narayana's log").isEmpty();
    }

    /**
     * The worker's lines about these messages and about the transactions that took them, and the
     * broker's recovery lines: enough to tell from a CI log alone where a message went.
     */
    private String story(List<String> ids) throws IOException {
        if (ids.isEmpty()) {
            return "";
        }
        List<String> worker = Files.readAllLines(logs.resolve("worker.log"));
        java.util.Set<String> keys = new java.util.LinkedHashSet<>(ids);
        java.util.regex.Pattern uid = java.util.regex.Pattern.compile("BasicAction: (\\S+)");
        for (String line : worker) {
            if (ids.stream().anyMatch(line::contains)) {
                java.util.regex.Matcher m = uid.matcher(line);
                if (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        List<String> lines = new java.util.ArrayList<>();
        for (String line : worker) {
            if (keys.stream().anyMatch(line::contains)) {
                lines.add("worker: " + (line.length() > 400 ? line.substring(0, 400) + "..." : line));
            }
        }
        for (String line : Files.readAllLines(logs.resolve("broker.log"))) {
            if (line.startsWith("----") || line.contains("Recovered") || line.contains("ERROR")) {
                lines.add("broker: " + (line.length() > 300 ? line.substring(0, 300) + "..." : line));
            }
        }
        return String.join(System.lineSeparator(), lines.subList(0, Math.min(lines.size(), 150)));
    }

    private static List<String> missingRows(Statement s) throws Exception {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        for (int i = 0; i < MESSAGES; i++) {
            ids.add(String.format("m-%04d", i));
        }
        try (ResultSet r = s.executeQuery("SELECT id FROM orders")) {
            while (r.next()) {
                ids.remove(r.getString(1));
            }
        }
        return List.copyOf(ids);
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private List<Path> narayanaRecords() throws IOException {
        Path store = dir.resolve("narayana");
        if (!Files.exists(store)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(store)) {
            return files.filter(Files::isRegularFile).filter(p -> p.toString().contains("AtomicAction")).toList();
        }
    }
}
