package org.ferrymq.broker.amqp.codec;

import org.ferrymq.broker.errors.ReplyCode;

/**
 * Malformed input, as {@link AmqpFrameDecoder} reports it instead of throwing: the server
 * closes the connection with {@code code} and {@code text} (class/method ids of the
 * offending method when known, else 0). The decoder discards all input after it.
 */
public record AmqpBadFrame(ReplyCode code, String text, int channel, int classId, int methodId) implements AmqpFrame {
}
