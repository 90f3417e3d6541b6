package org.ferrymq.broker.amqp.codec;

import java.util.Arrays;

/**
 * The 8 bytes a client opens the connection with (spec section 4.2.2). {@code supported} is
 * true only for {@code AMQP 0 0 9 1}; otherwise the server answers with its own header and
 * closes the socket, and the decoder discards everything after.
 */
public record AmqpProtocolHeader(boolean supported, byte[] received) {
    @Override
    public boolean equals(Object o) {
        return o instanceof AmqpProtocolHeader other && supported == other.supported
                && Arrays.equals(received, other.received);
    }

    @Override
    public int hashCode() {
        return 31 * Boolean.hashCode(supported) + Arrays.hashCode(received);
    }

    @Override
    public String toString() {
        return "AmqpProtocolHeader[supported=" + supported + ", received=" + Arrays.toString(received) + "]";
    }
}
