package org.ferrymq.broker.amqp.codec;

import java.util.Arrays;

/**
 * A content header frame (frame type 2, spec section 4.2.6.1). {@code rawProperties} holds the
 * property-flags and property-list bytes exactly as received, so the broker can pass them to
 * consumers unchanged; {@code properties} is their decoded form (EMPTY for a class other than basic).
 */
public record AmqpContentHeaderFrame(int channel, int classId, long bodySize, AmqpBasicProperties properties,
                                     byte[] rawProperties) implements AmqpFrame {
    @Override
    public boolean equals(Object o) {
        return o instanceof AmqpContentHeaderFrame other && channel == other.channel && classId == other.classId
                && bodySize == other.bodySize && properties.equals(other.properties)
                && Arrays.equals(rawProperties, other.rawProperties);
    }

    @Override
    public int hashCode() {
        return ((channel * 31 + classId) * 31 + Long.hashCode(bodySize)) * 31 + Arrays.hashCode(rawProperties);
    }

    @Override
    public String toString() {
        return "AmqpContentHeaderFrame[channel=" + channel + ", classId=" + classId + ", bodySize=" + bodySize
                + ", properties=" + properties + "]";
    }
}
