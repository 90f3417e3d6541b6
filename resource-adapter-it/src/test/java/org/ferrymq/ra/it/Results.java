package org.ferrymq.ra.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import org.ferrymq.jms.FerryConnectionFactory;

/** What the test MDBs reported (queue {@code results.<destination>}), how tests feed queues, and what they measure. */
public final class Results {
    private Results() {
    }

    /** One delivery as the MDB saw it. */
    public record Delivery(String mdb, String text, long start, long end, String thread, boolean redelivered, int deliveryCount, String module) {
        static Delivery of(Message m) throws JMSException {
            return new Delivery(m.getStringProperty("mdb"), ((TextMessage) m).getText(), m.getLongProperty("start"),
                    m.getLongProperty("end"), m.getStringProperty("thread"), m.getBooleanProperty("redelivered"),
                    m.getIntProperty("deliveryCount"), m.getStringProperty("module"));
        }
    }

    /** Waits for {@code count} reports from an MDB, then for 500 ms more to catch any extra one. */
    public static List<Delivery> await(String brokerUri, String mdb, int count, long timeoutMs) throws JMSException {
        List<Delivery> got = new ArrayList<>();
        try (JMSContext ctx = new FerryConnectionFactory(brokerUri).createContext()) {
            JMSConsumer c = ctx.createConsumer(ctx.createQueue("results." + mdb));
            long until = System.currentTimeMillis() + timeoutMs;
            while (got.size() < count && System.currentTimeMillis() < until) {
                Message m = c.receive(Math.max(1, until - System.currentTimeMillis()));
                if (m != null) {
                    got.add(Delivery.of(m));
                }
            }
            Message extra;
            while ((extra = c.receive(500)) != null) {
                got.add(Delivery.of(extra));
            }
        }
        return got;
    }

    /** The most onMessage calls that ran at the same moment. */
    public static int mostAtOnce(List<Delivery> deliveries) {
        List<long[]> events = new ArrayList<>();
        for (Delivery d : deliveries) {
            events.add(new long[] {d.start(), 1});
            events.add(new long[] {d.end(), -1});
        }
        events.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        int now = 0;
        int most = 0;
        for (long[] e : events) {
            now += (int) e[1];
            most = Math.max(most, now);
        }
        return most;
    }

    /** Publishes with pika, as the tutorial does: {@code basic_publish('', queue, body)} with a header. */
    public static void pikaSend(String amqpUri, String queue, int count, String header, String value) throws IOException, InterruptedException {
        String script = """
                import pika, sys
                uri, queue, count, header, value = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
                connection = pika.BlockingConnection(pika.URLParameters(uri))
                channel = connection.channel()
                for i in range(count):
                    headers = {header: value} if header else None
                    channel.basic_publish(exchange='', routing_key=queue, body=('pika-%d' % i).encode(),
                                          properties=pika.BasicProperties(delivery_mode=2, headers=headers, content_type='text/plain'))
                connection.close()
                """;
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, amqpUri.replace("amqp://", "amqp://"), queue,
                String.valueOf(count), header == null ? "" : header, value == null ? "" : value).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("pika did not finish");
        }
        try (InputStream out = p.getInputStream()) {
            String text = new String(out.readAllBytes());
            if (p.exitValue() != 0) {
                throw new IOException("pika failed: " + text);
            }
        }
    }

    /** GET on the test application's servlet. */
    public static String get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(uri + " -> " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }
}
