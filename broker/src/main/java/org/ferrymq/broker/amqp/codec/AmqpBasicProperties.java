package org.ferrymq.broker.amqp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import java.util.Map;

/**
 * The content header properties of the {@code basic} class (spec section 4.2.6.1 and the
 * basic class's property list); {@code null} means "absent". The timestamp is in seconds.
 * On the wire: a 16-bit property-flags word (bit 15 = content-type ... bit 2 = cluster-id,
 * bit 0 = another flags word follows), then each present property in order.
 */
public record AmqpBasicProperties(
        String contentType,
        String contentEncoding,
        Map<String, Object> headers,
        Integer deliveryMode,
        Integer priority,
        String correlationId,
        String replyTo,
        String expiration,
        String messageId,
        Long timestamp,
        String type,
        String userId,
        String appId,
        String clusterId) {

    public static final AmqpBasicProperties EMPTY = new AmqpBasicProperties(
            null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    private static final int CONTENT_TYPE = 1 << 15;
    private static final int CONTENT_ENCODING = 1 << 14;
    private static final int HEADERS = 1 << 13;
    private static final int DELIVERY_MODE = 1 << 12;
    private static final int PRIORITY = 1 << 11;
    private static final int CORRELATION_ID = 1 << 10;
    private static final int REPLY_TO = 1 << 9;
    private static final int EXPIRATION = 1 << 8;
    private static final int MESSAGE_ID = 1 << 7;
    private static final int TIMESTAMP = 1 << 6;
    private static final int TYPE = 1 << 5;
    private static final int USER_ID = 1 << 4;
    private static final int APP_ID = 1 << 3;
    private static final int CLUSTER_ID = 1 << 2;
    private static final int CONTINUATION = 1;

    /** Reads property flags (skipping continuation words, which basic does not use) and the present properties. */
    public static AmqpBasicProperties decode(ByteBuf in) {
        int flags = in.readUnsignedShort();
        int more = flags;
        while ((more & CONTINUATION) != 0) {
            more = in.readUnsignedShort();
        }
        if (flags == 0) {
            return EMPTY;
        }
        return new AmqpBasicProperties(
                (flags & CONTENT_TYPE) != 0 ? AmqpWire.readShortString(in) : null,
                (flags & CONTENT_ENCODING) != 0 ? AmqpWire.readShortString(in) : null,
                (flags & HEADERS) != 0 ? AmqpFieldTable.read(in) : null,
                (flags & DELIVERY_MODE) != 0 ? (int) in.readUnsignedByte() : null,
                (flags & PRIORITY) != 0 ? (int) in.readUnsignedByte() : null,
                (flags & CORRELATION_ID) != 0 ? AmqpWire.readShortString(in) : null,
                (flags & REPLY_TO) != 0 ? AmqpWire.readShortString(in) : null,
                (flags & EXPIRATION) != 0 ? AmqpWire.readShortString(in) : null,
                (flags & MESSAGE_ID) != 0 ? AmqpWire.readShortString(in) : null,
                (flags & TIMESTAMP) != 0 ? in.readLong() : null,
                (flags & TYPE) != 0 ? AmqpWire.readShortString(in) : null,
                (flags & USER_ID) != 0 ? AmqpWire.readShortString(in) : null,
                (flags & APP_ID) != 0 ? AmqpWire.readShortString(in) : null,
                (flags & CLUSTER_ID) != 0 ? AmqpWire.readShortString(in) : null);
    }

    /** Decodes the property-flags + property-list bytes of a content header. */
    public static AmqpBasicProperties decode(byte[] raw) {
        return decode(Unpooled.wrappedBuffer(raw));
    }

    /** Writes the property flags and the present properties. */
    public void encode(ByteBuf out) {
        out.writeShort(flags());
        if (contentType != null) AmqpWire.writeShortString(out, contentType);
        if (contentEncoding != null) AmqpWire.writeShortString(out, contentEncoding);
        if (headers != null) AmqpFieldTable.write(out, headers);
        if (deliveryMode != null) out.writeByte(deliveryMode);
        if (priority != null) out.writeByte(priority);
        if (correlationId != null) AmqpWire.writeShortString(out, correlationId);
        if (replyTo != null) AmqpWire.writeShortString(out, replyTo);
        if (expiration != null) AmqpWire.writeShortString(out, expiration);
        if (messageId != null) AmqpWire.writeShortString(out, messageId);
        if (timestamp != null) out.writeLong(timestamp);
        if (type != null) AmqpWire.writeShortString(out, type);
        if (userId != null) AmqpWire.writeShortString(out, userId);
        if (appId != null) AmqpWire.writeShortString(out, appId);
        if (clusterId != null) AmqpWire.writeShortString(out, clusterId);
    }

    /** The property-flags + property-list bytes, as a content header frame carries them. */
    public byte[] encode() {
        if (flags() == 0) {
            return new byte[2];
        }
        ByteBuf buf = Unpooled.buffer(64);
        encode(buf);
        return ByteBufUtil.getBytes(buf);
    }

    private int flags() {
        int flags = 0;
        if (contentType != null) flags |= CONTENT_TYPE;
        if (contentEncoding != null) flags |= CONTENT_ENCODING;
        if (headers != null) flags |= HEADERS;
        if (deliveryMode != null) flags |= DELIVERY_MODE;
        if (priority != null) flags |= PRIORITY;
        if (correlationId != null) flags |= CORRELATION_ID;
        if (replyTo != null) flags |= REPLY_TO;
        if (expiration != null) flags |= EXPIRATION;
        if (messageId != null) flags |= MESSAGE_ID;
        if (timestamp != null) flags |= TIMESTAMP;
        if (type != null) flags |= TYPE;
        if (userId != null) flags |= USER_ID;
        if (appId != null) flags |= APP_ID;
        if (clusterId != null) flags |= CLUSTER_ID;
        return flags;
    }

    /** Delivery mode 2 = persistent (basic class, property delivery-mode). */
    public boolean persistent() {
        return deliveryMode != null && deliveryMode == 2;
    }

    public AmqpBasicProperties withHeaders(Map<String, Object> newHeaders) {
        return new AmqpBasicProperties(contentType, contentEncoding, newHeaders, deliveryMode, priority,
                correlationId, replyTo, expiration, messageId, timestamp, type, userId, appId, clusterId);
    }

    public AmqpBasicProperties withReplyTo(String newReplyTo) {
        return new AmqpBasicProperties(contentType, contentEncoding, headers, deliveryMode, priority,
                correlationId, newReplyTo, expiration, messageId, timestamp, type, userId, appId, clusterId);
    }

    public AmqpBasicProperties withDeliveryMode(Integer newDeliveryMode) {
        return new AmqpBasicProperties(contentType, contentEncoding, headers, newDeliveryMode, priority,
                correlationId, replyTo, expiration, messageId, timestamp, type, userId, appId, clusterId);
    }

    public AmqpBasicProperties withExpiration(String newExpiration) {
        return new AmqpBasicProperties(contentType, contentEncoding, headers, deliveryMode, priority,
                correlationId, replyTo, newExpiration, messageId, timestamp, type, userId, appId, clusterId);
    }

    public AmqpBasicProperties withPriority(Integer newPriority) {
        return new AmqpBasicProperties(contentType, contentEncoding, headers, deliveryMode, newPriority,
                correlationId, replyTo, expiration, messageId, timestamp, type, userId, appId, clusterId);
    }
}
