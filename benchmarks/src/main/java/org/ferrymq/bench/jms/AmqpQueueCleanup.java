package org.ferrymq.bench.jms;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * Deletes a run's queue over plain AMQP after a JMS run on FerryMQ amqp:// or RabbitMQ, so that
 * durable queues declared by the JMS clients never pile up on a shared broker.
 */
final class AmqpQueueCleanup {
    private AmqpQueueCleanup() {
    }

    static void deleteQuietly(String amqpUri, String queue) {
        try {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(amqpUri);
            factory.setConnectionTimeout(5_000);
            try (Connection connection = factory.newConnection("ferrymq-jmsbench-cleanup");
                 Channel channel = connection.createChannel()) {
                channel.queueDelete(queue);
            }
        } catch (Exception e) {
            // best effort: names are unique per run, so a leftover never disturbs a later run
        }
    }
}
