package org.ferrymq.broker.amqp.codec;

/** A method frame (frame type 1, spec section 4.2.4) with its decoded method. */
public record AmqpMethodFrame(int channel, AmqpMethod method) implements AmqpFrame {
}
