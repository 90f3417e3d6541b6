package org.ferrymq.broker.amqp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.ferrymq.broker.errors.AmqpException;

/**
 * Property-based fuzzing (jqwik) of the frame decoder and the command assembler, fed the way the
 * connection feeds them: valid frames of every kind (methods with tables, content headers with
 * properties, bodies, heartbeats), mutated (bytes flipped, cut, frame types and channels changed,
 * sizes lied about, random bytes), split into arbitrary TCP reads. For every input:
 * <ul>
 *   <li>nothing but {@link AmqpException} comes out of the decoder or an assembler (no other exception,
 *       no stack overflow): the connection can always answer with a reply code;</li>
 *   <li>after a bad frame the decoder emits nothing more (the connection closes cleanly);</li>
 *   <li>every input buffer and body frame is released once the connection releases what it got
 *       (the build's paranoid leak detection watches too), and the memory the assemblers charged
 *       for half-received bodies is all given back.</li>
 * </ul>
 * Tries: {@code jqwik.tries.default} (300 in the build, a few seconds; {@code scripts/fuzz-codec.sh}
 * runs hundreds of thousands).
 */
class AmqpFrameFuzzTest {
    private static final int FRAME_MAX = 4096;

    /** Counts what assemblers charge, like the broker's ResourceUsage, with a small cap. */
    static final class CountingMemory implements BodyMemory {
        long charged;

        @Override
        public boolean reserve(long bytes) {
            if (charged + bytes > 1 << 20) {
                return false;
            }
            charged += bytes;
            return true;
        }

        @Override
        public void free(long bytes) {
            charged -= bytes;
        }

        @Override
        public long headroom() {
            return (1 << 20) - charged;
        }
    }

    @Property
    void anyInputEndsInCommandsOrAReplyCodeAndReleasesEverything(@ForAll("inputs") List<byte[]> reads) {
        EmbeddedChannel channel = new EmbeddedChannel(new AmqpFrameDecoder(FRAME_MAX));
        CountingMemory memory = new CountingMemory();
        Map<Integer, AmqpCommandAssembler> assemblers = new HashMap<>();
        List<ByteBuf> inputs = new ArrayList<>();
        boolean closed = false;
        try {
            channel.writeInbound(Unpooled.wrappedBuffer(AmqpFrameWriter.PROTOCOL_HEADER));
            assertThat((Object) channel.readInbound()).isInstanceOf(AmqpProtocolHeader.class);
            for (byte[] read : reads) {
                ByteBuf in = PooledByteBufAllocator.DEFAULT.directBuffer(read.length).writeBytes(read);
                inputs.add(in);
                channel.writeInbound(in);
                for (Object frame; (frame = channel.readInbound()) != null; ) {
                    try {
                        assertThat(closed).as("a frame after the connection closed: %s", frame).isFalse();
                        if (frame instanceof AmqpBadFrame) {
                            closed = true; // the decoder discards everything from here on
                        }
                        AmqpFrame amqpFrame = (AmqpFrame) frame;
                        AmqpCommandAssembler assembler = assemblers.computeIfAbsent(amqpFrame.channel(),
                                c -> new AmqpCommandAssembler(64 * 1024, memory));
                        try {
                            AmqpCommand command = assembler.accept(amqpFrame);
                            if (command != null && command.hasContent()) {
                                assertThat(command.body()).isNotNull();
                            }
                        } catch (AmqpException reply) {
                            assertThat(reply.replyCode()).isNotNull(); // the connection answers with it
                        }
                    } finally {
                        ReferenceCountUtil.release(frame); // the connection's part
                    }
                }
            }
        } finally {
            channel.finishAndReleaseAll();
            assemblers.values().forEach(AmqpCommandAssembler::release); // the channels close
        }
        for (ByteBuf in : inputs) {
            assertThat(in.refCnt()).as("input buffer released").isZero();
        }
        assertThat(memory.charged).as("body memory given back").isZero();
    }

    // ---- inputs ------------------------------------------------------------------------------

