package org.ferrymq.broker.amqp.server;

import org.ferrymq.broker.amqp.codec.AmqpMethod;
import org.ferrymq.broker.model.Message;

/**
 * Everything a connection sends goes through here, batched until {@link #flush()}: as frames
 * on a socket ({@link WireOutput}) or as command objects to an in-process client
 * ({@link LocalOutput}). Owned by the connection's event loop.
 */
interface ConnectionOutput {
    /** The negotiated frame-max, for splitting bodies. */
    void frameMax(int frameMax);

    void method(int channel, AmqpMethod method);

    /** A method with content (deliver, get-ok, return) followed by the message. */
    void methodWithContent(int channel, AmqpMethod method, Message message);

    void heartbeat();

    /** Raw bytes (the protocol header a client with the wrong version is sent back). */
    void raw(byte[] bytes);

    void flush();

    /** Drops anything not yet written (the connection is going away). */
    void discard();
}
