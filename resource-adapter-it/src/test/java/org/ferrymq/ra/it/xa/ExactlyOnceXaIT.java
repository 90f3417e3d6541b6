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
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;


import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;

import org.ferrymq.jms.FerryConnectionFactory;
import org.ferrymq.ra.it.BrokerState;
import org.ferrymq.ra.it.ExternalBroker;
import org.ferrymq.ra.it.RecoveryListener;
import org.ferrymq.ra.it.WildFlyCli;
import org.h2.tools.Server;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Exactly-once in a real WildFly with XA: {@link ExactlyOnceMdb} (container-managed transaction,
 * XA delivery through the FerryMQ adapter) inserts one row per message into an H2 XA data source.
 * 1,000 persistent messages; WildFly is SIGKILLed twice mid-run (once with the broker's and H2's
 * branches prepared and no decision logged, once at a random point) and restarted; after WildFly's
 * recovery manager has run: every message is a row exactly once, nothing is in doubt in H2, nothing
 * prepared in the broker, nothing in WildFly's transaction log, nothing dead-lettered.
 *
 * <p>WildFly is started by the test ({@link WildFlyProcess}, port offset {@code wildfly.xa.port.offset},
 * default 22300), not by Arquillian, so it can be killed; the broker ({@link ExternalBroker}) and the
 * H2 TCP server run in the test JVM and survive the kills.
 */
@Timeout(1800)
class ExactlyOnceXaIT {
    private static final int MESSAGES = 1000;
    private static final int CRASH_AFTER_PREPARE_AT = 150;
    private static final long BOOT_MS = 600_000;

