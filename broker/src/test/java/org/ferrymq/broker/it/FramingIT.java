package org.ferrymq.broker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.ferrymq.broker.it.support.RawAmqpClient;
import org.ferrymq.broker.it.support.RawAmqpClient.Close;
import org.ferrymq.broker.it.support.RawAmqpClient.Writer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Frame assembly (spec 4.2.6, 4.2.3): content interleaved across channels, bodies in many small
 * frames, frames split over many TCP segments or packed into one, heartbeats between content
 * frames. Messages are published by hand and read back with the Java client.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class FramingIT {
    @RegisterExtension
    static final BrokerTarget broker = BrokerTarget.any();

    private static Writer basicPublish(String exchange, String key) {
        return new Writer().u16(0).shortStr(exchange).shortStr(key).u8(0);
    }

    private static byte[] contentHeader(long bodySize) {
        return new Writer().u16(60).u16(0).u64(bodySize).u16(0).bytes();
    }

    private static byte[] frame(int type, int channel, byte[] payload) {
        return ByteBuffer.allocate(8 + payload.length).put((byte) type).putShort((short) channel).putInt(payload.length)
                .put(payload).put((byte) RawAmqpClient.FRAME_END).array();
    }

    private static byte[] method(int channel, int classId, int methodId, Writer args) {
        return frame(RawAmqpClient.FRAME_METHOD, channel, new Writer().u16(classId).u16(methodId).raw(args.bytes()).bytes());
    }

    private String queue() throws Exception {
        String q = broker.name("q");
        broker.channel().queueDeclare(q, false, false, false, null);
        return q;
    }

    /** Waits (5 s at most) for the next message in the queue. */
    private GetResponse await(String q) throws Exception {
        Channel ch = broker.channel();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            GetResponse r = ch.basicGet(q, true);
            if (r != null) {
                return r;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("nothing arrived in " + q);
    }

    /** Synchronises with the broker: a round trip on the channel after the publishes. */
    private static void roundTrip(RawAmqpClient raw, int channel) throws Exception {
        raw.sendMethod(channel, 60, 10, new Writer().u32(0).u16(0).u8(0));
        RawAmqpClient.expectMethod(raw.readNonHeartbeat(), 60, 11);
    }

    @Test
    void contentInterleavedAcrossChannelsIsAssembledPerChannel() throws Exception {
        String q1 = queue();
        String q2 = queue();
        try (RawAmqpClient raw = broker.raw()) {
            raw.handshake(broker);
            raw.openChannel(1);
            raw.openChannel(2);
            raw.sendBytes(method(1, 60, 40, basicPublish("", q1)));
            raw.sendBytes(method(2, 60, 40, basicPublish("", q2)));
            raw.sendFrame(RawAmqpClient.FRAME_HEADER, 2, contentHeader(4));
            raw.sendFrame(RawAmqpClient.FRAME_HEADER, 1, contentHeader(6));
            raw.sendFrame(RawAmqpClient.FRAME_BODY, 1, "one-".getBytes());
            raw.sendFrame(RawAmqpClient.FRAME_BODY, 2, "two!".getBytes());
            raw.sendFrame(RawAmqpClient.FRAME_BODY, 1, "ch".getBytes());
            roundTrip(raw, 1);
            roundTrip(raw, 2);
        }
        assertThat(await(q1).getBody()).isEqualTo("one-ch".getBytes());
        assertThat(await(q2).getBody()).isEqualTo("two!".getBytes());
    }

    @Test
    void bodyInManyOneByteFramesIsAssembled() throws Exception {
        String q = queue();
        byte[] body = new byte[300];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 7);
        }
        try (RawAmqpClient raw = broker.raw()) {
            raw.handshake(broker);
            raw.openChannel(1);
            raw.sendMethod(1, 60, 40, basicPublish("", q));
            raw.sendFrame(RawAmqpClient.FRAME_HEADER, 1, contentHeader(body.length));
            for (byte b : body) {
                raw.sendFrame(RawAmqpClient.FRAME_BODY, 1, new byte[] {b});
            }
            roundTrip(raw, 1);
        }
        assertThat(await(q).getBody()).isEqualTo(body);
    }

    @Test
    void zeroSizeContentNeedsNoBodyFrame() throws Exception {
        String q = queue();
        try (RawAmqpClient raw = broker.raw()) {
            raw.handshake(broker);
            raw.openChannel(1);
            raw.sendMethod(1, 60, 40, basicPublish("", q));
            raw.sendFrame(RawAmqpClient.FRAME_HEADER, 1, contentHeader(0));
            roundTrip(raw, 1);
        }
        assertThat(await(q).getBody()).isEmpty();
    }

    @Test
    void heartbeatsBetweenContentFramesAreAllowed() throws Exception {
        String q = queue();
        try (RawAmqpClient raw = broker.raw()) {
            raw.handshake(broker);
            raw.openChannel(1);
            raw.sendMethod(1, 60, 40, basicPublish("", q));
            raw.sendHeartbeat();
            raw.sendFrame(RawAmqpClient.FRAME_HEADER, 1, contentHeader(2));
            raw.sendHeartbeat();
            raw.sendFrame(RawAmqpClient.FRAME_BODY, 1, "ok".getBytes());
            roundTrip(raw, 1);
        }
        assertThat(await(q).getBody()).isEqualTo("ok".getBytes());
    }

    @Test
    void framesSplitIntoSingleBytesAreReassembled() throws Exception {
        String q = queue();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(method(1, 60, 40, basicPublish("", q)));
        all.writeBytes(frame(RawAmqpClient.FRAME_HEADER, 1, contentHeader(5)));
        all.writeBytes(frame(RawAmqpClient.FRAME_BODY, 1, "slow!".getBytes()));
        try (RawAmqpClient raw = broker.raw()) {
            raw.handshake(broker);
            raw.openChannel(1);
            for (byte b : all.toByteArray()) {
                raw.sendBytes(new byte[] {b});
            }
            roundTrip(raw, 1);
        }
        assertThat(await(q).getBody()).isEqualTo("slow!".getBytes());
    }

    @Test
    void manyFramesInOneWriteAreAllProcessed() throws Exception {
        String q = queue();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < 50; i++) {
            byte[] body = ("m" + i).getBytes();
            all.writeBytes(method(1, 60, 40, basicPublish("", q)));
            all.writeBytes(frame(RawAmqpClient.FRAME_HEADER, 1, contentHeader(body.length)));
            all.writeBytes(frame(RawAmqpClient.FRAME_BODY, 1, body));
        }
        try (RawAmqpClient raw = broker.raw()) {
            raw.handshake(broker);
            raw.openChannel(1);
            raw.sendBytes(all.toByteArray());
            roundTrip(raw, 1);
        }
        Channel ch = broker.channel();
        for (int i = 0; i < 50; i++) {
            GetResponse r = i == 0 ? await(q) : ch.basicGet(q, true);
            assertThat(new String(r.getBody())).isEqualTo("m" + i);
        }
    }

    @Test
    void heartbeatOnANonZeroChannelIsAConnectionError() throws Exception {
        try (RawAmqpClient raw = broker.raw()) {
            raw.handshake(broker);
            raw.openChannel(1);
            raw.sendFrame(RawAmqpClient.FRAME_HEARTBEAT, 1, new byte[0]);
            Close close = raw.closeOrEof();
            assertThat(close).isNotNull();
            // RabbitMQ: 505 "UNEXPECTED_FRAME - type 8, all octets = <<>>" (the spec's text suggests 501)
            assertThat(close.replyCode()).isEqualTo(505);
            assertThat(close.replyText()).startsWith("UNEXPECTED_FRAME");
        }
    }
}