    @Provide
    Arbitrary<List<byte[]>> inputs() {
        Arbitrary<byte[]> frame = Arbitraries.oneOf(validFrames(), validFrames(), validFrames(), mutated(), randomBytes());
        return frame.list().ofMinSize(1).ofMaxSize(12)
                .flatMap(frames -> Arbitraries.integers().between(1, 64).list().ofSize(8)
                        .map(cuts -> splitIntoReads(concatenate(frames), cuts)));
    }

    private static Arbitrary<byte[]> validFrames() {
        Arbitrary<Integer> channels = Arbitraries.integers().between(0, 3);
        Arbitrary<byte[]> bodies = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<AmqpMethod> methods = Arbitraries.of(
                new AmqpChannelOpen(),
                new AmqpBasicPublish("", "q", false, false),
                new AmqpBasicPublish("amq.direct", "key", true, false),
                new AmqpBasicAck(1, false),
                new AmqpBasicQos(0, 10, false),
                new AmqpQueueDeclare("q\r\n", false, false, false, false, false, nested(3)),
                new AmqpExchangeDeclare("x", "topic", false, true, false, false, false, Map.of("alternate-exchange", "ae")),
                new AmqpChannelClose(200, "bye", 0, 0),
                new AmqpConnectionClose(200, "bye", 0, 0));
        return Arbitraries.oneOf(
                channels.flatMap(ch -> methods.map(m -> {
                    ByteBuf out = Unpooled.buffer();
                    AmqpFrameWriter.writeMethod(out, ch, m);
                    return bytes(out);
                })),
                channels.flatMap(ch -> bodies.map(body -> {
                    ByteBuf out = Unpooled.buffer();
                    AmqpFrameWriter.writeContent(out, ch, new AmqpBasicProperties("text/plain", null, nested(2), 2,
                            null, "c", null, null, null, null, null, null, null, null), body, FRAME_MAX);
                    return bytes(out);
                })),
                Arbitraries.just(new byte[] {8, 0, 0, 0, 0, 0, 0, (byte) 0xCE}));
    }

    private static Map<String, Object> nested(int depth) {
        Map<String, Object> table = Map.of("leaf", List.of(1, "two", 3L));
        for (int i = 0; i < depth; i++) {
            table = Map.of("level" + i, table, "list" + i, List.of(table));
        }
        return table;
    }

    /** A valid frame with a few bytes changed, cut short, or its header lying about type, channel or size. */
    private static Arbitrary<byte[]> mutated() {
        return validFrames().flatMap(frame -> Arbitraries.integers().between(0, 4).flatMap(kind ->
                Arbitraries.integers().between(0, frame.length - 1).flatMap(at ->
                        Arbitraries.bytes().map(value -> {
                            byte[] copy = frame.clone();
                            switch (kind) {
                                case 0 -> copy[at] = value;                                   // a byte changed
                                case 1 -> copy = java.util.Arrays.copyOf(copy, at);           // cut short
                                case 2 -> copy[0] = (byte) (value & 0x0f);                    // another frame type
                                case 3 -> { copy[3] = value; copy[4] = (byte) (value >> 1); } // size lies
                                default -> { copy[1] = value; copy[2] = value; }              // another channel
                            }
                            return copy;
                        }))));
    }

    private static Arbitrary<byte[]> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(64);
    }

    private static byte[] bytes(ByteBuf buf) {
        byte[] b = new byte[buf.readableBytes()];
        buf.readBytes(b);
        return b;
    }

    private static byte[] concatenate(List<byte[]> parts) {
        return AmqpCodecTestSupport.concat(parts.toArray(new byte[0][]));
    }

    /** Splits the stream at the given cut sizes (then the rest), as TCP might deliver it. */
    private static List<byte[]> splitIntoReads(byte[] stream, List<Integer> cuts) {
        List<byte[]> reads = new ArrayList<>();
        int at = 0;
        for (int cut : cuts) {
            if (at >= stream.length) {
                break;
            }
            int end = Math.min(stream.length, at + cut);
            reads.add(java.util.Arrays.copyOfRange(stream, at, end));
            at = end;
        }
        if (at < stream.length) {
            reads.add(java.util.Arrays.copyOfRange(stream, at, stream.length));
        }
        return reads;
    }
}
