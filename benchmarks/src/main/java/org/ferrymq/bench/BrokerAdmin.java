package org.ferrymq.bench;

import java.util.List;
import java.util.Map;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * The few things the harness asks a broker directly over AMQP: who it is (for the report) and
 * removing a run's exchange afterwards (PerfTest's queues are auto-delete, its exchanges not),
 * and a persistent run's durable queues.
 */
public final class BrokerAdmin {
    private BrokerAdmin() {
    }

    /** "RabbitMQ 3.10.8", from the server properties of connection.start. */
    public static String serverDescription(String uri) throws Exception {
        try (Connection connection = connect(uri)) {
            Map<String, Object> properties = connection.getServerProperties();
            return String.valueOf(properties.getOrDefault("product", "unknown product")) + " "
                    + properties.getOrDefault("version", "unknown version");
        }
    }

    /** Best effort: a leftover exchange must not fail a benchmark. */
    public static void deleteExchangeQuietly(String uri, String exchange) {
        try (Connection connection = connect(uri)) {
            connection.createChannel().exchangeDelete(exchange);
        } catch (Exception e) {
            // the broker may be gone (FerryMQ crashed) or the exchange never declared
        }
    }

    /** Best effort, like {@link #deleteExchangeQuietly}: each queue, then the exchange. */
    public static void deleteQuietly(String uri, List<String> queues, String exchange) {
        try (Connection connection = connect(uri)) {
            for (String queue : queues) {
                // a channel per delete: deleting a queue that is not there closes the channel on some brokers
                try (Channel channel = connection.createChannel()) {
                    channel.queueDelete(queue);
                } catch (Exception e) {
                    // never declared, or already gone
                }
            }
            connection.createChannel().exchangeDelete(exchange);
        } catch (Exception e) {
            // the broker may be gone (FerryMQ crashed) or the exchange never declared
        }
    }

    private static Connection connect(String uri) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(uri);
        factory.setConnectionTimeout(5_000);
        factory.setAutomaticRecoveryEnabled(false);
        return factory.newConnection("ferrymq-bench-admin");
    }
}
