package org.ferrymq.ra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The takeaway example as a Jakarta EE application ({@code examples-ee}, {@code takeaway.war}),
 * deployed the way its README says: ferrymq-install.cli, then the WAR. An order placed over HTTP
 * and one placed by pika both reach the restaurant and rider MDBs, whose status lands in the
 * database (read back over HTTP) and whose notifications reach a pika watcher.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(900)
class TakeawayEeIT {
    static final ExternalBroker BROKER = ExternalBroker.get();
    static final Path PYTHON = Path.of(System.getProperty("ferrymq.examples.python"));

    @ArquillianResource
    Deployer deployer;

    /** The WAR exactly as examples-ee built it. */
    @Deployment(name = "takeaway", managed = false, testable = false)
    static WebArchive takeaway() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("ferrymq.takeaway.war")));
    }

    @Test
    void ordersFromHttpAndPikaAreCookedRiddenRecordedAndNotified() throws Exception {
        WildFlyCli.install(BROKER.uri());
        Process watcher = null;
        try {
            deployer.deploy("takeaway");
            try {
                List<String> notifications = new CopyOnWriteArrayList<>();
                watcher = python(4, "watch");
                awaitLine(watcher, notifications, " [*] Waiting", 60);

                String base = WildFlyCli.http() + "takeaway/orders";
                HttpResponse<String> placed = http(HttpRequest.newBuilder(URI.create(base + "?city=beijing&dish=dumplings"))
                        .POST(HttpRequest.BodyPublishers.noBody()));
                assertEquals(202, placed.statusCode(), placed.body());
                String webId = match("\"id\":\"(\\w+)\"", placed.body());

                Process order = python(0, "order", "shanghai", "xiaolongbao");
                assertTrue(order.waitFor(60, TimeUnit.SECONDS));
                String pikaOutput = new String(order.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                String pikaId = match("Placed order (\\w+)", pikaOutput);

                String web = awaitStatus(base + "/" + webId);
                String pika = awaitStatus(base + "/" + pikaId);
                assertEquals("{\"id\":\"" + webId + "\",\"city\":\"beijing\",\"dish\":\"dumplings\",\"restaurant\":\"accepted\",\"rider\":\"on the way\"}", web);
                assertEquals("{\"id\":\"" + pikaId + "\",\"city\":\"shanghai\",\"dish\":\"xiaolongbao\",\"restaurant\":\"accepted\",\"rider\":\"on the way\"}", pika);
                assertEquals(404, http(HttpRequest.newBuilder(URI.create(base + "/nosuchorder"))).statusCode());

                awaitLine(watcher, notifications, null, 60);
                assertTrue(watcher.waitFor(30, TimeUnit.SECONDS), "the watcher got its 4 notifications: " + notifications);
                assertEquals(Stream.of(
                        "order " + pikaId + ": a rider is on the way", "order " + pikaId + ": accepted by the restaurant",
                        "order " + webId + ": a rider is on the way", "order " + webId + ": accepted by the restaurant").sorted().toList(),
                        notifications.stream().map(l -> l.replace(" [x] ", "")).sorted().toList());
            } finally {
                if (watcher != null) {
                    watcher.destroyForcibly();
                }
                deployer.undeploy("takeaway");
            }
        } finally {
            WildFlyCli.uninstall();
        }
    }

    /** Polls the order's status until the restaurant and a rider are both recorded (60 s). */
    static String awaitStatus(String url) throws Exception {
        long until = System.currentTimeMillis() + 60_000;
        String last = "";
        while (System.currentTimeMillis() < until) {
            HttpResponse<String> r = http(HttpRequest.newBuilder(URI.create(url)));
            last = r.statusCode() + " " + r.body();
            if (r.statusCode() == 200 && r.body().contains("\"rider\":\"on the way\"") && r.body().contains("\"restaurant\":\"accepted\"")) {
                return r.body();
            }
            Thread.sleep(250);
        }
        throw new AssertionError(url + " never showed both steps; last: " + last);
    }

    static HttpResponse<String> http(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String match(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " in " + text);
        return m.group(1);
    }

    /** examples/python/takeaway_ee.py against the external broker. */
    static Process python(int maxMessages, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/python3", PYTHON.resolve("takeaway_ee.py").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        String port = BROKER.uri().substring(BROKER.uri().lastIndexOf(':') + 1);
        pb.environment().put("AMQP_HOST", "127.0.0.1");
        pb.environment().put("AMQP_PORT", port);
        pb.environment().put("MAX_MESSAGES", String.valueOf(maxMessages));
        return pb.start();
    }

    /**
     * Reads the watcher's lines into {@code lines} until one starts with {@code prefix} (or, with
     * null, until the process ends), for at most the given seconds.
     */
    static void awaitLine(Process p, List<String> lines, String prefix, int seconds) throws Exception {
        BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Thread t = new Thread(() -> {
            try {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (prefix != null && line.startsWith(prefix)) {
                        return;
                    }
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process was killed
            }
        });
        t.setDaemon(true);
        t.start();
        t.join(seconds * 1000L);
    }
}
