package org.ferrymq.examples.jms.topics;

import java.util.function.Consumer;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import org.ferrymq.examples.jms.JmsBroker;
import org.ferrymq.examples.jms.LogLine;

/**
 * Topics in JMS: a subscriber of {@code logs3/<pattern>}, where {@code *} stands for exactly one
 * word and {@code #} for zero or more (the broker's topic exchange does the matching). Each
 * received message carries the key it was published with in its {@code JMSDestination}.
 * Argument: [pattern] (default {@code #.news}); one JMS subscriber has one pattern, so run
 * several for several patterns (a message matching two of them then arrives twice).
 */
public final class ReceiveLogsTopic {

    private ReceiveLogsTopic() {
    }

    public static void main(String[] argv) throws Exception {
        String pattern = argv.length > 0 ? argv[0] : "#.news";
        JmsBroker broker = JmsBroker.fromEnvironment();
        broker.declare(org.ferrymq.examples.topics.EmitLogTopic::declareExchange);
        JMSContext context = broker.connectionFactory().createContext();
        subscribe(context, pattern, log -> System.out.println(" [x] '" + log + "'"));
        System.out.println(" [*] Waiting for logs matching " + pattern + ". To exit press CTRL+C");
        Thread.currentThread().join(); // the listener runs on the context's thread until CTRL+C
    }

    public static JMSConsumer subscribe(JMSContext context, String pattern, Consumer<LogLine> onLog) {
        JMSConsumer consumer = context.createConsumer(context.createTopic(EmitLogTopic.topic(pattern)));
        consumer.setMessageListener(message -> {
            try {
                onLog.accept(LogLine.from(message));
            } catch (JMSException e) {
                throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
            }
        });
        return consumer;
    }
}
