package org.ferrymq.examples.jms;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Topic;

/**
 * A log message as the routing and topics subscribers see it: the routing key it was published
 * with and its text.
 */
public record LogLine(String routingKey, String text) {

    /**
     * A message from an exchange arrives with {@code JMSDestination} = the topic
     * {@code <exchange>/<routing key it was published with>}, so the key is after the slash.
     */
    public static LogLine from(Message message) throws JMSException {
        String topic = ((Topic) message.getJMSDestination()).getTopicName();
        return new LogLine(topic.substring(topic.indexOf('/') + 1), message.getBody(String.class));
    }

    @Override
    public String toString() {
        return routingKey + ":" + text;
    }
}
