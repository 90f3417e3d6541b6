package org.ferrymq.ra.it.xa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.ferrymq.ra.it.Archives;
import org.ferrymq.ra.it.BrokerProcess;
import org.ferrymq.ra.it.BrokerState;
import org.ferrymq.ra.it.ConfirmedStream;
import org.ferrymq.ra.it.RecoveryListener;
import org.ferrymq.ra.it.ServerLog;
import org.ferrymq.ra.it.WildFlyCli;
import org.h2.tools.Server;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The external FerryMQ server SIGKILLed under an active MDB and started again on the same port and
 * data directory: {@link ExactlyOnceMdb} (container-managed transaction, so XA delivery through the
 * adapter) inserts one row per message into an H2 XA data source while a producer streams
 * persistent messages, each confirmed or refused. Afterwards every confirmed message is exactly one
 * row (the table has no key: a duplicate would be a second row), nothing is dead-lettered or left
 * prepared in the broker, the MDB was not redeployed and its activation logged the loss and the
 * reconnect once each. The server (the main class {@code ./ferrymq} runs) is a process of its own
 * ({@link BrokerProcess}); WildFly, Arquillian's, survives; a delivery branch the crash left
 * prepared in the broker is settled by WildFly's recovery manager, asked with {@code SCAN}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(600)
class BrokerCrashIT {
    static final BrokerProcess BROKER = new BrokerProcess();
    static final Server H2;
    static final String JDBC;

