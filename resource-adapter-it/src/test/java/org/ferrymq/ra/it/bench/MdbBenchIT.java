package org.ferrymq.ra.it.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ferrymq.ra.it.Archives;
import org.ferrymq.ra.it.ExternalBroker;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The MDB benchmark (run by benchmarks/run-mdb-bench.sh, never by the test suite): the same MDB
 * body in one WildFly, fed through FerryMQ's resource adapter and through WildFly's built-in
 * Artemis (standalone-full, java:/JmsXA and activemq-ra), without a transaction and with XA
 * (container-managed REQUIRED, one insert into an H2 XA data source per message). Runs alternate
 * between the two brokers, {@code mdb.bench.reps} times each after one unrecorded warm-up, and
 * every run is printed; the summary gives the medians and FerryMQ / Artemis.
 *
 * <p>Properties: {@code mdb.bench.messages} (10000), {@code mdb.bench.reps} (3),
 * {@code mdb.bench.producers} (4 sending threads), {@code mdb.bench.bytes} (100-byte bodies),
 * {@code mdb.bench.ferrymq} ({@code embedded}: the FerryMQ broker inside WildFly like Artemis,
 * connected over vm://; {@code external}: a FerryMQ server in the test JVM over amqp://).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@EnabledIfSystemProperty(named = "mdb.bench", matches = "true")
// the build kills a test JVM after 20 minutes (root pom): a full run takes a few on a quiet machine
@Timeout(value = 19, unit = TimeUnit.MINUTES)
class MdbBenchIT {
    static final int MESSAGES = Integer.getInteger("mdb.bench.messages", 10_000);
    static final int REPS = Integer.getInteger("mdb.bench.reps", 3);
    static final int PRODUCERS = Integer.getInteger("mdb.bench.producers", 4);
    static final int BYTES = Integer.getInteger("mdb.bench.bytes", 100);
    static final String FERRYMQ = System.getProperty("mdb.bench.ferrymq", "embedded");

    @ArquillianResource
    @OperateOnDeployment("bench")
    URL app;

    @Deployment(name = "rar", order = 1, testable = false)
    static ResourceAdapterArchive rar() {
        return "external".equals(FERRYMQ) ? Archives.rarFor(ExternalBroker.get().uri()) : Archives.rar(Map.of("EmbeddedBroker", "true"));
    }

    @Deployment(name = "bench", order = 2, testable = false)
    static WebArchive bench() {
        return ShrinkWrap.create(WebArchive.class, "mdb-bench.war")
                .addClasses(BenchStats.class, BenchMdb.class, BenchServlet.class,
                        FerryNoTxMdb.class, FerryXaMdb.class, ArtemisNoTxMdb.class, ArtemisXaMdb.class)
                .addAsWebInfResource(new StringAsset("""
                        <jboss-deployment-structure xmlns="urn:jboss:deployment-structure:1.3">
                          <deployment><dependencies><module name="com.h2database.h2"/></dependencies></deployment>
                        </jboss-deployment-structure>
                        """), "jboss-deployment-structure.xml");
    }

    @Test
    void mdbThroughputFerryMqAgainstArtemis() throws Exception {
        System.out.printf("MDB benchmark: %d messages of %d bytes per run, %d producers, %d reps, FerryMQ %s, WildFly %s%n",
                MESSAGES, BYTES, PRODUCERS, REPS, FERRYMQ, System.getProperty("jboss.home"));
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        for (String[] pair : new String[][] {{"FerryNoTx", "ArtemisNoTx"}, {"FerryXa", "ArtemisXa"}}) {
            for (String mdb : pair) {
                System.out.println("warm-up " + mdb + ": " + run(mdb, Math.max(1, MESSAGES / 5)));
            }
            for (int rep = 1; rep <= REPS; rep++) {
                for (String mdb : pair) {
                    String result = run(mdb, MESSAGES);
                    System.out.printf("run %s rep %d: %s%n", mdb, rep, result);
                    rates.computeIfAbsent(mdb, k -> new ArrayList<>()).add(perSecond(result));
                }
            }
        }
        System.out.println("| Mode | FerryMQ adapter msg/s (median) | Artemis msg/s (median) | FerryMQ / Artemis | target |");
        System.out.println("|---|---|---|---|---|");
        for (String mode : List.of("NoTx", "Xa")) {
            double ferry = median(rates.get("Ferry" + mode));
            double artemis = median(rates.get("Artemis" + mode));
            System.out.printf("| %s | %.0f %s | %.0f %s | %.2fx | 1.5x |%n", mode.equals("Xa") ? "XA (CMT REQUIRED, 1 insert)" : "no transaction",
                    ferry, rates.get("Ferry" + mode), artemis, rates.get("Artemis" + mode), ferry / artemis);
        }
        assertEquals(REPS, rates.get("FerryNoTx").size());
    }

    String run(String mdb, int n) throws Exception {
        URI uri = URI.create(app + "bench?mdb=" + mdb + "&n=" + n + "&producers=" + PRODUCERS + "&bytes=" + BYTES);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(15)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError(uri + " -> " + r.statusCode() + ": " + r.body());
        }
        return r.body().trim();
    }

    static double perSecond(String result) {
        Matcher m = Pattern.compile("perSecond=(\\d+)").matcher(result);
        if (!m.find()) {
            throw new AssertionError("no rate in " + result);
        }
        return Double.parseDouble(m.group(1));
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }
}
