package org.ferrymq.broker.amqp.codec;

import org.ferrymq.broker.errors.AmqpException;
import org.ferrymq.broker.errors.ReplyCode;

/**
 * Turns one channel's frames into commands (spec section 4.2.6): a method, and for
 * content-bearing methods the content header and body frames after it. A state machine over
 * EXPECTING_METHOD / EXPECTING_HEADER / EXPECTING_BODY; out-of-order frames are
 * UNEXPECTED_FRAME (505) with RabbitMQ 3.10's texts, a message larger than {@code maxBodySize}
 * is PRECONDITION_FAILED (406, a channel error) once its body has arrived, as RabbitMQ does for
 * {@code max_message_size}; its bytes are dropped as they come, never buffered. Accepted bodies are
 * copied into one array that grows as frames arrive (a header alone never allocates its announced size),
 * by doubling up to 8 MB and then by an eighth at a time, so that the memory it holds stays close to
 * what has arrived. Every byte of that array is charged to {@link BodyMemory} before it is allocated;
 * a message the broker cannot hold is refused with 406 at once, and its later frames are dropped.
 *
 * <p>One per AMQP channel; owned by the connection's event loop. {@link #accept} only reads body
 * frames: their owner (the connection) releases them. {@link #release()} gives back the memory of
 * a half-assembled body when the channel goes away.
 */
public final class AmqpCommandAssembler {
    private enum State { EXPECTING_METHOD, EXPECTING_HEADER, EXPECTING_BODY }

    private final long maxBodySize;
    private final BodyMemory memory;
    /** Beyond this capacity the body buffer grows by an eighth, not by doubling. */
    private static final int DOUBLING_LIMIT = 8 * 1024 * 1024;
    private State state = State.EXPECTING_METHOD;
    private AmqpMethod method;
    private AmqpBasicProperties properties;
    private byte[] rawProperties;
    /** The first body buffer's size: a header alone must not make us allocate max_message_size. */
    private static final int INITIAL_BODY_CAPACITY = 64 * 1024;

    private long bodySize;
    private boolean dropping; // an oversized body is being dropped
    private byte[] body;
    private long received;

    /** @param maxBodySize the largest message body accepted (RabbitMQ's max_message_size) */
    public AmqpCommandAssembler(long maxBodySize) {
        this(maxBodySize, BodyMemory.UNLIMITED);
    }

    /**
     * @param maxBodySize the largest message body accepted (RabbitMQ's max_message_size)
     * @param memory      where the bytes of bodies in assembly are accounted
     */
    public AmqpCommandAssembler(long maxBodySize, BodyMemory memory) {
        this.maxBodySize = maxBodySize;
        this.memory = memory;
    }

    /**
     * @return the complete command, or null while one is being assembled (and for heartbeats)
     * @throws AmqpException for frames out of order, a body larger than announced or than maxBodySize,
     *                       and for an {@link AmqpBadFrame}
     */
    public AmqpCommand accept(AmqpFrame frame) {
        if (frame instanceof AmqpContentBodyFrame bodyFrame) {
            return acceptBody(bodyFrame);
        }
        if (frame instanceof AmqpMethodFrame methodFrame) {
            return acceptMethod(methodFrame);
        }
        if (frame instanceof AmqpContentHeaderFrame headerFrame) {
            return acceptHeader(headerFrame);
        }
        if (frame instanceof AmqpBadFrame bad) {
            throw new AmqpException(bad.code(), bad.text(), bad.classId(), bad.methodId());
        }
        return null; // heartbeats carry no command
    }

    /** Whether no command is half-assembled. */
    public boolean idle() {
        return state == State.EXPECTING_METHOD;
    }

    private AmqpCommand acceptMethod(AmqpMethodFrame frame) {
        switch (state) {
            case EXPECTING_HEADER -> throw unexpected("expected content header for class " + method.classId()
                    + ", got non content header frame instead");
            case EXPECTING_BODY -> throw unexpected("expected content body, got non content body frame instead");
            default -> {
            }
        }
        if (!frame.method().hasContent()) {
            return AmqpCommand.of(frame.channel(), frame.method());
        }
        method = frame.method();
        state = State.EXPECTING_HEADER;
        return null;
    }

