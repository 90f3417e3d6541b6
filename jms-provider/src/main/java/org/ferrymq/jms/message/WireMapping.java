package org.ferrymq.jms.message;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;

import org.ferrymq.jms.destination.Destinations;
import org.ferrymq.jms.destination.FerryDestination;
import org.ferrymq.jms.provider.WireDelivery;
import org.ferrymq.jms.provider.WireMessage;

/**
 * The JMS ↔ AMQP message mapping (module README, "Message mapping"): JMS headers become native
 * AMQP basic properties, user properties become typed entries of the AMQP headers table, and the
 * JMS message type travels in the {@code x-jms-body} header next to a content-type. Nothing is
 * Java-serialized except an ObjectMessage's own body.
 */
public final class WireMapping {
    /** Absolute delivery time (ms) of a message sent with a delivery delay. */
    public static final String DELIVERY_TIME_HEADER = "x-jms-delivery-time";
    /** Absolute JMSExpiration (ms); only written when a delay hold queue would lose the TTL. */
    public static final String EXPIRATION_HEADER = "x-jms-expiration";
    /** JMSTimestamp to the millisecond (the AMQP timestamp property has whole seconds). */
    public static final String TIMESTAMP_HEADER = "x-jms-timestamp";
    /** The sending connection's ID, written only when message IDs are disabled (noLocal needs an origin). */
    public static final String ORIGIN_HEADER = "x-jms-origin";
    /**
     * The sending connection's client ID, when it has one: noLocal on a durable subscription skips the
     * messages of every connection with the subscriber's client ID, not only its own connection's.
     */
    public static final String CLIENT_ID_HEADER = "x-jms-client-id";
    /**
     * {@code true} on a TextMessage whose text is null: AMQP has no null body, and "" must stay "".
     * Other AMQP programs still just see an empty body (and a header they can ignore).
     */
    public static final String NULL_BODY_HEADER = "x-jms-null-body";
    /** Headers with this prefix are the provider's own and never show up as JMS properties. */
    public static final String INTERNAL_PREFIX = "x-jms-";
    /** Quorum queues count deliveries in this header; JMSXDeliveryCount uses it when present. */
    private static final String QUORUM_DELIVERY_COUNT = "x-delivery-count";

    private WireMapping() {
    }

    /**
     * @param timeToLive      ms, 0 for none: becomes the AMQP expiration (per-message TTL)
     * @param absoluteExpiry  true to also carry JMSExpiration in a header (delayed messages)
     */
    public static WireMessage toWire(FerryMessage m, long timeToLive, boolean absoluteExpiry) throws JMSException {
        Map<String, Object> headers = new LinkedHashMap<>();
        m.properties().forEach((k, v) -> {
            if (!FerryMessage.DELIVERY_COUNT.equals(k)) {
                headers.put(k, v);
            }
        });
        BodyType type = m.bodyType();
        headers.put(BodyType.HEADER, type.tag());
        if (m instanceof FerryTextMessage text && text.getText() == null) {
            headers.put(NULL_BODY_HEADER, true);
        }
        if (m.getJMSTimestamp() != 0) {
            headers.put(TIMESTAMP_HEADER, m.getJMSTimestamp());
        }
        if (m.getJMSDeliveryTime() > m.getJMSTimestamp() && m.getJMSTimestamp() != 0) {
            headers.put(DELIVERY_TIME_HEADER, m.getJMSDeliveryTime());
        }
        if (absoluteExpiry && m.getJMSExpiration() != 0) {
            headers.put(EXPIRATION_HEADER, m.getJMSExpiration());
        }
        Destination replyTo = m.getJMSReplyTo();
        return new WireMessage(
                type == BodyType.MESSAGE ? null : type.contentType(),
                null,
                headers,
                m.getJMSDeliveryMode() == DeliveryMode.PERSISTENT ? 2 : 1,
                m.getJMSPriority(),
                m.getJMSCorrelationID(),
                replyTo == null ? null : replyTo instanceof FerryDestination d ? d.address() : replyTo.toString(),
                timeToLive > 0 ? Long.toString(timeToLive) : null,
                m.getJMSMessageID(),
                m.getJMSTimestamp() == 0 ? null : m.getJMSTimestamp(),
                m.getJMSType(),
                null,
                null,
                m.encodeBody());
    }

