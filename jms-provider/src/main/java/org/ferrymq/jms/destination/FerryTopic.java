package org.ferrymq.jms.destination;

import jakarta.jms.Topic;

/**
 * A JMS Topic: an exchange plus a routing key. {@code createTopic("weather.europe")} is the
 * routing key {@code weather.europe} on {@code amq.topic}; {@code createTopic("logs3/europe.weather")}
 * names another existing exchange ({@code logs3}) before the first slash.
 */
public class FerryTopic extends FerryDestination implements Topic {
    private static final long serialVersionUID = 1L;

    /** The exchange a topic name without a slash lives on. */
    public static final String DEFAULT_EXCHANGE = "amq.topic";

    public FerryTopic(String exchange, String routingKey) {
        this(exchange, routingKey, 0);
    }

    public FerryTopic(String exchange, String routingKey, int prefetch) {
        super(exchange, routingKey, prefetch);
    }

    /** The name this topic is created from: the routing key alone on amq.topic, else exchange/key. */
    @Override
    public String getTopicName() {
        return DEFAULT_EXCHANGE.equals(exchange()) ? routingKey() : exchange() + "/" + routingKey();
    }

    @Override
    public boolean isQueue() {
        return false;
    }

    @Override
    public String address() {
        return Destinations.TOPIC_ADDRESS_PREFIX + exchange() + "/" + routingKey();
    }
}
