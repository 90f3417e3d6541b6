package org.ferrymq.jms.destination;

import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;

/**
 * The destination naming scheme (documented in the module README):
 * <ul>
 *   <li>{@code createQueue("orders")}: queue {@code orders} via the default exchange;</li>
 *   <li>{@code createTopic("weather.eu")}: exchange {@code amq.topic}, routing key {@code weather.eu};</li>
 *   <li>{@code createTopic("logs3/europe.weather")}: exchange {@code logs3}, routing key
 *       {@code europe.weather}; {@code createTopic("logs/")} is the fanout {@code logs} with key "";</li>
 *   <li>either may end with {@code ?prefetch=N} to set basic.qos for its consumers.</li>
 * </ul>
 * In AMQP reply-to a queue is its plain name and a topic is {@code topic://exchange/routingKey}.
 */
public final class Destinations {
    public static final String TOPIC_ADDRESS_PREFIX = "topic://";
    private static final String PREFETCH_OPTION = "prefetch=";

    private Destinations() {
    }

    public static FerryQueue queue(String spec) throws JMSException {
        if (spec == null || spec.isEmpty()) {
            throw new InvalidDestinationException("a queue name must not be empty");
        }
        Named named = split(spec);
        if (named.name.isEmpty()) {
            throw new InvalidDestinationException("a queue name must not be empty: " + spec);
        }
        return new FerryQueue(named.name, named.prefetch);
    }

    public static FerryTopic topic(String spec) throws JMSException {
        if (spec == null || spec.isEmpty()) {
            throw new InvalidDestinationException("a topic name must not be empty");
        }
        Named named = split(spec);
        int slash = named.name.indexOf('/');
        if (slash < 0) {
            return new FerryTopic(FerryTopic.DEFAULT_EXCHANGE, named.name, named.prefetch);
        }
        String exchange = named.name.substring(0, slash);
        if (exchange.isEmpty()) {
            throw new InvalidDestinationException("a topic cannot use the default exchange: " + spec);
        }
        return new FerryTopic(exchange, named.name.substring(slash + 1), named.prefetch);
    }

    /** Reads an AMQP reply-to value back into a destination. */
    public static Destination fromAddress(String address) {
        if (address == null || address.isEmpty()) {
            return null;
        }
        if (address.startsWith(TOPIC_ADDRESS_PREFIX)) {
            String rest = address.substring(TOPIC_ADDRESS_PREFIX.length());
            int slash = rest.indexOf('/');
            return slash < 0 ? new FerryTopic(FerryTopic.DEFAULT_EXCHANGE, rest)
                    : new FerryTopic(rest.substring(0, slash), rest.substring(slash + 1));
        }
        return new FerryQueue(address);
    }

    /** The destination a delivery came from: queue for the default exchange, else a topic. */
    public static Destination fromRoute(String exchange, String routingKey) {
        return exchange == null || exchange.isEmpty() ? new FerryQueue(routingKey) : new FerryTopic(exchange, routingKey);
    }

    private record Named(String name, int prefetch) {
    }

    private static Named split(String spec) throws JMSException {
        int q = spec.lastIndexOf('?');
        if (q < 0 || !spec.startsWith(PREFETCH_OPTION, q + 1)) {
            return new Named(spec, 0);
        }
        try {
            int prefetch = Integer.parseInt(spec.substring(q + 1 + PREFETCH_OPTION.length()));
            if (prefetch < 0 || prefetch > 65535) {
                throw new NumberFormatException("out of range");
            }
            return new Named(spec.substring(0, q), prefetch);
        } catch (NumberFormatException e) {
            throw new InvalidDestinationException("bad prefetch option in " + spec);
        }
    }

    /** Our destination behind a JMS one, or InvalidDestinationException. */
    public static FerryDestination ferry(Destination destination) throws JMSException {
        if (destination == null) {
            throw new InvalidDestinationException("no destination given");
        }
        if (destination instanceof FerryDestination d) {
            return d;
        }
        // a foreign Queue/Topic (an application server's administered object, another provider's
        // destination) names its destination in our scheme: take it by name, as Artemis and Qpid do
        if (destination instanceof jakarta.jms.TemporaryQueue || destination instanceof jakarta.jms.TemporaryTopic) {
            throw new InvalidDestinationException("not a FerryMQ temporary destination: " + destination);
        }
        if (destination instanceof jakarta.jms.Queue q) {
            return queue(q.getQueueName());
        }
        if (destination instanceof jakarta.jms.Topic t) {
            return topic(t.getTopicName());
        }
        throw new InvalidDestinationException("not a FerryMQ destination: " + destination);
    }

    public static FerryTopic ferryTopic(jakarta.jms.Topic topic) throws JMSException {
        if (topic == null) {
            throw new InvalidDestinationException("no topic given");
        }
        if (topic instanceof FerryTopic t) {
            return t;
        }
        if (topic instanceof jakarta.jms.TemporaryTopic) {
            throw new InvalidDestinationException("not a FerryMQ topic: " + topic);
        }
        return topic(topic.getTopicName());
    }
}
