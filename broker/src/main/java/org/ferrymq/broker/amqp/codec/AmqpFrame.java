package org.ferrymq.broker.amqp.codec;

/** A decoded AMQP 0-9-1 frame (spec section 4.2.3): what {@link AmqpFrameDecoder} emits after the protocol header. */
public interface AmqpFrame {
    int channel();
}
