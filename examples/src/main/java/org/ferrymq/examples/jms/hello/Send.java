package org.ferrymq.examples.jms.hello;

import java.io.IOException;

import com.rabbitmq.client.Channel;
import jakarta.jms.JMSContext;
import org.ferrymq.examples.jms.JmsBroker;

/**
 * Hello world in JMS: sends one text message to the queue {@code hello} (the tutorial's queue, so
 * {@code receive.py} gets it too). Argument: [message].
 */
public final class Send {
    public static final String QUEUE_NAME = org.ferrymq.examples.hello.Send.QUEUE_NAME;

    private Send() {
    }

    public static void main(String[] argv) throws Exception {
        String message = argv.length > 0 ? String.join(" ", argv) : "Hello World!";
        JmsBroker broker = JmsBroker.fromEnvironment();
        broker.declare(Send::declareQueue);
        try (JMSContext context = broker.connectionFactory().createContext()) {
            send(context, message);
            System.out.println(" [x] Sent '" + message + "'");
        }
    }

    /**
     * The tutorial declares {@code hello} non-durable; JMS would declare a missing queue durable,
     * and then {@code send.py}'s declaration would be refused. Declared the tutorial's way, JMS
     * uses it as it is.
     */
    public static void declareQueue(Channel channel) throws IOException {
        channel.queueDeclare(QUEUE_NAME, false, false, false, null);
    }

    public static void send(JMSContext context, String message) {
        context.createProducer().send(context.createQueue(QUEUE_NAME), message);
    }
}
