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
 * One benchmark run, end to end inside the server: {@code /bench?mdb=FerryNoTx&n=10000&producers=4&bytes=100}
 * clears the MDB's counters, sends n persistent messages from {@code producers} threads through the
 * broker's pooled connection factory (FerryMQ's {@code java:/jms/ferrymq/CF} or Artemis's
 * {@code java:/JmsXA}), and waits until the MDB has handled all of them; it answers
 * {@code n=... sendMs=... totalMs=... perSecond=...} where totalMs runs from the first send to the
 * end of the last {@code onMessage}.
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
        boolean ferry = mdb.startsWith("Ferry");
        ConnectionFactory factory = ferry ? ferrymq : artemis;
        BenchStats.reset(mdb);
        long start = System.nanoTime();
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
        try {
            for (Future<?> f : sends) {
                f.get();
            }
            long sent = System.nanoTime();
            BenchStats stats = BenchStats.of(mdb);
            long until = System.currentTimeMillis() + timeoutMs;
            while (stats.count.get() < n && System.currentTimeMillis() < until) {
                Thread.sleep(5);
            }
            if (stats.count.get() < n) {
                resp.sendError(500, mdb + " handled " + stats.count.get() + " of " + n + " in " + timeoutMs + " ms");
                return;
            }
            double totalMs = (stats.lastEnd.get() - start) / 1e6;
            resp.setContentType("text/plain");
            resp.getWriter().printf("n=%d sendMs=%.1f totalMs=%.1f perSecond=%.0f%n", n, (sent - start) / 1e6, totalMs, n / (totalMs / 1000));
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private static String param(HttpServletRequest req, String name, String otherwise) {
        return req.getParameter(name) == null ? otherwise : req.getParameter(name);
    }
}
