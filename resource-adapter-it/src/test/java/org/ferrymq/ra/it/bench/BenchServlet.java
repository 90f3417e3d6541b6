package org.ferrymq.ra.it.bench;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.Queue;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * One benchmark step inside the server, {@code /bench?mdb=FerryNoTx&n=10000&producers=4&bytes=100&phase=...}.
 * Messages are n persistent ones sent from {@code producers} threads through the broker's pooled
 * connection factory (FerryMQ's {@code java:/jms/ferrymq/CF} or Artemis's {@code java:/JmsXA}).
 * <ul>
 * <li>{@code phase=fill}: clears the MDB's counters and sends (the harness has stopped the MDB's
 * delivery, so the queue fills); answers {@code n=... sendMs=...}.
 * <li>{@code phase=await} (after the harness started delivery): waits until the MDB has handled n
 * and answers {@code n=... deliveryMs=... perSecond=... maxConcurrent=... threads=...}, deliveryMs
 * running from the start of the first {@code onMessage} to the end of the last.
 * <li>{@code phase=endToEnd} (the default; delivery running): clears the counters, sends, waits
 * until the MDB has handled all, and answers {@code n=... sendMs=... totalMs=... perSecond=...
 * maxConcurrent=...}, totalMs running from the first send to the end of the last {@code onMessage}.
 * </ul>
 */
@DataSourceDefinition(name = "java:app/jdbc/Bench", className = "org.h2.jdbcx.JdbcDataSource",
        url = "jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1", user = "sa", password = "sa", maxPoolSize = 40)
@JMSDestinationDefinition(name = "java:global/jms/bench/ArtemisNoTx", interfaceName = "jakarta.jms.Queue", destinationName = "benchArtemisNoTx")
@JMSDestinationDefinition(name = "java:global/jms/bench/ArtemisXa", interfaceName = "jakarta.jms.Queue", destinationName = "benchArtemisXa")
@WebServlet("/bench")
public class BenchServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Resource(lookup = "java:/jms/ferrymq/CF")
    private ConnectionFactory ferrymq;
    @Resource(lookup = "java:/JmsXA")
    private ConnectionFactory artemis;
    @Resource(lookup = "java:global/jms/bench/ArtemisNoTx")
    private Queue artemisNoTx;
    @Resource(lookup = "java:global/jms/bench/ArtemisXa")
    private Queue artemisXa;
    @Resource(lookup = "java:app/jdbc/Bench")
    private DataSource dataSource;
    @Resource
    private ManagedExecutorService executor;

    @Override
    public void init() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bench_row (id BIGINT AUTO_INCREMENT PRIMARY KEY, mdb VARCHAR(32), body VARCHAR(4000))");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String mdb = req.getParameter("mdb");
        int n = Integer.parseInt(req.getParameter("n"));
        int producers = Integer.parseInt(param(req, "producers", "4"));
        String body = "x".repeat(Integer.parseInt(param(req, "bytes", "100")));
        long timeoutMs = Long.parseLong(param(req, "timeoutMs", "600000"));
        String phase = param(req, "phase", "endToEnd");
        resp.setContentType("text/plain");
        try {
            switch (phase) {
                case "fill" -> {
                    // the MDB's delivery is stopped: the queue fills, then the harness starts delivery
                    BenchStats.reset(mdb);
                    long start = System.nanoTime();
                    send(mdb, n, producers, body);
                    resp.getWriter().printf("n=%d sendMs=%.1f%n", n, (System.nanoTime() - start) / 1e6);
                }
                case "await" -> {
                    BenchStats stats = BenchStats.of(mdb);
                    if (!await(stats, n, timeoutMs, resp, mdb)) {
                        return;
                    }
                    double deliveryMs = (stats.lastEnd.get() - stats.firstStart.get()) / 1e6;
                    resp.getWriter().printf("n=%d deliveryMs=%.1f perSecond=%.0f maxConcurrent=%d threads=%d%n", n, deliveryMs,
                            n / (deliveryMs / 1000), stats.maxRunning.get(), stats.threads.size());
                }
                case "endToEnd" -> {
                    BenchStats.reset(mdb);
                    long start = System.nanoTime();
                    send(mdb, n, producers, body);
                    long sent = System.nanoTime();
                    BenchStats stats = BenchStats.of(mdb);
                    if (!await(stats, n, timeoutMs, resp, mdb)) {
                        return;
                    }
                    double totalMs = (stats.lastEnd.get() - start) / 1e6;
                    resp.getWriter().printf("n=%d sendMs=%.1f totalMs=%.1f perSecond=%.0f maxConcurrent=%d%n", n, (sent - start) / 1e6, totalMs,
                            n / (totalMs / 1000), stats.maxRunning.get());
                }
                default -> resp.sendError(400, "no phase " + phase);
            }
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    /** n persistent messages to the MDB's queue from {@code producers} threads of the managed executor; returns when all are sent. */
    private void send(String mdb, int n, int producers, String body) throws Exception {
        ConnectionFactory factory = mdb.startsWith("Ferry") ? ferrymq : artemis;
        List<Future<?>> sends = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int count = n / producers + (p < n % producers ? 1 : 0);
            sends.add(executor.submit(() -> {
                try (JMSContext ctx = factory.createContext()) {
                    Queue queue = switch (mdb) {
                        case "FerryNoTx" -> ctx.createQueue("bench.ferry.notx");
                        case "FerryXa" -> ctx.createQueue("bench.ferry.xa");
                        case "ArtemisNoTx" -> artemisNoTx;
                        case "ArtemisXa" -> artemisXa;
                        default -> throw new IllegalArgumentException("no MDB " + mdb);
                    };
                    var producer = ctx.createProducer();
                    for (int i = 0; i < count; i++) {
                        producer.send(queue, body);
                    }
                }
            }));
        }
        for (Future<?> f : sends) {
            f.get();
        }
    }

    /** Waits until the MDB has handled n messages; false (and a 500 sent) if it has not within the timeout. */
    private static boolean await(BenchStats stats, int n, long timeoutMs, HttpServletResponse resp, String mdb) throws Exception {
        long until = System.currentTimeMillis() + timeoutMs;
        while (stats.count.get() < n && System.currentTimeMillis() < until) {
            Thread.sleep(5);
        }
        if (stats.count.get() < n) {
            resp.sendError(500, mdb + " handled " + stats.count.get() + " of " + n + " in " + timeoutMs + " ms");
            return false;
        }
        return true;
    }

    private static String param(HttpServletRequest req, String name, String otherwise) {
        return req.getParameter(name) == null ? otherwise : req.getParameter(name);
    }
}