    private AmqpCommand acceptHeader(AmqpContentHeaderFrame frame) {
        switch (state) {
            case EXPECTING_METHOD -> throw new AmqpException(ReplyCode.UNEXPECTED_FRAME,
                    "expected method frame, got non method frame instead");
            case EXPECTING_BODY -> throw unexpected("expected content body, got non content body frame instead");
            default -> {
            }
        }
        if (frame.classId() != method.classId()) {
            throw unexpected("expected content header for class " + method.classId() + ", got one for class "
                    + frame.classId() + " instead");
        }
        properties = frame.properties();
        rawProperties = frame.rawProperties();
        bodySize = frame.bodySize();
        received = 0;
        dropping = bodySize < 0 || bodySize > maxBodySize || bodySize > Integer.MAX_VALUE - 8;
        state = State.EXPECTING_BODY;
        body = dropping ? null : allocate(null, (int) Math.min(bodySize, INITIAL_BODY_CAPACITY));
        return bodySize == 0 ? complete(frame.channel()) : null;
    }

    private AmqpCommand acceptBody(AmqpContentBodyFrame frame) {
        switch (state) {
            case EXPECTING_METHOD -> throw new AmqpException(ReplyCode.UNEXPECTED_FRAME,
                    "expected method frame, got non method frame instead");
            case EXPECTING_HEADER -> throw unexpected("expected content header for class " + method.classId()
                    + ", got non content header frame instead");
            default -> {
            }
        }
        int length = frame.payload().readableBytes();
        if (bodySize >= 0 && received + length > bodySize) {
            // RabbitMQ notices only at the next frame; the code is the same
            throw unexpected("content body exceeds the body size " + bodySize + " announced in the content header");
        }
        if (!dropping) {
            ensureCapacity((int) received + length);
            frame.payload().getBytes(frame.payload().readerIndex(), body, (int) received, length);
        }
        received += length;
        return received == bodySize ? complete(frame.channel()) : null;
    }

    /**
     * Grows the body buffer (doubling, then by an eighth past {@link #DOUBLING_LIMIT}), never past
     * the announced size, so it ends exactly full.
     */
    private void ensureCapacity(int needed) {
        if (needed > body.length) {
            long grown = body.length < DOUBLING_LIMIT ? 2L * body.length : body.length + body.length / 8L;
            if (grown - body.length > memory.headroom()) {
                grown = needed; // memory is short: take no more than the frame needs
            }
            int capacity = (int) Math.min(bodySize, Math.max(needed, grown));
            body = allocate(body, capacity);
        }
    }

    /** A body array of {@code capacity} holding {@code old}'s bytes, charged to {@link #memory} first. */
    private byte[] allocate(byte[] old, int capacity) {
        int oldLength = old == null ? 0 : old.length;
        if (!memory.reserve(capacity - oldLength)) {
            AmqpMethod refused = method;
            long size = bodySize;
            reset();
            throw new AmqpException(ReplyCode.PRECONDITION_FAILED, "message of " + size
                    + " bytes refused: the broker's memory for messages being received is exhausted",
                    refused.classId(), refused.methodId());
        }
        return old == null ? new byte[capacity] : java.util.Arrays.copyOf(old, capacity);
    }

    /** Gives back the memory of a half-assembled body (the channel is closing); idle afterwards. */
    public void release() {
        reset();
    }

    private AmqpCommand complete(int channel) {
        AmqpMethod completed = method;
        byte[] completedBody = body;
        boolean dropped = dropping;
        AmqpCommand command = new AmqpCommand(channel, completed, properties, rawProperties, completedBody);
        reset(); // the body is the command's now: from here on the queues account for it
        if (dropped) {
            throw new AmqpException(ReplyCode.PRECONDITION_FAILED, "message size " + Long.toUnsignedString(bodySize)
                    + " is larger than configured max size " + maxBodySize, completed.classId(), completed.methodId());
        }
        return command;
    }

    private void reset() {
        if (body != null) {
            memory.free(body.length);
        }
        state = State.EXPECTING_METHOD;
        method = null;
        properties = null;
        rawProperties = null;
        body = null;
        dropping = false;
    }

    private AmqpException unexpected(String text) {
        AmqpException e = new AmqpException(ReplyCode.UNEXPECTED_FRAME, text, method.classId(), method.methodId());
        reset();
        return e;
    }
}
