package org.ferrymq.console;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.rabbitmq.client.ConnectionFactory;

/**
 * A broker with a management HTTP API that the client tests run against: FerryMQ (a fresh
 * broker and console on free ports) and, when {@code RABBITMQ_MGMT_URI} is set, the private
 * RabbitMQ 3.10 node with its management plugin that {@code scripts/rabbitmq-mgmt.sh} starts
 * (AMQP at {@code RABBITMQ_MGMT_AMQP_URI}). Both log in as guest/guest from loopback.
 */
record ManagementTarget(String name, URI http, String amqpHost, int amqpPort, boolean rabbitmq) {
    static final String USER = "guest";
    static final String PASSWORD = "guest";

    static ManagementTarget ferrymq(ConsoleFixture fixture) {
        return new ManagementTarget("FerryMQ", fixture.console.uri(), "127.0.0.1", fixture.broker.amqpPort(), false);
    }

    /** The RabbitMQ node, or null when RABBITMQ_MGMT_URI is not set. */
    static ManagementTarget rabbitmqOrNull() {
        String uri = System.getenv("RABBITMQ_MGMT_URI");
        if (uri == null || uri.isBlank()) {
            return null;
        }
        URI http = URI.create(uri);
        URI amqp = URI.create(System.getenv().getOrDefault("RABBITMQ_MGMT_AMQP_URI", "amqp://guest:guest@127.0.0.1:5722"));
        return new ManagementTarget("RabbitMQ", URI.create("http://" + http.getHost() + ":" + http.getPort() + "/"),
                amqp.getHost(), amqp.getPort(), true);
    }

    /** FerryMQ, then RabbitMQ if available. */
    static List<ManagementTarget> all(ConsoleFixture fixture) {
        List<ManagementTarget> targets = new ArrayList<>();
        targets.add(ferrymq(fixture));
        ManagementTarget rabbit = rabbitmqOrNull();
        if (rabbit != null) {
            targets.add(rabbit);
        }
        return targets;
    }

    ConnectionFactory amqp() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(amqpHost);
        factory.setPort(amqpPort);
        factory.setUsername(USER);
        factory.setPassword(PASSWORD);
        factory.setConnectionTimeout(10_000);
        return factory;
    }

    @Override
    public String toString() {
        return name;
    }

    static ConsoleFixture fixture(Path dir) {
        return new ConsoleFixture(dir);
    }
}
