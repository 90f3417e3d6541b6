package org.ferrymq.examples.jms.publishsubscribe;

import java.util.function.Consumer;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import org.ferrymq.examples.jms.JmsBroker;

/**
 * Publish/subscribe in JMS: a subscriber of the topic {@code logs/}. A JMS topic subscriber gets a
 * queue of its own (server-named, exclusive, auto-delete, bound to {@code logs}), exactly what
 * {@code receive_logs.py} declares: every subscriber gets every message published while it listens.
 */
public final class ReceiveLogs {

    private ReceiveLogs() {
    }

    public static void main(String[] argv) throws Exception {
        JmsBroker broker = JmsBroker.fromEnvironment();
        broker.declare(org.ferrymq.examples.publishsubscribe.EmitLog::declareExchange);
        JMSContext context = broker.connectionFactory().createContext();
        subscribe(context, log -> System.out.println(" [x] '" + log + "'"));
        System.out.println(" [*] Waiting for logs. To exit press CTRL+C");
        Thread.currentThread().join(); // the listener runs on the context's thread until CTRL+C
    }

    /** Subscribes; the subscription is bound when this returns, and ends when the consumer closes. */
    public static JMSConsumer subscribe(JMSContext context, Consumer<String> onLog) {
        JMSConsumer consumer = context.createConsumer(context.createTopic(EmitLog.TOPIC));
        consumer.setMessageListener(message -> {
            try {
                onLog.accept(message.getBody(String.class));
            } catch (JMSException e) {
                throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
            }
        });
        return consumer;
    }
}
