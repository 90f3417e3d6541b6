package org.ferrymq.broker.amqp.codec;

import io.netty.buffer.ByteBuf;

/**
 * One AMQP 0-9-1 method (spec section 2.3.5, 4.2.4): the records implementing it are
 * generated from the machine-readable spec at build time ({@code src/codegen/AmqpCodegen.java}).
 */
public interface AmqpMethod {
    int classId();

    int methodId();

    /** Whether a content header and body frames follow this method (basic.publish/return/deliver/get-ok). */
    boolean hasContent();

    /** The spec name, {@code "basic.publish"}. */
    String amqpName();

    /** Writes the method's arguments (not the class/method ids) as the spec lays them out. */
    void writeArguments(ByteBuf out);
}
