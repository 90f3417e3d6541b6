package org.ferrymq.broker.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;

/** Reads what a queue holds, with basic.get. */
public final class QueueContents {
    private QueueContents() {
    }

    /**
     * Drains the queue with basic.get (no-ack) and returns the bodies as strings, in order. Use the
     * channel that published (or wait for confirms first): RabbitMQ orders a channel's publishes
     * only against that channel's later methods.
     */
    public static List<String> bodies(Channel ch, String q) throws IOException {
        List<String> out = new ArrayList<>();
        for (GetResponse r; (r = ch.basicGet(q, true)) != null; ) {
            out.add(new String(r.getBody(), StandardCharsets.UTF_8));
        }
        return out;
    }
}
