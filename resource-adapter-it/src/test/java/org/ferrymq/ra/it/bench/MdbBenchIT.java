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
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.dmr.ModelNode;
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
 * <p>Two measurements per run. <b>Delivery</b>: the MDBs are deployed with their delivery stopped
 * ({@code @DeliveryActive(false)}); the queue is filled with n messages, the harness starts the
 * MDB's delivery (management operation {@code start-delivery}) and times from the start of the first
 * {@code onMessage} to the end of the last. <b>End to end</b> (the first figures' measurement):
 * with delivery running, from the first send to the end of the last {@code onMessage}; the MDBs
 * keep up with the 4 senders, so it mostly measures sending. Then delivery is stopped again.
 *
 * <p>Client-side buffering decides whether the {@code maxSession} sessions share a full queue:
 * FerryMQ's sessions prefetch {@code mdb.bench.ferrymq.prefetch} messages each (activation property
 * {@code prefetch}), Artemis's buffer {@code consumerWindowSize} bytes each (WildFly's
 * {@code activemq-ra} leaves it at Artemis's 1 MiB, every message of a run; XaBench's consumers,
 * created one after the other, saw the first take a whole filled queue with it, while WildFly's MDB
 * sessions shared it in the runs so far). {@code mdb.bench.artemis.window} sets the Artemis MDBs' {@code consumerWindowSize}
 * activation property ({@code default}: not set). Each delivery run reports how many {@code onMessage}
 * calls ran at once at most.
 *
 * <p>Properties: {@code mdb.bench.messages} (10000), {@code mdb.bench.reps} (3),
 * {@code mdb.bench.producers} (4 sending threads), {@code mdb.bench.bytes} (100-byte bodies),
 * {@code mdb.bench.ferrymq} ({@code embedded}: the FerryMQ broker inside WildFly like Artemis,
 * connected over vm://; {@code external}: a FerryMQ server in the test JVM over amqp://),
 * {@code mdb.bench.ferrymq.prefetch} (100), {@code mdb.bench.artemis.window} (50000 bytes, about
 * 100 of these messages).
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
    static final String FERRYMQ_PREFETCH = System.getProperty("mdb.bench.ferrymq.prefetch", "100");
    static final String ARTEMIS_WINDOW = System.getProperty("mdb.bench.artemis.window", "50000");

    @ArquillianResource
    @OperateOnDeployment("bench")
    URL app;

    @Deployment(name = "rar", order = 1, testable = false)
    static ResourceAdapterArchive rar() {
        return "external".equals(FERRYMQ) ? Archives.rarFor(ExternalBroker.get().uri()) : Archives.rar(Map.of("EmbeddedBroker", "true"));
    }

    @Deployment(name = "bench", order = 2, testable = false)
    static WebArchive bench() {
        StringBuilder beans = new StringBuilder();
        for (Class<?> mdb : List.of(FerryNoTxMdb.class, FerryXaMdb.class, ArtemisNoTxMdb.class, ArtemisXaMdb.class)) {
            boolean ferry = mdb.getSimpleName().startsWith("Ferry");
            String[] buffering = ferry ? new String[] {"prefetch", FERRYMQ_PREFETCH}
                    : "default".equals(ARTEMIS_WINDOW) ? null : new String[] {"consumerWindowSize", ARTEMIS_WINDOW};
            if (buffering != null) {
                // merged with the class's annotation: this one property added
                beans.append("""
                            <message-driven>
                              <ejb-name>%s</ejb-name>
                              <ejb-class>%s</ejb-class>
                              <activation-config><activation-config-property>
                                <activation-config-property-name>%s</activation-config-property-name>
                                <activation-config-property-value>%s</activation-config-property-value>
                              </activation-config-property></activation-config>
                            </message-driven>
                        """.formatted(mdb.getSimpleName(), mdb.getName(), buffering[0], buffering[1]));
            }
        }
        return ShrinkWrap.create(WebArchive.class, "mdb-bench.war")
                .addClasses(BenchStats.class, BenchMdb.class, BenchServlet.class,
                        FerryNoTxMdb.class, FerryXaMdb.class, ArtemisNoTxMdb.class, ArtemisXaMdb.class)
                .addAsWebInfResource(new StringAsset("""
                        <ejb-jar xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0">
                          <enterprise-beans>
                        %s  </enterprise-beans>
                        </ejb-jar>
                        """.formatted(beans)), "ejb-jar.xml")
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
        System.out.printf("buffering per MDB session: FerryMQ prefetch %s messages; Artemis consumerWindowSize %s"
                        + " (WildFly's activemq-ra pooled-connection-factory consumer-window-size: %s)%n",
                FERRYMQ_PREFETCH, "default".equals(ARTEMIS_WINDOW) ? "not set" : ARTEMIS_WINDOW + " bytes", activemqRaWindow());
        Map<String, List<Double>> delivery = new LinkedHashMap<>();
        Map<String, List<Double>> endToEnd = new LinkedHashMap<>();
        for (String[] pair : new String[][] {{"FerryNoTx", "ArtemisNoTx"}, {"FerryXa", "ArtemisXa"}}) {
            for (String mdb : pair) {
                String[] warm = run(mdb, Math.max(1, MESSAGES / 5));
                System.out.println("warm-up " + mdb + ": delivery " + warm[0] + "; end to end " + warm[1]);
            }
            for (int rep = 1; rep <= REPS; rep++) {
                for (String mdb : pair) {
                    String[] result = run(mdb, MESSAGES);
                    System.out.printf("run %s rep %d: delivery %s; end to end %s%n", mdb, rep, result[0], result[1]);
                    delivery.computeIfAbsent(mdb, k -> new ArrayList<>()).add(perSecond(result[0]));
                    endToEnd.computeIfAbsent(mdb, k -> new ArrayList<>()).add(perSecond(result[1]));
                }
            }
        }
        System.out.println("| Mode | Measured | FerryMQ adapter msg/s (median) | Artemis msg/s (median) | FerryMQ / Artemis | target |");
        System.out.println("|---|---|---|---|---|---|");
        for (String mode : List.of("NoTx", "Xa")) {
            for (Map<String, List<Double>> rates : List.of(delivery, endToEnd)) {
                double ferry = median(rates.get("Ferry" + mode));
                double artemis = median(rates.get("Artemis" + mode));
                System.out.printf("| %s | %s | %.0f %s | %.0f %s | %.2fx | 1.5x |%n", mode.equals("Xa") ? "XA (CMT REQUIRED, 1 insert)" : "no transaction",
                        rates == delivery ? "delivery of " + MESSAGES + " queued" : "end to end (mostly sending)",
                        ferry, rates.get("Ferry" + mode), artemis, rates.get("Artemis" + mode), ferry / artemis);
            }
        }
        assertEquals(REPS, delivery.get("FerryNoTx").size());
    }

    /** One run: fill the stopped MDB's queue, start its delivery and time it; then, delivering, end to end; then stop it again. */
    String[] run(String mdb, int n) throws Exception {
        String fill = call(mdb, n, "fill");
        deliveryOperation(mdb, "start-delivery");
        String delivered = call(mdb, n, "await");
        String endToEnd = call(mdb, n, "endToEnd");
        deliveryOperation(mdb, "stop-delivery");
        return new String[] {delivered + " (fill " + fill + ")", endToEnd};
    }

    String call(String mdb, int n, String phase) throws Exception {
        URI uri = URI.create(app + "bench?mdb=" + mdb + "&n=" + n + "&producers=" + PRODUCERS + "&bytes=" + BYTES + "&phase=" + phase);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(15)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError(uri + " -> " + r.statusCode() + ": " + r.body());
        }
        return r.body().trim();
    }

    /** {@code start-delivery} / {@code stop-delivery} of the MDB (WildFly's EJB management operations). */
    void deliveryOperation(String mdb, String operation) throws Exception {
        ModelNode op = new ModelNode();
        op.get("operation").set(operation);
        op.get("address").add("deployment", "mdb-bench.war").add("subsystem", "ejb3").add("message-driven-bean", mdb + "Mdb");
        ModelNode result = execute(op);
        if (!"success".equals(result.get("outcome").asString())) {
            throw new AssertionError(operation + " " + mdb + ": " + result);
        }
    }

    /** A management operation on the server, over its management port (local authentication, as jboss-cli uses). */
    static ModelNode execute(ModelNode op) throws Exception {
        try (ModelControllerClient client = ModelControllerClient.Factory.create("remote+http", "127.0.0.1",
                Integer.getInteger("wildfly.management.port"))) {
            return client.execute(op);
        }
    }

    /** What WildFly's activemq-ra gives its MDB sessions unless they say otherwise. */
    String activemqRaWindow() throws Exception {
        ModelNode op = new ModelNode();
        op.get("operation").set("read-attribute");
        op.get("name").set("consumer-window-size");
        op.get("include-defaults").set(true);
        op.get("address").add("subsystem", "messaging-activemq").add("server", "default").add("pooled-connection-factory", "activemq-ra");
        ModelNode result = execute(op);
        return result.get("result").isDefined() ? result.get("result").asString() + " bytes" : "undefined, so Artemis's default 1048576 bytes";
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
