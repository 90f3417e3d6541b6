package org.ferrymq.broker.security;

/** The kinds of resource a permission pattern is matched against, named as RabbitMQ names them in reply texts. */
public enum ResourceKind {
    QUEUE("queue"),
    EXCHANGE("exchange");

    private final String word;

    ResourceKind(String word) {
        this.word = word;
    }

    /** {@code queue} or {@code exchange}, as in "access to queue 'q' in vhost '/' ...". */
    public String word() {
        return word;
    }
}
