package org.ferrymq.broker.amqp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.ferrymq.broker.errors.AmqpException;
import org.ferrymq.broker.errors.ReplyCode;

import java.util.Arrays;
import java.util.List;

/**
 * Splits a connection's bytes into AMQP 0-9-1 frames (spec sections 4.2.2 and 4.2.3): first
 * the 8-byte protocol header ({@link AmqpProtocolHeader}), then {@link AmqpMethodFrame},
 * {@link AmqpContentHeaderFrame}, {@link AmqpContentBodyFrame} and {@link AmqpHeartbeatFrame}.
 * Incomplete input waits for more bytes. Malformed input never throws: it becomes one
 * {@link AmqpBadFrame} (codes and texts as RabbitMQ 3.10 sends them, see {@code package-info}),
 * after which everything is discarded.
 *
 * <p>One per connection, not sharable; runs on the connection's event loop, like
 * {@link #maxFrameSize(int)}, which the server calls after connection.tune-ok.
 */
public final class AmqpFrameDecoder extends ByteToMessageDecoder {
    private enum State { PROTOCOL_HEADER, FRAMES, DISCARD }

    /** The spec's FRAME-MIN-SIZE: the frame-max in force until connection.tune-ok. */
    public static final int FRAME_MIN_SIZE = 4096;
    private static final int FRAME_HEADER_SIZE = 7;
    /** class-id, weight and body-size before the property flags. */
    private static final int CONTENT_HEADER_PREFIX = 12;

    private State state = State.PROTOCOL_HEADER;
    private int maxFrameSize;

    /**
     * @param maxFrameSize the negotiated frame-max (0 = no limit). Before connection.tune-ok RabbitMQ
     *                     applies 4096 (FRAME-MIN-SIZE); payloads up to {@code maxFrameSize} bytes pass
     */
    public AmqpFrameDecoder(int maxFrameSize) {
        maxFrameSize(maxFrameSize);
    }

    public void maxFrameSize(int maxFrameSize) {
        if (maxFrameSize < 0) {
            throw new IllegalArgumentException("maxFrameSize must be >= 0: " + maxFrameSize);
        }
        this.maxFrameSize = maxFrameSize;
    }

    public int maxFrameSize() {
        return maxFrameSize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        switch (state) {
            case PROTOCOL_HEADER -> decodeProtocolHeader(in, out);
            case FRAMES -> {
                try {
                    decodeFrame(in, out);
                } catch (RuntimeException e) { // a bug of ours, not the peer's: still no throw into the pipeline
                    fail(in, out, new AmqpBadFrame(ReplyCode.INTERNAL_ERROR, "frame decoding failed: " + e, 0, 0, 0));
                }
            }
            case DISCARD -> in.skipBytes(in.readableBytes());
        }
    }

