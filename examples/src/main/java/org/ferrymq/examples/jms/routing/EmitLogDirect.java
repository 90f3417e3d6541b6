package org.ferrymq.examples.jms.routing;

import jakarta.jms.JMSContext;
import org.ferrymq.examples.jms.JmsBroker;

/**
 * Routing in JMS: publishes to the JMS topic {@code logs2/<severity>}, which is the tutorial's
 * direct exchange {@code logs2} with the severity as routing key. Arguments: [severity] [message].
 */
public final class EmitLogDirect {
    public static final String EXCHANGE_NAME = org.ferrymq.examples.routing.EmitLogDirect.EXCHANGE_NAME;

    private EmitLogDirect() {
    }

    public static void main(String[] argv) throws Exception {
        String severity = argv.length > 0 ? argv[0] : "info";
        String message = argv.length > 1 ? String.join(" ", java.util.Arrays.copyOfRange(argv, 1, argv.length))
                : "Hello World!";
        JmsBroker broker = JmsBroker.fromEnvironment();
        broker.declare(org.ferrymq.examples.routing.EmitLogDirect::declareExchange);
        try (JMSContext context = broker.connectionFactory().createContext()) {
            emit(context, severity, message);
            System.out.println(" [x] Sent '" + severity + "':'" + message + "'");
        }
    }

    public static void emit(JMSContext context, String severity, String message) {
        context.createProducer().send(context.createTopic(topic(severity)), message);
    }

    /** {@code logs2/<severity>}: exchange, slash, routing key. */
    public static String topic(String severity) {
        return EXCHANGE_NAME + "/" + severity;
    }
}
