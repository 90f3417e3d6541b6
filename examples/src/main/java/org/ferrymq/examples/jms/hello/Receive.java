package org.ferrymq.examples.jms.hello;

import java.time.Duration;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import org.ferrymq.examples.jms.JmsBroker;

/**
 * Hello world in JMS: receives the text messages of the queue {@code hello} one by one with a
 * synchronous {@code receiveBody}, whoever sent them (this program's {@link Send}, {@code send.py},
 * the Java AMQP {@code Send}). Each is acknowledged as it is returned (AUTO_ACKNOWLEDGE).
 */
public final class Receive {

    private Receive() {
    }

    public static void main(String[] argv) throws Exception {
        JmsBroker broker = JmsBroker.fromEnvironment();
        broker.declare(Send::declareQueue);
        try (JMSContext context = broker.connectionFactory().createContext();
             JMSConsumer consumer = context.createConsumer(context.createQueue(Send.QUEUE_NAME))) {
            System.out.println(" [*] Waiting for messages. To exit press CTRL+C");
            while (true) {
                System.out.println(" [x] Received '" + consumer.receiveBody(String.class) + "'");
            }
        }
    }

    /** The next message's text, or null if none arrives within {@code timeout}. */
    public static String receive(JMSContext context, Duration timeout) {
        try (JMSConsumer consumer = context.createConsumer(context.createQueue(Send.QUEUE_NAME))) {
            return consumer.receiveBody(String.class, timeout.toMillis());
        }
    }
}
