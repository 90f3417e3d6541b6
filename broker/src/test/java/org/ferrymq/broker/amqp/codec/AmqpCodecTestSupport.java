package org.ferrymq.broker.amqp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ResourceLeakDetector;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Shared helpers of the codec tests: embedded decoder channels, frame bytes, sample method values. */
final class AmqpCodecTestSupport {
    static {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    private AmqpCodecTestSupport() {
    }

    /** A decoder channel that has already accepted the protocol header. */
    static EmbeddedChannel decoderChannel(int maxFrameSize) {
        EmbeddedChannel channel = new EmbeddedChannel(new AmqpFrameDecoder(maxFrameSize));
        channel.writeInbound(Unpooled.wrappedBuffer(AmqpFrameWriter.PROTOCOL_HEADER));
        AmqpProtocolHeader header = channel.readInbound();
        assertThat(header.supported()).isTrue();
        return channel;
    }

    /** Everything the channel emitted so far. */
    static List<Object> drain(EmbeddedChannel channel) {
        List<Object> frames = new ArrayList<>();
        for (Object frame; (frame = channel.readInbound()) != null; ) {
            frames.add(frame);
        }
        return frames;
    }

    private static final List<ByteBuf> INPUTS = new ArrayList<>();

    /**
     * Feeds {@code bytes} in one buffer and returns what came out (body payloads are the
     * caller's to release). {@link #finish} checks later that the decoder let go of every input.
     */
    static List<Object> decode(EmbeddedChannel channel, byte[] bytes) {
        ByteBuf in = Unpooled.copiedBuffer(bytes);
        if (bytes.length > 0) { // the shared empty buffer is never released
            INPUTS.add(in);
        }
        channel.writeInbound(in);
        return drain(channel);
    }

    /** Closes the channel, releases what it still emits, and checks no input buffer is still referenced. */
    static void finish(EmbeddedChannel channel) {
        channel.finish();
        releaseBodies(drain(channel));
        for (int i = 0; i < INPUTS.size(); i++) {
            ByteBuf in = INPUTS.get(i);
            assertThat(in.refCnt()).as("input buffer %d of %d released: %s", i, INPUTS.size(), in).isZero();
        }
        INPUTS.clear();
    }

    static void releaseBodies(List<Object> frames) {
        for (Object frame : frames) {
            if (frame instanceof AmqpContentBodyFrame body) {
                body.payload().release();
            }
        }
    }

    static byte[] methodFrame(int channel, AmqpMethod method) {
        ByteBuf buf = Unpooled.buffer();
        AmqpFrameWriter.writeMethod(buf, channel, method);
        return bytesOf(buf);
    }

    /** A frame with an arbitrary type and payload (and a chosen frame-end octet). */
    static byte[] rawFrame(int type, int channel, byte[] payload, int frameEnd) {
        ByteBuf buf = Unpooled.buffer();
        buf.writeByte(type).writeShort(channel).writeInt(payload.length).writeBytes(payload).writeByte(frameEnd);
        return bytesOf(buf);
    }

    static byte[] rawFrame(int type, int channel, byte[] payload) {
        return rawFrame(type, channel, payload, 0xCE);
    }

    static byte[] methodPayload(int classId, int methodId, byte[] arguments) {
        ByteBuf buf = Unpooled.buffer();
        buf.writeShort(classId).writeShort(methodId).writeBytes(arguments);
        return bytesOf(buf);
    }

    static byte[] bytesOf(ByteBuf buf) {
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteBuf buf = Unpooled.buffer();
        for (byte[] part : parts) {
            buf.writeBytes(part);
        }
        return bytesOf(buf);
    }

    static byte[] hex(String hex) {
        return ByteBufUtil.decodeHexDump(hex.replaceAll("\\s+", ""));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A table with every value type that survives Map.equals (no byte[]), nested. */
    static Map<String, Object> sampleTable() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("publisher_confirms", true);
        nested.put("depth", 2);
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("x-message-ttl", 60000);
        table.put("x-max-length-bytes", 1L << 40);
        table.put("x-queue-type", "classic-é");
        table.put("flag", false);
        table.put("byte", (byte) -3);
        table.put("short", (short) -300);
        table.put("float", 1.5f);
        table.put("double", -2.25d);
        table.put("decimal", new BigDecimal("12.345"));
        table.put("when", new Date(1_700_000_000_000L));
        table.put("nothing", null);
        table.put("capabilities", nested);
        table.put("list", List.of("a", 1, List.of(), Map.of()));
        table.put("empty", Map.of());
        return table;
    }

    /** How a record's components are filled by {@link #sample}. */
    enum Fill { RICH, EMPTY, ALTERNATE }

    /** An instance of a generated method record with every component set according to {@code fill}. */
    static AmqpMethod sample(Class<? extends AmqpMethod> type, Fill fill) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            Class<?> t = types[i];
            boolean rich = fill == Fill.RICH || (fill == Fill.ALTERNATE && i % 2 == 0);
            if (t == boolean.class) {
                values[i] = rich;
            } else if (t == int.class) {
                values[i] = rich ? 200 + i : 0; // fits an octet and a short
            } else if (t == long.class) {
                values[i] = rich ? 4_000_000_000L + i : 0L; // past a signed int, fits an unsigned one
            } else if (t == String.class) {
                values[i] = rich ? components[i].getName() + "-é" : "";
            } else if (t == byte[].class) {
                values[i] = rich ? new byte[] {0, 'u', 's', 'e', 'r', 0, (byte) 0xFF} : new byte[0];
            } else if (t == Map.class) {
                values[i] = rich ? sampleTable() : Map.of();
            } else {
                throw new AssertionError("unexpected component type " + t);
            }
        }
        try {
            Constructor<? extends AmqpMethod> constructor = type.getDeclaredConstructor(types);
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
