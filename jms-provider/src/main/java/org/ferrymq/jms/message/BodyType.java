package org.ferrymq.jms.message;

import java.util.Locale;

/**
 * The JMS message types, as written in the {@code x-jms-body} AMQP header so that the receiving
 * provider rebuilds the same type.
 */
public enum BodyType {
    MESSAGE("application/octet-stream"),
    TEXT("text/plain; charset=utf-8"),
    BYTES("application/octet-stream"),
    MAP("application/vnd.ferrymq.jms-map+amqp-table"),
    STREAM("application/vnd.ferrymq.jms-stream+amqp-array"),
    OBJECT("application/x-java-serialized-object");

    /** The AMQP header that carries {@link #tag()}. */
    public static final String HEADER = "x-jms-body";

    private final String contentType;

    BodyType(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /** Lower-case name written on the wire: {@code text}, {@code bytes}, ... */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type for a header value, or null if the value names none. */
    public static BodyType ofTag(String tag) {
        if (tag == null) {
            return null;
        }
        for (BodyType t : values()) {
            if (t.tag().equalsIgnoreCase(tag)) {
                return t;
            }
        }
        return null;
    }

    public FerryMessage newMessage() {
        return switch (this) {
            case MESSAGE -> new FerryMessage();
            case TEXT -> new FerryTextMessage();
            case BYTES -> new FerryBytesMessage();
            case MAP -> new FerryMapMessage();
            case STREAM -> new FerryStreamMessage();
            case OBJECT -> new FerryObjectMessage();
        };
    }
}