    static {
        // before the deployments (Arquillian calls the @Deployment methods after loading the class)
        try {
            BROKER.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    BROKER.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            Path work = Files.createTempDirectory("ferrymq-broker-crash");
            H2 = Server.createTcpServer("-tcpPort", "0", "-tcpAllowOthers", "-ifNotExists", "-baseDir", work.toString()).start();
            JDBC = "jdbc:h2:tcp://127.0.0.1:" + H2.getPort() + "/crash";
            try (Connection c = DriverManager.getConnection(JDBC, "sa", "sa"); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE received (n INT, delivery INT)");   // no key: a duplicate delivery is a second row
            }
            Path script = work.resolve("datasource.cli");
            Files.writeString(script, String.join("\n",
                    // one left by an interrupted run (WildFly keeps it in standalone-full.xml) goes first
                    "if (outcome == success) of /subsystem=datasources/xa-data-source=ExactlyOnceDS:read-resource",
                    "/subsystem=datasources/xa-data-source=ExactlyOnceDS:remove",
                    "end-if",
                    "batch",
                    "/subsystem=datasources/xa-data-source=ExactlyOnceDS:add(jndi-name=java:/jdbc/ExactlyOnceDS, driver-name=h2, user-name=sa, password=sa,"
                            + " recovery-username=sa, recovery-password=sa)",
                    "/subsystem=datasources/xa-data-source=ExactlyOnceDS/xa-datasource-properties=URL:add(value=\"" + JDBC + "\")",
                    "run-batch", ""));
            WildFlyCli.run("--file=" + script);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void removeTheDataSource() throws Exception {
        try {
            WildFlyCli.run("--command=/subsystem=datasources/xa-data-source=ExactlyOnceDS:remove");
        } finally {
            H2.stop();
        }
    }

    @Deployment(name = "rar", order = 1, testable = false)
    static ResourceAdapterArchive rar() {
        // as the install script sets it up: the recovery manager settles a branch the crash left prepared
        return Archives.recoverableRar(BROKER.uri());
    }

    @Deployment(name = "app", order = 2, testable = false)
    static WebArchive app() {
        return ShrinkWrap.create(WebArchive.class, "broker-crash.war").addClasses(ExactlyOnceMdb.class, CrashAfterPrepare.class)
                .addAsWebInfResource(new StringAsset(Archives.jbossEjb3(Archives.RAR)), "jboss-ejb3.xml");
    }

    @Test
    void everyConfirmedMessageIsOneRowAfterTheBrokerIsKilled() throws Exception {
        ServerLog log = ServerLog.fromNow();
        ConfirmedStream producer = new ConfirmedStream(BROKER.uri(), ExactlyOnceMdb.QUEUE, 5);
        producer.start();
        int rowsAtKill;
        try {
            long deadline = System.currentTimeMillis() + 60_000;
            while (rowCount() < 150 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            rowsAtKill = rowCount();
            assertTrue(rowsAtKill >= 150, "the MDB consumed the stream before the kill: " + rowsAtKill + " rows");
            BROKER.kill();   // mid-stream: deliveries in their transactions, sends waiting for their confirms
            Thread.sleep(1000);
            BROKER.start();
            Thread.sleep(3000);   // the stream goes on after the restart
        } finally {
            producer.stop();
        }
        int preparedAfterRestart = BrokerState.prepared(BROKER.uri()).size();
        assertTrue(producer.refused.get() > 0, "the stream went on while the broker was down (sends refused then)");

        // settled: every confirmed message has its row, the queue is empty, nothing prepared in the broker
        Set<Integer> missing = new TreeSet<>(producer.confirmed);
        String state = "";
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            missing.removeAll(rowNumbers());
            state = "missing " + missing.size() + ", queue " + BrokerState.queueDepth(BROKER.uri(), ExactlyOnceMdb.QUEUE)
                    + ", prepared in the broker " + BrokerState.prepared(BROKER.uri()).size();
            if (state.equals("missing 0, queue 0, prepared in the broker 0")) {
                break;
            }
            RecoveryListener.scan();   // rolls back a delivery branch the crash left prepared (the message is redelivered)
            Thread.sleep(1000);
        }
        System.out.println("broker killed at " + rowsAtKill + " rows: " + producer.confirmed.size() + " confirmed, " + producer.refused.get()
                + " refused while it was down, " + preparedAfterRestart + " branch(es) prepared after the restart, " + rowCount() + " rows; "
                + "rows by delivery count " + byDeliveryCount());
        assertEquals("missing 0, queue 0, prepared in the broker 0", state, "confirmed messages without a row: " + missing);
        assertEquals(Map.of(), duplicates(), "messages with more than one row (number: rows)");
        assertEquals(0, BrokerState.deadLettered(BROKER.uri(), ExactlyOnceMdb.QUEUE + ".dlq"), "dead-lettered messages");
        String activation = "FerryMQ activation queue " + ExactlyOnceMdb.QUEUE;
        assertEquals(1, log.occurrences(activation + " lost its connection"), "the loss logged once:\n" + log.activationLines());
        assertEquals(1, log.occurrences(activation + " connected after"), "the reconnect logged once:\n" + log.activationLines());
    }

    private static int rowCount() throws SQLException {
        return query("SELECT COUNT(*) FROM received").get(0);
    }

    private static List<Integer> rowNumbers() throws SQLException {
        return query("SELECT n FROM received");
    }

    private static Map<Integer, Integer> duplicates() throws SQLException {
        List<Integer> pairs = query("SELECT n FROM received GROUP BY n HAVING COUNT(*) > 1");
        Map<Integer, Integer> out = new TreeMap<>();
        for (int n : pairs) {
            out.put(n, query("SELECT COUNT(*) FROM received WHERE n = " + n).get(0));
        }
        return out;
    }

    private static Map<Integer, Integer> byDeliveryCount() throws SQLException {
        Map<Integer, Integer> out = new TreeMap<>();
        for (int d : query("SELECT DISTINCT delivery FROM received")) {
            out.put(d, query("SELECT COUNT(*) FROM received WHERE delivery = " + d).get(0));
        }
        return out;
    }

    private static List<Integer> query(String sql) throws SQLException {
        List<Integer> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(JDBC, "sa", "sa"); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getInt(1));
            }
        }
        return out;
    }
}
