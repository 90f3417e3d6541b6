package org.ferrymq.examples;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * Where the example programs connect: {@code AMQP_HOST} (default localhost) and {@code AMQP_PORT}
 * (default 5672) from the environment, the same variables the Python scripts read.
 */
public record BrokerAddress(String host, int port) {

    public static BrokerAddress fromEnvironment() {
        String host = System.getenv().getOrDefault("AMQP_HOST", "localhost");
        int port = Integer.parseInt(System.getenv().getOrDefault("AMQP_PORT", "5672"));
        return new BrokerAddress(host, port);
    }

    /** Opens a connection as guest/guest, the default user of both FerryMQ and RabbitMQ. */
    public Connection connect() throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        return factory.newConnection();
    }
}
