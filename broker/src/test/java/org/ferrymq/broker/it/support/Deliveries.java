package org.ferrymq.broker.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;

/**
 * Collects the deliveries of one consumer into a queue the test thread can wait on.
 *
 * <p>Threading: filled by the client's consumer thread, read by the test thread.
 */
public final class Deliveries {
    private final BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
    private final Channel channel;
    private String consumerTag;

    private Deliveries(Channel channel) {
        this.channel = channel;
    }

    /** Starts a consumer on the queue (server-named tag). */
    public static Deliveries consume(Channel ch, String queue, boolean autoAck) throws IOException {
        Deliveries d = new Deliveries(ch);
        d.consumerTag = ch.basicConsume(queue, autoAck, (tag, delivery) -> d.received.add(delivery), tag -> { });
        return d;
    }

    public String consumerTag() {
        return consumerTag;
    }

    public Channel channel() {
        return channel;
    }

    /** The next delivery, failing if none arrives within 5 s. */
    public Delivery next() throws InterruptedException {
        Delivery d = received.poll(5, TimeUnit.SECONDS);
        if (d == null) {
            throw new AssertionError("no delivery within 5 s");
        }
        return d;
    }

    /** The next n deliveries. */
    public List<Delivery> next(int n) throws InterruptedException {
        List<Delivery> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(next());
        }
        return out;
    }

    /** A delivery if one arrives within the time, else null. */
    public Delivery poll(Duration wait) throws InterruptedException {
        return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Deliveries received so far and not yet taken. */
    public int pending() {
        return received.size();
    }

    public static String body(Delivery d) {
        return new String(d.getBody(), StandardCharsets.UTF_8);
    }

    public static List<String> bodies(List<Delivery> ds) {
        return ds.stream().map(Deliveries::body).toList();
    }
}