    /** Rebuilds the JMS message a delivery carries; the caller marks it received. */
    public static FerryMessage fromWire(WireDelivery delivery) throws JMSException {
        WireMessage w = delivery.message();
        Map<String, Object> headers = w.headers();
        BodyType type = BodyType.ofTag(headers.get(BodyType.HEADER) instanceof String s ? s : null);
        if (type == null) {
            type = inferType(w.contentType(), w.body());
        }
        FerryMessage m = type.newMessage();
        if (m instanceof FerryTextMessage text) {
            if (!isNullBody(w)) {
                text.decodeText(w.body(), charset(w.contentType()));
            }
        } else {
            m.decodeBody(w.body());
        }
        m.setJMSMessageID(w.messageId());
        m.setJMSCorrelationID(w.correlationId());
        m.setJMSReplyTo(Destinations.fromAddress(w.replyTo()));
        m.setJMSType(w.type());
        m.setJMSPriority(w.priority() == null || w.priority() < 0 || w.priority() > 9 ? 4 : w.priority());
        m.setJMSDeliveryMode(w.deliveryMode() != null && w.deliveryMode() == 2 ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT);
        long timestamp = headers.get(TIMESTAMP_HEADER) instanceof Long exact ? exact
                : w.timestampMillis() == null ? 0 : w.timestampMillis();
        m.setJMSTimestamp(timestamp);
        m.setJMSExpiration(expiration(w, headers, timestamp));
        m.setJMSDeliveryTime(headers.get(DELIVERY_TIME_HEADER) instanceof Long t ? t : timestamp);
        m.setJMSRedelivered(delivery.redelivered());
        m.setJMSDestination(Destinations.fromRoute(delivery.exchange(), delivery.routingKey()));
        headers.forEach((k, v) -> {
            if (!k.startsWith(INTERNAL_PREFIX) && TypeConversions.isPropertyType(v)) {
                m.properties().put(k, v);
            }
        });
        m.setProviderProperty(FerryMessage.DELIVERY_COUNT, deliveryCount(delivery));
        return m;
    }

    /** The null marker counts only on an empty body, in case something on the way rewrote the body. */
    private static boolean isNullBody(WireMessage w) {
        return Boolean.TRUE.equals(w.headers().get(NULL_BODY_HEADER)) && w.body().length == 0;
    }

    private static long expiration(WireMessage w, Map<String, Object> headers, long timestamp) {
        if (headers.get(EXPIRATION_HEADER) instanceof Long absolute) {
            return absolute;
        }
        if (w.expiration() == null) {
            return 0;
        }
        try {
            long ttl = Long.parseLong(w.expiration().trim());
            return (timestamp != 0 ? timestamp : System.currentTimeMillis()) + ttl;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int deliveryCount(WireDelivery d) {
        Object count = d.message().headers().get(QUORUM_DELIVERY_COUNT);
        if (count instanceof Number n) {
            return n.intValue() + 1;
        }
        return d.redelivered() ? 2 : 1;
    }

    /**
     * The type of a message from a program that did not set {@code x-jms-body} (pika, ...):
     * a text-like content-type gives a TextMessage; no content-type at all gives a TextMessage
     * when the body is valid UTF-8 (the tutorial programs send plain strings); everything else
     * is a BytesMessage.
     */
    public static BodyType inferType(String contentType, byte[] body) {
        if (contentType == null || contentType.isBlank()) {
            return isUtf8(body) ? BodyType.TEXT : BodyType.BYTES;
        }
        String media = mediaType(contentType);
        boolean textual = media.startsWith("text/") || media.equals("application/json") || media.equals("application/xml")
                || media.endsWith("+json") || media.endsWith("+xml");
        return textual ? BodyType.TEXT : BodyType.BYTES;
    }

    private static String mediaType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** The charset parameter of a content-type, UTF-8 when absent or unknown. */
    static Charset charset(String contentType) {
        if (contentType != null) {
            for (String part : contentType.split(";")) {
                String p = part.trim();
                if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                    try {
                        return Charset.forName(p.substring(8).replace("\"", "").trim());
                    } catch (IllegalArgumentException e) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static boolean isUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
