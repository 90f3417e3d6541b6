package org.ferrymq.bench.jms;

import java.util.Locale;

/**
 * The JMS providers a run compares, in the order they take turns within a repetition: each
 * FerryMQ transport next to the peer it is measured against.
 */
public enum TargetId {
    FERRYMQ_VM("FerryMQ vm://"),
    ARTEMIS_INVM("Artemis in-VM"),
    FERRYMQ_AMQP("FerryMQ amqp://"),
    RABBITMQ_JMS("RabbitMQ JMS"),
    ARTEMIS_TCP("Artemis TCP");

    private final String displayName;

    TargetId(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** Short, lower-case, usable in queue names and file names: {@code ferrymq-vm}. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** By slug ({@code artemis-tcp}) or enum name, case-insensitive. */
    public static TargetId parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (TargetId id : values()) {
            if (id.slug().equals(wanted)) {
                return id;
            }
        }
        throw new IllegalArgumentException("unknown target " + text);
    }
}