    @Test
    void everyMessageIsOneRowAfterTwoServerKills() throws Exception {
        ExternalBroker broker = ExternalBroker.get();
        Path work = Files.createTempDirectory("ferrymq-xa-wildfly");
        Server h2 = Server.createTcpServer("-tcpPort", "0", "-tcpAllowOthers", "-ifNotExists", "-baseDir", work.resolve("h2").toString()).start();
        String jdbc = "jdbc:h2:tcp://127.0.0.1:" + h2.getPort() + "/exactly";
        try (Connection c = DriverManager.getConnection(jdbc, "sa", "sa"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE received (n INT PRIMARY KEY, delivery INT)");
        }
        Path marker = work.resolve("crash-marker");
        int offset = Integer.getInteger("wildfly.xa.port.offset", 22300);
        try (WildFlyProcess wildfly = new WildFlyProcess(Path.of(System.getProperty("jboss.home")), work.resolve("wildfly"), offset,
                List.of("-Dferrymq.crash.marker=" + marker, "-Djboss.tx.node.id=ferrymq-xa-it"))) {
            try {
                runAndCrash(broker, h2, jdbc, marker, wildfly, work);
            } catch (Throwable t) {
                System.out.println("WildFly's log:\n" + wildfly.tail());
                throw t;
            }
        }
        h2.stop();
        // H2 makes a transaction that recovery committed in the running database visible to others
        // only once the database is opened again: count on the reopened file
        try (Connection c = DriverManager.getConnection("jdbc:h2:" + work.resolve("h2/exactly"), "sa", "sa"); Statement s = c.createStatement()) {
            assertEquals(0, count(s, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.IN_DOUBT"), "H2 transactions left in doubt");
            assertEquals(MESSAGES, count(s, "SELECT COUNT(*) FROM received"), "rows");
            assertEquals(0, count(s, "SELECT MIN(n) FROM received"));
            assertEquals(MESSAGES - 1, count(s, "SELECT MAX(n) FROM received"));
            System.out.println("rows by delivery count: " + rows(s, "SELECT delivery || ':' || COUNT(*) FROM received GROUP BY delivery ORDER BY delivery"));
        }
    }

    private void runAndCrash(ExternalBroker broker, Server h2, String jdbc, Path marker, WildFlyProcess wildfly, Path work) throws Exception {
        wildfly.start(BOOT_MS);
        WildFlyCli.install(wildfly.managementPort(), broker.uri());
        Path script = work.resolve("exactly-once.cli");
        Path war = work.resolve("exactly-once.war");
        ShrinkWrap.create(WebArchive.class, "exactly-once.war").addClasses(ExactlyOnceMdb.class, CrashAfterPrepare.class)
                .as(ZipExporter.class).exportTo(war.toFile(), true);
        Files.writeString(script, String.join("\n",
                "batch",
                "/subsystem=datasources/xa-data-source=ExactlyOnceDS:add(jndi-name=java:/jdbc/ExactlyOnceDS, driver-name=h2, user-name=sa, password=sa,"
                        + " recovery-username=sa, recovery-password=sa)",
                "/subsystem=datasources/xa-data-source=ExactlyOnceDS/xa-datasource-properties=URL:add(value=\"" + jdbc + "\")",
                "run-batch",
                "deploy " + war + " --name=exactly-once.war",
                // one recovery pass on demand (SCAN on the recovery socket) instead of waiting for the
                // 2-minute period; needs a reload, so it takes effect at the first restart, where it is used
                "/subsystem=transactions:write-attribute(name=recovery-listener, value=true)", ""));
        WildFlyCli.runAt(wildfly.managementPort(), "--file=" + script);

        send(broker.uri());

        // kill 1: the broker's and H2's branches of one delivery prepared, no decision logged
        long deadline = System.currentTimeMillis() + 300_000;
        while (!Files.exists(marker) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(marker), "the bean never reached the crash-after-prepare message");
        wildfly.kill();
        assertTrue(BrokerState.prepared(broker.uri()).size() >= 1, "the broker holds the prepared branch");
        try (Connection c = DriverManager.getConnection(jdbc, "sa", "sa"); Statement s = c.createStatement()) {
            assertTrue(count(s, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.IN_DOUBT") >= 1, "H2 holds the prepared branch");
            System.out.println("killed after prepare: rows " + count(s, "SELECT COUNT(*) FROM received"));
        }

        // kill 2: at a random point, a few dozen to a few hundred deliveries after the restart
        wildfly.start(BOOT_MS);
        int before = rowCount(jdbc);
        int target = Math.min(MESSAGES - 50, before + 30 + ThreadLocalRandom.current().nextInt(200));
        deadline = System.currentTimeMillis() + 300_000;
        while (rowCount(jdbc) < target && System.currentTimeMillis() < deadline) {
            Thread.sleep(ThreadLocalRandom.current().nextInt(5, 50));
        }
        wildfly.kill();
        System.out.println("killed at random: rows " + rowCount(jdbc) + " (target " + target + "), prepared in the broker "
                + BrokerState.prepared(broker.uri()).size());

        // restart, let the bean finish and the recovery manager clean up
        wildfly.start(BOOT_MS);
        deadline = System.currentTimeMillis() + 600_000;
        String state = "";
        String previous = "";
        while (System.currentTimeMillis() < deadline) {
            RecoveryListener.scan(wildfly.recoveryPort());
            state = state(broker.uri(), jdbc, wildfly.base());
            String withRows = state + ", rows " + rowCount(jdbc);
            // done when twice in a row nothing is left and the bean wrote nothing in between
            if (state.equals("queue 0, prepared in the broker 0, in doubt in H2 0, transaction log []") && withRows.equals(previous)) {
                break;
            }
            previous = withRows;
            Thread.sleep(1000);
        }
        String settled = state;
        assertEquals("queue 0, prepared in the broker 0, in doubt in H2 0, transaction log []", state,
                () -> "not settled after the last restart (" + settled + "); the transaction manager's and FerryMQ's warnings over all starts:\n"
                        + wildfly.recoveryWarnings(40));
        assertEquals(0, BrokerState.deadLettered(broker.uri(), ExactlyOnceMdb.QUEUE + ".dlq"), "dead-lettered messages");
        // a clean shutdown waits for the bean; a message it still held would be back in the queue
        WildFlyCli.runAt(wildfly.managementPort(), "--command=:shutdown");
        wildfly.awaitExit(120_000);
        assertEquals(0, BrokerState.queueDepth(broker.uri(), ExactlyOnceMdb.QUEUE), "messages left in the queue after the shutdown");
    }

    private static void send(String uri) {
        try (JMSContext context = new FerryConnectionFactory(uri).createContext()) {
            JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int n = 0; n < MESSAGES; n++) {
                producer.setProperty("n", n).setProperty("crashAfterPrepare", n == CRASH_AFTER_PREPARE_AT)
                        .send(context.createQueue(ExactlyOnceMdb.QUEUE), "order " + n);
            }
        }
    }

    private static String state(String uri, String jdbc, Path base) throws Exception {
        int inDoubt;
        try (Connection c = DriverManager.getConnection(jdbc, "sa", "sa"); Statement s = c.createStatement()) {
            inDoubt = count(s, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.IN_DOUBT");
        }
        return "queue " + BrokerState.queueDepth(uri, ExactlyOnceMdb.QUEUE) + ", prepared in the broker " + BrokerState.prepared(uri).size()
                + ", in doubt in H2 " + inDoubt + ", transaction log " + transactionLog(base);
    }

    /**
     * Narayana's object store entries: transactions whose decision is logged but not yet carried
     * out, heuristic outcomes. EISNAME entries are left out: they only map a recoverable
     * XAResource to its JNDI name and stay by design.
     */
    private static List<String> transactionLog(Path base) throws Exception {
        Path store = base.resolve("data/tx-object-store");
        if (!Files.exists(store)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(store)) {
            return files.filter(Files::isRegularFile).map(p -> store.relativize(p).toString())
                    .filter(p -> !p.contains("/EISNAME/")).sorted().toList();
        }
    }

    private static int rowCount(String jdbc) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbc, "sa", "sa"); Statement s = c.createStatement()) {
            return count(s, "SELECT COUNT(*) FROM received");
        }
    }

    private static int count(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }

    private static List<String> rows(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }
}
