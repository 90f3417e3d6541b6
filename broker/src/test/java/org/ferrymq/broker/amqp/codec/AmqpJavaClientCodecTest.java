package org.ferrymq.broker.amqp.codec;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.UnknownClassOrMethodId;
import com.rabbitmq.client.impl.AMQImpl;
import com.rabbitmq.client.impl.Frame;
import com.rabbitmq.client.impl.Method;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.ferrymq.broker.amqp.codec.AmqpCodecTestSupport.Fill;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Date;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.amqp.codec.AmqpCodecTestSupport.methodFrame;

/**
 * Interop with the official RabbitMQ Java client's own codec (com.rabbitmq.client.impl, no
 * socket): every frame FerryMQ writes is read by the client's parser and written back by the
 * client's writer byte for byte, and vice versa for properties.
 */
@Timeout(10)
class AmqpJavaClientCodecTest {

    static Stream<org.junit.jupiter.params.provider.Arguments> everyMethodAndFill() {
        return AmqpMethodRoundTripTest.everyMethodAndFill();
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("everyMethodAndFill")
    void javaClientReadsAndRewritesOurMethodFramesByteForByte(String name, Class<? extends AmqpMethod> type, Fill fill)
            throws IOException {
        AmqpMethod method = AmqpCodecTestSupport.sample(type, fill);
        byte[] ours = methodFrame(3, method);
        byte[] payload = Arrays.copyOfRange(ours, 7, ours.length - 1);

        Method theirs;
        try {
            theirs = AMQImpl.readMethodFrom(new DataInputStream(new ByteArrayInputStream(payload)));
        } catch (UnknownClassOrMethodId e) {
            return; // a method the Java client does not know
        }
        assertThat(theirs.protocolMethodName()).isEqualTo(method.amqpName());
        assertThat(theirs.hasContent()).isEqualTo(method.hasContent());
        byte[] rewritten = write(theirs.toFrame(3));
        boolean hasTables = Arrays.stream(type.getRecordComponents()).anyMatch(c -> c.getType() == Map.class);
        if (fill == Fill.EMPTY || !hasTables) {
            assertThat(rewritten).isEqualTo(ours);
        } else { // the client reads tables into a HashMap, so entries come back in another order
            assertThat(rewritten).hasSameSizeAs(ours);
            var channel = AmqpCodecTestSupport.decoderChannel(0);
            assertThat(AmqpCodecTestSupport.decode(channel, rewritten)).containsExactly(new AmqpMethodFrame(3, method));
            AmqpCodecTestSupport.finish(channel);
        }
    }

    @Test
    void javaClientKnowsAlmostAllOurMethods() throws IOException {
        int known = 0;
        for (Class<? extends AmqpMethod> type : AmqpMethodTable.ALL) {
            AmqpMethod method = AmqpCodecTestSupport.sample(type, Fill.EMPTY);
            byte[] frame = methodFrame(0, method);
            try {
                AMQImpl.readMethodFrom(new DataInputStream(new ByteArrayInputStream(frame, 7, frame.length - 8)));
                known++;
            } catch (UnknownClassOrMethodId e) {
                // tolerated
            }
        }
        assertThat(known).isGreaterThanOrEqualTo(64);
    }

    @Test
    void javaClientMethodsDecodeToOurRecords() throws IOException {
        Map<String, Object> args = Map.of("x-max-priority", 10); // one entry: the client keeps tables in HashMaps
        assertDecodes(new AMQImpl.Queue.Declare(0, "jq", false, true, false, true, false, args),
                new AmqpQueueDeclare("jq", false, true, false, true, false, Map.of("x-max-priority", 10)));
        assertDecodes(new AMQImpl.Basic.Publish(0, "ex", "rk", true, true), new AmqpBasicPublish("ex", "rk", true, true));
        assertDecodes(new AMQImpl.Basic.Consume(0, "q", "ctag", false, true, true, false, null),
                new AmqpBasicConsume("q", "ctag", false, true, true, false, Map.of()));
        assertDecodes(new AMQImpl.Basic.Nack(Long.MAX_VALUE, true, false), new AmqpBasicNack(Long.MAX_VALUE, true, false));
        assertDecodes(new AMQImpl.Connection.TuneOk(0, 131072, 60), new AmqpConnectionTuneOk(0, 131072, 60));
        assertDecodes(new AMQImpl.Channel.Close(406, "PRECONDITION_FAILED - x", 50, 10),
                new AmqpChannelClose(406, "PRECONDITION_FAILED - x", 50, 10));
        assertDecodes(new AMQImpl.Exchange.Declare(0, "e", "topic", false, true, true, true, false, null),
                new AmqpExchangeDeclare("e", "topic", false, true, true, true, false, Map.of()));
    }

    @Test
    void basicPropertiesMatchTheJavaClientBothWays() throws IOException {
        AmqpBasicProperties ours = AmqpBasicPropertiesTest.ALL;
        AMQP.BasicProperties theirs = new AMQP.BasicProperties("application/json", "gzip",
                Map.of("x-retries", 3), 2, 9, "corr-1", "amq.rabbitmq.reply-to", "60000", "msg-1",
                new Date(1_700_000_000_000L), "order.created", "guest", "ferry-test", "cluster-a");

        byte[] theirHeaderPayload = theirs.toFrame(1, 42).getPayload();
        byte[] theirRaw = Arrays.copyOfRange(theirHeaderPayload, 12, theirHeaderPayload.length);
        assertThat(ours.encode()).isEqualTo(theirRaw);
        assertThat(AmqpBasicProperties.decode(theirRaw)).isEqualTo(ours);

        AMQP.BasicProperties parsed = new AMQP.BasicProperties(new DataInputStream(new ByteArrayInputStream(
                AmqpCodecTestSupport.concat(new byte[10], ours.encode())))); // weight and body size first
        assertThat(parsed.getTimestamp()).isEqualTo(new Date(1_700_000_000_000L));
        assertThat(parsed.getDeliveryMode()).isEqualTo(2);
        assertThat(parsed.getClusterId()).isEqualTo("cluster-a");

        // sparse properties
        AMQP.BasicProperties sparse = new AMQP.BasicProperties.Builder().deliveryMode(1).expiration("10").build();
        byte[] sparsePayload = sparse.toFrame(1, 0).getPayload();
        assertThat(AmqpBasicProperties.decode(Arrays.copyOfRange(sparsePayload, 12, sparsePayload.length)))
                .isEqualTo(AmqpBasicProperties.EMPTY.withDeliveryMode(1).withExpiration("10"));
    }

    @Test
    void contentHeaderFrameMatchesTheJavaClient() throws IOException {
        AMQP.BasicProperties theirs = new AMQP.BasicProperties.Builder().contentType("text/plain").priority(4).build();
        byte[] theirFrame = write(theirs.toFrame(6, 12345));
        AmqpBasicProperties ours = new AmqpBasicProperties("text/plain", null, null, null, 4, null, null, null, null,
                null, null, null, null, null);
        ByteBuf buf = Unpooled.buffer();
        AmqpFrameWriter.writeContent(buf, 6, 60, ours.encode(), new byte[12345], 0);
        byte[] oursBytes = AmqpCodecTestSupport.bytesOf(buf);
        assertThat(Arrays.copyOf(oursBytes, theirFrame.length)).isEqualTo(theirFrame);
    }

    private static void assertDecodes(Method theirs, AmqpMethod expected) throws IOException {
        byte[] frame = write(theirs.toFrame(1));
        var channel = AmqpCodecTestSupport.decoderChannel(0);
        assertThat(AmqpCodecTestSupport.decode(channel, frame)).containsExactly(new AmqpMethodFrame(1, expected));
        AmqpCodecTestSupport.finish(channel);
        assertThat(methodFrame(1, expected)).isEqualTo(frame);
    }

    private static byte[] write(Frame frame) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        frame.writeTo(out);
        out.flush();
        return bytes.toByteArray();
    }
}
