package org.ferrymq.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.it.support.AmqpAssertions.assertChannelClose;
import static org.ferrymq.broker.it.support.AmqpAssertions.awaitShutdown;
import static org.ferrymq.broker.it.support.AmqpAssertions.shutdownOf;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.LongString;
import com.rabbitmq.client.impl.LongStringHelper;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.ferrymq.broker.it.support.Deliveries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Content (spec 4.2.6): properties, header field types, bodies of every size, split across frames. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MessageContentIT {
    @RegisterExtension
    static final BrokerTarget broker = BrokerTarget.any();

    private String queue(Channel ch) throws Exception {
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, null);
        return q;
    }

    private GetResponse roundTrip(AMQP.BasicProperties props, byte[] body) throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch);
        ch.basicPublish("", q, props, body);
        Deliveries d = Deliveries.consume(ch, q, true);
        Delivery m = d.next();
        return new GetResponse(m.getEnvelope(), m.getProperties(), m.getBody(), 0);
    }

    @Test
    void allBasicPropertiesArriveUnchanged() throws Exception {
        Date timestamp = new Date(1_700_000_000_000L);
        AMQP.BasicProperties sent = new AMQP.BasicProperties.Builder()
                .contentType("application/json").contentEncoding("gzip").headers(Map.of("h", "v"))
                .deliveryMode(2).priority(7).correlationId("corr-1").replyTo("reply-q").expiration("60000")
                .messageId("msg-1").timestamp(timestamp).type("order.created").userId(broker.username())
                .appId("brokerit").clusterId("cluster-x").build();
        AMQP.BasicProperties got = roundTrip(sent, "{}".getBytes()).getProps();
        assertThat(got.getContentType()).isEqualTo("application/json");
        assertThat(got.getContentEncoding()).isEqualTo("gzip");
        assertThat(got.getHeaders()).containsEntry("h", LongStringHelper.asLongString("v"));
        assertThat(got.getDeliveryMode()).isEqualTo(2);
        assertThat(got.getPriority()).isEqualTo(7);
        assertThat(got.getCorrelationId()).isEqualTo("corr-1");
        assertThat(got.getReplyTo()).isEqualTo("reply-q");
        assertThat(got.getExpiration()).isEqualTo("60000");
        assertThat(got.getMessageId()).isEqualTo("msg-1");
        assertThat(got.getTimestamp()).isEqualTo(timestamp);
        assertThat(got.getType()).isEqualTo("order.created");
        assertThat(got.getUserId()).isEqualTo(broker.username());
        assertThat(got.getAppId()).isEqualTo("brokerit");
        assertThat(got.getClusterId()).isEqualTo("cluster-x");
    }

    @Test
    void absentPropertiesStayAbsent() throws Exception {
        AMQP.BasicProperties got = roundTrip(new AMQP.BasicProperties.Builder().build(), "x".getBytes()).getProps();
        assertThat(got.getContentType()).isNull();
        assertThat(got.getHeaders()).isNull();
        assertThat(got.getDeliveryMode()).isNull();
        assertThat(got.getPriority()).isNull();
        assertThat(got.getTimestamp()).isNull();
        assertThat(got.getMessageId()).isNull();
    }

    @Test
    void headerValuesOfEveryFieldTypeArriveUnchanged() throws Exception {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("inner", 1);
        nested.put("deeper", Map.of("x", "y"));
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("longstr", "text ✓ unicode");
        headers.put("int", 123456);
        headers.put("negative-int", -42);
        headers.put("long", 1L << 40);
        headers.put("short", (short) 1234);
        headers.put("byte", (byte) -7);
        headers.put("double", 3.25d);
        headers.put("float", 1.5f);
        headers.put("decimal", new BigDecimal("123.45"));
        headers.put("timestamp", new Date(1_600_000_000_000L));
        headers.put("bool-true", true);
        headers.put("bool-false", false);
        headers.put("bytes", new byte[] {0, 1, (byte) 0xff});
        headers.put("void", null);
        headers.put("table", nested);
        headers.put("array", List.of(1, "two", true, List.of(3L)));
        headers.put("empty-array", List.of());
        headers.put("empty-table", Map.of());

        Map<String, Object> got = roundTrip(new AMQP.BasicProperties.Builder().headers(headers).build(), new byte[0])
                .getProps().getHeaders();

        assertThat(got).hasSize(headers.size());
        assertThat(got.get("longstr")).isInstanceOf(LongString.class);
        assertThat(got.get("longstr").toString()).isEqualTo("text ✓ unicode");
        assertThat(got.get("int")).isEqualTo(123456);
        assertThat(got.get("negative-int")).isEqualTo(-42);
        assertThat(got.get("long")).isEqualTo(1L << 40);
        assertThat(got.get("short")).isEqualTo((short) 1234);
        assertThat(got.get("byte")).isEqualTo((byte) -7);
        assertThat(got.get("double")).isEqualTo(3.25d);
        assertThat(got.get("float")).isEqualTo(1.5f);
        assertThat(got.get("decimal")).isEqualTo(new BigDecimal("123.45"));
        assertThat(got.get("timestamp")).isEqualTo(new Date(1_600_000_000_000L));
        assertThat(got.get("bool-true")).isEqualTo(true);
        assertThat(got.get("bool-false")).isEqualTo(false);
        assertThat((byte[]) got.get("bytes")).containsExactly(0, 1, 0xff);
        assertThat(got).containsKey("void");
        assertThat(got.get("void")).isNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> table = (Map<String, Object>) got.get("table");
        assertThat(table.get("inner")).isEqualTo(1);
        assertThat(((Map<?, ?>) table.get("deeper")).get("x").toString()).isEqualTo("y");
        List<?> array = (List<?>) got.get("array");
        assertThat(array).hasSize(4);
        assertThat(array.get(0)).isEqualTo(1);
        assertThat(array.get(1).toString()).isEqualTo("two");
        assertThat(array.get(2)).isEqualTo(true);
        assertThat(array.get(3)).isEqualTo(List.of(3L));
        assertThat((List<?>) got.get("empty-array")).isEmpty();
        assertThat((Map<?, ?>) got.get("empty-table")).isEmpty();
    }

    @Test
    void userIdThatIsNotTheAuthenticatedUserIs406() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch);
        var shutdown = shutdownOf(ch);
        ch.basicPublish("", q, new AMQP.BasicProperties.Builder().userId("someone-else").build(), "x".getBytes());
        String text = assertChannelClose(awaitShutdown(shutdown), 406, 60, 40);
        assertThat(text).isEqualTo("PRECONDITION_FAILED - user_id property set to 'someone-else' but authenticated user was '"
                + broker.username() + "'");
    }

    @Test
    void fiveMegabyteMessageCrossesManyFramesIntact() throws Exception {
        byte[] body = new byte[5 * 1024 * 1024];
        new Random(7).nextBytes(body);
        GetResponse got = roundTrip(null, body);
        assertThat(got.getBody()).hasSize(body.length);
        assertThat(got.getBody()).isEqualTo(body);
    }

    @Test
    void bodyOfExactlyOneFrameAndOneByteMoreArriveIntact() throws Exception {
        int frameMax = broker.connection().getFrameMax();
        for (int size : new int[] {frameMax - 8, frameMax - 7, frameMax * 2 - 16}) {
            byte[] body = new byte[size];
            new Random(size).nextBytes(body);
            assertThat(roundTrip(null, body).getBody()).as("size %d", size).isEqualTo(body);
        }
    }

    @Test
    void zeroLengthBodyArrives() throws Exception {
        GetResponse got = roundTrip(new AMQP.BasicProperties.Builder().messageId("empty").build(), new byte[0]);
        assertThat(got.getBody()).isEmpty();
        assertThat(got.getProps().getMessageId()).isEqualTo("empty");
    }

    @Test
    void zeroLengthBodyViaBasicGet() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch);
        ch.basicPublish("", q, null, new byte[0]);
        GetResponse got = ch.basicGet(q, true);
        assertThat(got.getBody()).isEmpty();
    }

    @Test
    void everyByteValueSurvives() throws Exception {
        byte[] body = new byte[256 * 4];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        assertThat(roundTrip(null, body).getBody()).isEqualTo(body);
    }

    @Test
    void manyMessagesKeepTheirOrder() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch);
        Deliveries d = Deliveries.consume(broker.channel(), q, true);
        for (int i = 0; i < 1000; i++) {
            ch.basicPublish("", q, null, Integer.toString(i).getBytes(StandardCharsets.US_ASCII));
        }
        List<Delivery> got = d.next(1000);
        for (int i = 0; i < 1000; i++) {
            assertThat(Deliveries.body(got.get(i))).isEqualTo(Integer.toString(i));
        }
    }

    @Test
    void largeHeadersArriveUnchanged() throws Exception {
        String big = "h".repeat(50_000);
        Map<String, Object> headers = Map.of("big", big);
        Map<String, Object> got = roundTrip(new AMQP.BasicProperties.Builder().headers(headers).build(), "x".getBytes())
                .getProps().getHeaders();
        assertThat(got.get("big").toString()).isEqualTo(big);
    }

    @Test
    void persistentMessageToDurableQueueIsDelivered() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        ch.queueDeclare(q, true, false, false, null);
        ch.confirmSelect();
        ch.basicPublish("", q, new AMQP.BasicProperties.Builder().deliveryMode(2).build(), "durable".getBytes());
        ch.waitForConfirmsOrDie(5000);
        GetResponse got = ch.basicGet(q, true);
        assertThat(got.getBody()).isEqualTo("durable".getBytes());
        assertThat(got.getProps().getDeliveryMode()).isEqualTo(2);
    }
}
