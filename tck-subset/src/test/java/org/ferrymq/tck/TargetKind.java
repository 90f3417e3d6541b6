package org.ferrymq.tck;

/** The three places every conformance test runs. */
public enum TargetKind {
    /** {@code vm://}: the provider's in-process transport into an embedded FerryMQ. */
    VM("vm"),
    /** {@code amqp://} over a real socket to an embedded FerryMQ. */
    FERRYMQ("ferrymq"),
    /** {@code amqp://} to a real RabbitMQ (the reference peer), when one is configured. */
    RABBITMQ("rabbitmq");

    private final String label;

    TargetKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** FerryMQ's own broker sits behind this target (in-process or over a socket). */
    public boolean isFerryMq() {
        return this != RABBITMQ;
    }
}
