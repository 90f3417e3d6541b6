package org.ferrymq.broker.amqp.codec;

/** A heartbeat frame (frame type 8, spec section 4.2.7); valid only on channel 0. */
public record AmqpHeartbeatFrame(int channel) implements AmqpFrame {
}