    private void decodeProtocolHeader(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < AmqpFrameWriter.PROTOCOL_HEADER.length) {
            return;
        }
        byte[] received = new byte[AmqpFrameWriter.PROTOCOL_HEADER.length];
        in.readBytes(received);
        boolean supported = Arrays.equals(received, AmqpFrameWriter.PROTOCOL_HEADER);
        out.add(new AmqpProtocolHeader(supported, received));
        state = supported ? State.FRAMES : State.DISCARD;
        if (!supported) {
            in.skipBytes(in.readableBytes());
        }
    }

    private void decodeFrame(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < FRAME_HEADER_SIZE) {
            return;
        }
        int start = in.readerIndex();
        int type = in.getUnsignedByte(start);
        int channel = in.getUnsignedShort(start + 1);
        long size = in.getUnsignedInt(start + 3);
        // Like RabbitMQ, accept payloads up to frame-max itself (its FRAME_SIZE_FUDGE tolerates peers that
        // leave the 8 bytes of overhead out) but name frame-max - 8 as the limit; checked on the
        // 7-byte frame header, before the payload arrives
        long limit = maxFrameSize == 0 ? Integer.MAX_VALUE - AmqpFrameWriter.FRAME_OVERHEAD : maxFrameSize;
        if (size > limit) {
            fail(in, out, new AmqpBadFrame(ReplyCode.FRAME_ERROR, "type " + type + ", all octets = <<>>: {frame_too_large,"
                    + size + "," + (limit - AmqpFrameWriter.FRAME_OVERHEAD) + "}", channel, 0, 0));
            return;
        }
        int payloadSize = (int) size;
        if (in.readableBytes() < FRAME_HEADER_SIZE + payloadSize + 1) {
            return;
        }
        int payloadStart = start + FRAME_HEADER_SIZE;
        int frameEnd = in.getUnsignedByte(payloadStart + payloadSize);
        if (frameEnd != AmqpFrameWriter.FRAME_END) {
            fail(in, out, new AmqpBadFrame(ReplyCode.FRAME_ERROR, "type " + type + ", all octets = "
                    + AmqpErrorText.erlangBinary(in, payloadStart, payloadSize)
                    + ": {invalid_frame_end_marker," + frameEnd + "}", channel, 0, 0));
            return;
        }
        AmqpFrame frame = switch (type) {
            case AmqpFrameWriter.FRAME_METHOD -> methodFrame(in, channel, payloadStart, payloadSize);
            case AmqpFrameWriter.FRAME_HEADER -> contentHeaderFrame(in, channel, payloadStart, payloadSize);
            case AmqpFrameWriter.FRAME_BODY -> new AmqpContentBodyFrame(channel, in.retainedSlice(payloadStart, payloadSize));
            case AmqpFrameWriter.FRAME_HEARTBEAT -> heartbeatFrame(in, channel, payloadStart, payloadSize);
            default -> unknownFrame(in, type, channel, payloadStart, payloadSize);
        };
        in.readerIndex(payloadStart + payloadSize + 1);
        if (frame instanceof AmqpBadFrame) {
            fail(in, out, frame);
        } else {
            out.add(frame);
        }
    }

    private static AmqpFrame methodFrame(ByteBuf in, int channel, int payloadStart, int payloadSize) {
        if (payloadSize < 4) {
            return unknownFrame(in, AmqpFrameWriter.FRAME_METHOD, channel, payloadStart, payloadSize);
        }
        int classId = in.getUnsignedShort(payloadStart);
        int methodId = in.getUnsignedShort(payloadStart + 2);
        try {
            return new AmqpMethodFrame(channel,
                    AmqpMethodDecoder.decode(classId, methodId, in.slice(payloadStart + 4, payloadSize - 4)));
        } catch (AmqpException e) {
            return new AmqpBadFrame(e.replyCode(), e.getMessage(), channel, e.classId(), e.methodId());
        }
    }

    private static AmqpFrame contentHeaderFrame(ByteBuf in, int channel, int payloadStart, int payloadSize) {
        if (payloadSize < CONTENT_HEADER_PREFIX + 2) {
            return unknownFrame(in, AmqpFrameWriter.FRAME_HEADER, channel, payloadStart, payloadSize);
        }
        int classId = in.getUnsignedShort(payloadStart);
        long bodySize = in.getLong(payloadStart + 4);
        ByteBuf propertyBytes = in.slice(payloadStart + CONTENT_HEADER_PREFIX, payloadSize - CONTENT_HEADER_PREFIX);
        byte[] raw = new byte[propertyBytes.readableBytes()];
        propertyBytes.getBytes(propertyBytes.readerIndex(), raw);
        AmqpBasicProperties properties = AmqpBasicProperties.EMPTY;
        if (classId == AmqpBasicPublish.CLASS_ID) {
            try {
                properties = AmqpBasicProperties.decode(propertyBytes);
            } catch (AmqpException e) { // a clear refusal (headers nested too deep)
                return new AmqpBadFrame(e.replyCode(), e.getMessage(), channel, 0, 0);
            } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
                // RabbitMQ decodes properties lazily and its channel crashes on them: 541, no text
                return new AmqpBadFrame(ReplyCode.INTERNAL_ERROR, "cannot decode content properties "
                        + AmqpErrorText.erlangBinary(propertyBytes, 0, raw.length), channel, 0, 0);
            }
        }
        return new AmqpContentHeaderFrame(channel, classId, bodySize, properties, raw);
    }

    private static AmqpFrame heartbeatFrame(ByteBuf in, int channel, int payloadStart, int payloadSize) {
        if (payloadSize != 0) {
            return unknownFrame(in, AmqpFrameWriter.FRAME_HEARTBEAT, channel, payloadStart, payloadSize);
        }
        if (channel != 0) {
            return new AmqpBadFrame(ReplyCode.UNEXPECTED_FRAME, "type 8, all octets = <<>>", channel, 0, 0);
        }
        return new AmqpHeartbeatFrame(channel);
    }

    private static AmqpBadFrame unknownFrame(ByteBuf in, int type, int channel, int payloadStart, int payloadSize) {
        return new AmqpBadFrame(ReplyCode.FRAME_ERROR, "type " + type + ", all octets = "
                + AmqpErrorText.erlangBinary(in, payloadStart, payloadSize) + ": unknown_frame", channel, 0, 0);
    }

    private void fail(ByteBuf in, List<Object> out, AmqpFrame badFrame) {
        out.add(badFrame);
        state = State.DISCARD;
        in.skipBytes(in.readableBytes());
    }
}
