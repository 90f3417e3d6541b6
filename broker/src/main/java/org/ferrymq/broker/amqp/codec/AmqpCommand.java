package org.ferrymq.broker.amqp.codec;

import java.util.Arrays;

/**
 * A complete AMQP command (spec section 4.2.6): a method, plus for content-bearing methods its
 * properties (decoded and as raw bytes) and its body. For methods without content
 * {@code properties}, {@code rawProperties} and {@code body} are null.
 */
public record AmqpCommand(int channel, AmqpMethod method, AmqpBasicProperties properties, byte[] rawProperties,
                          byte[] body) {

    public static AmqpCommand of(int channel, AmqpMethod method) {
        return new AmqpCommand(channel, method, null, null, null);
    }

    public boolean hasContent() {
        return body != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AmqpCommand other && channel == other.channel && method.equals(other.method)
                && java.util.Objects.equals(properties, other.properties)
                && Arrays.equals(rawProperties, other.rawProperties) && Arrays.equals(body, other.body);
    }

    @Override
    public int hashCode() {
        return (channel * 31 + method.hashCode()) * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "AmqpCommand[channel=" + channel + ", method=" + method
                + (body == null ? "" : ", properties=" + properties + ", body=<" + body.length + " bytes>") + "]";
    }
}
