package org.ferrymq.broker.it.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.it.durability.Probe.PERSISTENT;
import static org.ferrymq.broker.it.durability.Probe.TRANSIENT;
import static org.ferrymq.broker.it.durability.Probe.bodies;
import static org.ferrymq.broker.it.durability.Probe.body;
import static org.ferrymq.broker.it.durability.Probe.bytes;
import static org.ferrymq.broker.it.durability.Probe.depth;
import static org.ferrymq.broker.it.durability.Probe.drain;
import static org.ferrymq.broker.it.durability.Probe.publishPersistent;
import static org.ferrymq.broker.it.durability.Probe.queueExists;
import static org.ferrymq.broker.it.support.AmqpAssertions.sync;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.LongString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Which messages a restart keeps: persistent ones in durable queues, unsettled, in order, marked redelivered. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PersistentMessageRestartIT {
    @RegisterExtension
    final RestartableBroker broker = new RestartableBroker();

    private static String[] numbered(String prefix, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> prefix + i).toArray(String[]::new);
    }

    @Test
    void persistentMessagesSurviveInOrderMarkedRedelivered() throws Exception {
        Channel ch = broker.channel();
        ch.queueDeclare("q", true, false, false, null);
        publishPersistent(ch, "", "q", numbered("m", 200));
        sync(ch);

        broker.restart();

        Channel after = broker.channel();
        List<GetResponse> got = drain(after, "q");
        assertThat(bodies(got)).containsExactly(numbered("m", 200));
        assertThat(got).allSatisfy(r -> assertThat(r.getEnvelope().isRedeliver()).as("redelivered").isTrue());
    }

    @Test
    void propertiesAndHeadersSurviveIntact() throws Exception {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("inner", "value");
        nested.put("n", 7);
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("string", "text é ✓");
        headers.put("int", 42);
        headers.put("long", 1L << 40);
        headers.put("bool", true);
        headers.put("double", 2.5d);
        headers.put("decimal", new BigDecimal("12.34"));
        headers.put("timestamp", new Date(1_700_000_000_000L));
        headers.put("bytes", new byte[] {0, 1, (byte) 0xff});
        headers.put("table", nested);
        headers.put("array", List.of("a", 1, false));
        headers.put("void", null);
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .contentType("application/json").contentEncoding("gzip").headers(headers)
                .deliveryMode(2).priority(3).correlationId("corr-1").replyTo("replies")
                .expiration("3600000").messageId("msg-1").timestamp(new Date(1_700_000_000_000L))
                .type("order.created").userId("guest").appId("durable-it").build();
        byte[] body = new byte[70_000]; // more than one body frame at the default frame_max
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31);
        }
        Channel ch = broker.channel();
        ch.queueDeclare("q", true, false, false, null);
        ch.basicPublish("", "q", props, body);
        sync(ch);
        AMQP.BasicProperties before = ch.basicGet("q", false).getProps(); // as delivered before the restart

        broker.restart();

        GetResponse r = broker.channel().basicGet("q", true);
        assertThat(r).isNotNull();
        assertThat(r.getBody()).isEqualTo(body);
        AMQP.BasicProperties p = r.getProps();
        assertThat(p.getContentType()).isEqualTo("application/json");
        assertThat(p.getContentEncoding()).isEqualTo("gzip");
        assertThat(p.getDeliveryMode()).isEqualTo(2);
        assertThat(p.getPriority()).isEqualTo(3);
        assertThat(p.getCorrelationId()).isEqualTo("corr-1");
        assertThat(p.getReplyTo()).isEqualTo("replies");
        assertThat(p.getExpiration()).isEqualTo("3600000");
        assertThat(p.getMessageId()).isEqualTo("msg-1");
        assertThat(p.getTimestamp()).isEqualTo(new Date(1_700_000_000_000L));
        assertThat(p.getType()).isEqualTo("order.created");
        assertThat(p.getUserId()).isEqualTo("guest");
        assertThat(p.getAppId()).isEqualTo("durable-it");
        assertThat(normalized(p.getHeaders())).as("headers after restart").isEqualTo(normalized(before.getHeaders()));
        Map<String, Object> h = p.getHeaders();
        assertThat(h.get("string").toString()).isEqualTo("text é ✓");
        assertThat(h.get("int")).isEqualTo(42);
        assertThat(h.get("long")).isEqualTo(1L << 40);
        assertThat(h.get("bool")).isEqualTo(true);
        assertThat(h.get("double")).isEqualTo(2.5d);
        assertThat(h.get("decimal")).isEqualTo(new BigDecimal("12.34"));
        assertThat(h.get("timestamp")).isEqualTo(new Date(1_700_000_000_000L));
        assertThat(h.get("bytes")).isEqualTo(new byte[] {0, 1, (byte) 0xff});
        assertThat(normalized(h.get("table"))).isEqualTo(Map.of("inner", "value", "n", 7));
        assertThat(normalized(h.get("array"))).isEqualTo(List.of("a", 1, false));
        assertThat(h).containsKey("void");
        assertThat(h.get("void")).isNull();
    }

    /** LongStrings as Strings, recursively, so that tables compare by value. */
    private static Object normalized(Object value) {
        if (value instanceof LongString ls) {
            return ls.toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, normalized(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(normalized(v)));
            return out;
        }
        if (value instanceof byte[] b) {
            return java.util.HexFormat.of().formatHex(b);
        }
        return value;
    }

    @Test
    void transientMessagesInADurableQueueAreGone() throws Exception {
        Channel ch = broker.channel();
        ch.queueDeclare("q", true, false, false, null);
        ch.basicPublish("", "q", TRANSIENT, bytes("transient-1"));
        ch.basicPublish("", "q", PERSISTENT, bytes("persistent"));
        ch.basicPublish("", "q", null, bytes("no-properties"));
        ch.basicPublish("", "q", TRANSIENT, bytes("transient-2"));
        sync(ch);

        broker.restart();

        assertThat(bodies(drain(broker.channel(), "q"))).containsExactly("persistent");
    }

    @Test
    void persistentMessagesInANonDurableQueueAreGone() throws Exception {
        Channel ch = broker.channel();
        ch.exchangeDeclare("both", "fanout", true);
        ch.queueDeclare("passing", false, false, false, null);
        ch.queueDeclare("lasting", true, false, false, null);
        ch.queueBind("passing", "both", "");
        ch.queueBind("lasting", "both", "");
        publishPersistent(ch, "both", "", "to-both");
        sync(ch);

        broker.restart();

        Connection c = broker.connect();
        assertThat(queueExists(c, "passing")).isFalse();
        Channel after = c.createChannel();
        after.queueDeclare("passing", false, false, false, null);
        assertThat(bodies(drain(after, "passing"))).isEmpty();
        assertThat(bodies(drain(after, "lasting"))).containsExactly("to-both");
    }

    @Test
    void explicitlyAckedMessagesDoNotComeBack() throws Exception {
        Channel ch = broker.channel();
        ch.queueDeclare("q", true, false, false, null);
        publishPersistent(ch, "", "q", numbered("m", 8));
        sync(ch);
        for (int i = 0; i < 4; i++) { // m1..m4 one by one
            GetResponse r = ch.basicGet("q", false);
            ch.basicAck(r.getEnvelope().getDeliveryTag(), false);
        }
        GetResponse m5 = ch.basicGet("q", false);
        GetResponse m6 = ch.basicGet("q", false);
        ch.basicAck(m6.getEnvelope().getDeliveryTag(), true); // multiple: m5 and m6
        assertThat(body(m5)).isEqualTo("m5");
        sync(ch);

        broker.restart();

        assertThat(bodies(drain(broker.channel(), "q"))).containsExactly("m7", "m8");
    }

    @Test
    void messagesTakenWithBasicGetNoAckDoNotComeBack() throws Exception {
        Channel ch = broker.channel();
        ch.queueDeclare("q", true, false, false, null);
        publishPersistent(ch, "", "q", numbered("m", 5));
        sync(ch);
        for (int i = 0; i < 3; i++) {
            assertThat(ch.basicGet("q", true)).isNotNull(); // m1..m3, no-ack
        }
        sync(ch);

        broker.restart();

        assertThat(bodies(drain(broker.channel(), "q"))).containsExactly("m4", "m5");
    }

    @Test
    void messagesConsumedWithAutoAckDoNotComeBack() throws Exception {
        Channel ch = broker.channel();
        ch.queueDeclare("q", true, false, false, null);
        publishPersistent(ch, "", "q", numbered("m", 5));
        sync(ch);
        LinkedBlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
        String tag = ch.basicConsume("q", true, (t, d) -> deliveries.add(d), t -> { });
        for (int i = 0; i < 5; i++) {
            assertThat(deliveries.poll(5, TimeUnit.SECONDS)).as("delivery %d", i + 1).isNotNull();
        }
        ch.basicCancel(tag);
        sync(ch);

        broker.restart();

        assertThat(bodies(drain(broker.channel(), "q"))).isEmpty();
    }

    @Test
    void messagesUnackedAtShutdownComeBackInOrderMarkedRedelivered() throws Exception {
        Channel ch = broker.channel();
        ch.queueDeclare("q", true, false, false, null);
        publishPersistent(ch, "", "q", numbered("m", 6));
        sync(ch);
        ch.basicQos(10);
        LinkedBlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
        ch.basicConsume("q", false, (tag, d) -> deliveries.add(d), tag -> { });
        List<Delivery> received = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Delivery d = deliveries.poll(5, TimeUnit.SECONDS);
            assertThat(d).as("delivery %d", i + 1).isNotNull();
            received.add(d);
        }
        assertThat(received).allSatisfy(d -> assertThat(d.getEnvelope().isRedeliver()).isFalse());
        ch.basicAck(received.get(0).getEnvelope().getDeliveryTag(), false); // m1
        ch.basicAck(received.get(3).getEnvelope().getDeliveryTag(), false); // m4
        sync(ch);
        // m2, m3, m5, m6 are unacked while the broker stops under the consumer

        broker.restart();

        List<GetResponse> got = drain(broker.channel(), "q");
        assertThat(bodies(got)).containsExactly("m2", "m3", "m5", "m6");
        assertThat(got).allSatisfy(r -> assertThat(r.getEnvelope().isRedeliver()).isTrue());
    }

    @Test
    void requeuedMessagesComeBackInTheirOriginalPlace() throws Exception {
        Channel ch = broker.channel();
        ch.queueDeclare("q", true, false, false, null);
        publishPersistent(ch, "", "q", "m1", "m2", "m3");
        sync(ch);
        GetResponse m1 = ch.basicGet("q", false);
        GetResponse m2 = ch.basicGet("q", false);
        ch.basicNack(m2.getEnvelope().getDeliveryTag(), false, true);
        ch.basicReject(m1.getEnvelope().getDeliveryTag(), true);
        sync(ch);

        broker.restart();

        assertThat(bodies(drain(broker.channel(), "q"))).containsExactly("m1", "m2", "m3");
    }

    @Test
    void messagesOfAQueueDeletedWhileUnackedDoNotReturn() throws Exception {
        Channel ch = broker.channel();
        ch.queueDeclare("q", true, false, false, null);
        publishPersistent(ch, "", "q", "m1", "m2");
        sync(ch);
        Channel holder = broker.channel();
        GetResponse unacked = holder.basicGet("q", false);
        assertThat(unacked).isNotNull();
        ch.queueDelete("q");
        ch.queueDeclare("q", true, false, false, null);
        holder.close(); // the unacked message would go back to a queue that no longer exists

        broker.restart();

        assertThat(depth(broker.connect(), "q")).isZero();
    }

    @Test
    void purgedQueueStaysPurged() throws Exception {
        Channel ch = broker.channel();
        ch.queueDeclare("q", true, false, false, null);
        publishPersistent(ch, "", "q", numbered("old", 20));
        assertThat(ch.queuePurge("q").getMessageCount()).isEqualTo(20);
        publishPersistent(ch, "", "q", "after-purge");
        sync(ch);

        broker.restart();

        assertThat(bodies(drain(broker.channel(), "q"))).containsExactly("after-purge");
    }

    @Test
    void deletedQueueStaysDeletedAndItsMessagesDoNotReturn() throws Exception {
        Channel ch = broker.channel();
        ch.queueDeclare("q", true, false, false, null);
        publishPersistent(ch, "", "q", numbered("old", 20));
        sync(ch);
        ch.queueDelete("q");

        broker.restart();

        Connection c = broker.connect();
        assertThat(queueExists(c, "q")).isFalse();
        Channel after = c.createChannel();
        after.queueDeclare("q", true, false, false, null);
        assertThat(depth(c, "q")).isZero();

        broker.restart(); // and the new, empty queue of the same name stays empty

        assertThat(depth(broker.connect(), "q")).isZero();
    }

    @Test
    void messageRoutedToThreeQueuesSurvivesInEachAndIsSettledPerQueue() throws Exception {
        Channel ch = broker.channel();
        ch.exchangeDeclare("fan", "fanout", true);
        for (String q : List.of("q1", "q2", "q3")) {
            ch.queueDeclare(q, true, false, false, null);
            ch.queueBind(q, "fan", "");
        }
        publishPersistent(ch, "fan", "", "shared");
        sync(ch);

        broker.restart();

        Connection c = broker.connect();
        for (String q : List.of("q1", "q2", "q3")) {
            assertThat(depth(c, q)).as("depth of %s", q).isEqualTo(1);
        }
        Channel after = c.createChannel();
        GetResponse fromQ1 = after.basicGet("q1", false);
        assertThat(body(fromQ1)).isEqualTo("shared");
        after.basicAck(fromQ1.getEnvelope().getDeliveryTag(), false);
        sync(after);

        broker.restart();

        Channel second = broker.channel();
        assertThat(bodies(drain(second, "q1"))).isEmpty();
        GetResponse fromQ2 = second.basicGet("q2", false);
        assertThat(body(fromQ2)).isEqualTo("shared");
        second.basicAck(fromQ2.getEnvelope().getDeliveryTag(), false);
        sync(second);

        broker.restart();

        Connection third = broker.connect();
        assertThat(depth(third, "q1")).isZero();
        assertThat(depth(third, "q2")).isZero();
        assertThat(depth(third, "q3")).isEqualTo(1);
        assertThat(bodies(drain(third.createChannel(), "q3"))).containsExactly("shared");
    }

    @Test
    void survivesSeveralRestartsAndMessagesPublishedBetweenThem() throws Exception {
        Channel ch = broker.channel();
        ch.queueDeclare("q", true, false, false, null);
        publishPersistent(ch, "", "q", "a");
        sync(ch);
        broker.restart();
        Channel second = broker.channel();
        publishPersistent(second, "", "q", "b");
        sync(second);
        broker.restart();
        broker.restart();
        assertThat(bodies(drain(broker.channel(), "q"))).containsExactly("a", "b");
    }
}
