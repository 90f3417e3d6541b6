package org.ferrymq.examples.jms;

import java.io.IOException;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import jakarta.jms.ConnectionFactory;
import org.ferrymq.jms.FerryConnectionFactory;

/**
 * Where the JMS example programs connect: the broker URI in the environment variable
 * {@code FERRYMQ_URI}, default {@value #DEFAULT_URI}. FerryMQ and RabbitMQ alike.
 *
 * <p>JMS has no API to declare an exchange, choose its type or bind a queue to it: that is the
 * administrator's job. {@link #declare} does it with the RabbitMQ Java client, using the same
 * declarations as the AMQP examples and the Python scripts, so all of them share one topology.
 */
public record JmsBroker(String uri) {
    public static final String DEFAULT_URI = "amqp://guest:guest@localhost:5672";

    /** One AMQP declaration (exchange, queue, binding) JMS cannot make. */
    @FunctionalInterface
    public interface Declaration {
        void declare(Channel channel) throws IOException;
    }

    public static JmsBroker fromEnvironment() {
        String uri = System.getenv("FERRYMQ_URI");
        return new JmsBroker(uri == null || uri.isBlank() ? DEFAULT_URI : uri);
    }

    /** The standard {@code jakarta.jms} entry point; everything else in the examples is plain JMS. */
    public ConnectionFactory connectionFactory() {
        return new FerryConnectionFactory(uri);
    }

    /** Runs the declarations over a short-lived AMQP connection. */
    public void declare(Declaration... declarations) throws IOException, TimeoutException {
        com.rabbitmq.client.ConnectionFactory amqp = new com.rabbitmq.client.ConnectionFactory();
        try {
            amqp.setUri(uri);
        } catch (URISyntaxException | GeneralSecurityException e) {
            throw new IllegalArgumentException("not an AMQP URI: " + uri, e);
        }
        try (Connection connection = amqp.newConnection("jms-examples-topology");
             Channel channel = connection.createChannel()) {
            for (Declaration declaration : declarations) {
                declaration.declare(channel);
            }
        }
    }
}
