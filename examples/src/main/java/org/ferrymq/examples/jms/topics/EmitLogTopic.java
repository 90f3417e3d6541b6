package org.ferrymq.examples.jms.topics;

import java.util.Arrays;

import jakarta.jms.JMSContext;
import org.ferrymq.examples.jms.JmsBroker;

/**
 * Topics in JMS: publishes to the JMS topic {@code logs3/<routing.key>}, which is the tutorial's
 * topic exchange {@code logs3}. Arguments: [routing.key] [message].
 */
public final class EmitLogTopic {
    public static final String EXCHANGE_NAME = org.ferrymq.examples.topics.EmitLogTopic.EXCHANGE_NAME;

    private EmitLogTopic() {
    }

    public static void main(String[] argv) throws Exception {
        String routingKey = argv.length > 0 ? argv[0] : "anonymous.info";
        String message = argv.length > 1 ? String.join(" ", Arrays.copyOfRange(argv, 1, argv.length)) : "Hello World!";
        JmsBroker broker = JmsBroker.fromEnvironment();
        broker.declare(org.ferrymq.examples.topics.EmitLogTopic::declareExchange);
        try (JMSContext context = broker.connectionFactory().createContext()) {
            emit(context, routingKey, message);
            System.out.println(" [x] Sent '" + routingKey + "':'" + message + "'");
        }
    }

    public static void emit(JMSContext context, String routingKey, String message) {
        context.createProducer().send(context.createTopic(topic(routingKey)), message);
    }

    /** {@code logs3/<key or pattern>}: for a subscriber, {@code *} and {@code #} are wildcards. */
    public static String topic(String routingKeyOrPattern) {
        return EXCHANGE_NAME + "/" + routingKeyOrPattern;
    }
}
