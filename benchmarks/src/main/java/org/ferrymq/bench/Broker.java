package org.ferrymq.bench;

/** The two sides of every comparison, in the order each repetition runs them. */
public enum Broker {
    FERRYMQ("FerryMQ"),
    RABBITMQ("RabbitMQ");

    private final String displayName;

    Broker(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
