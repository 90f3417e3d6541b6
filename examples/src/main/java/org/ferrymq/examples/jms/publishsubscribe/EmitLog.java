package org.ferrymq.examples.jms.publishsubscribe;

import jakarta.jms.JMSContext;
import org.ferrymq.examples.jms.JmsBroker;

/**
 * Publish/subscribe in JMS: publishes a log message to the JMS topic {@code logs/}, which is the
 * tutorial's fanout exchange {@code logs} with an empty routing key. Argument: [message].
 */
public final class EmitLog {
    /** {@code <exchange>/<routing key>}: a fanout exchange ignores the key, so it stays empty. */
    public static final String TOPIC = org.ferrymq.examples.publishsubscribe.EmitLog.EXCHANGE_NAME + "/";

    private EmitLog() {
    }

    public static void main(String[] argv) throws Exception {
        String message = argv.length > 0 ? String.join(" ", argv) : "info: Hello World!";
        JmsBroker broker = JmsBroker.fromEnvironment();
        broker.declare(org.ferrymq.examples.publishsubscribe.EmitLog::declareExchange);
        try (JMSContext context = broker.connectionFactory().createContext()) {
            emit(context, message);
            System.out.println(" [x] Sent '" + message + "'");
        }
    }

    public static void emit(JMSContext context, String message) {
        context.createProducer().send(context.createTopic(TOPIC), message);
    }
}
