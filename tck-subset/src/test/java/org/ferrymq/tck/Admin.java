package org.ferrymq.tck;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what a test leaves on a broker (JMS cannot delete a queue) through a plain AMQP
 * connection per broker URI, shared by all tests and closed at the end of the run.
 */
final class Admin {
    private static final Logger log = LoggerFactory.getLogger(Admin.class);
    private static final Map<String, Connection> connections = new ConcurrentHashMap<>();

    private Admin() {
    }

    static void deleteQueue(String adminUri, String queue) {
        if (adminUri == null) {
            return;
        }
        try {
            Connection connection = connections.computeIfAbsent(adminUri, Admin::open);
            try (Channel channel = connection.createChannel()) {
                channel.queueDelete(queue);
            }
        } catch (Exception e) {
            log.debug("could not delete queue {} on {}", queue, adminUri, e);
        }
    }

    /** Declares (or deletes, with a null type) what a test sets up behind JMS's back. */
    static void run(String adminUri, ChannelWork work) throws Exception {
        Connection connection = connections.computeIfAbsent(adminUri, Admin::open);
        try (Channel channel = connection.createChannel()) {
            work.run(channel);
        }
    }

    @FunctionalInterface
    interface ChannelWork {
        void run(Channel channel) throws Exception;
    }

    private static Connection open(String uri) {
        try {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(uri);
            factory.setAutomaticRecoveryEnabled(false);
            return factory.newConnection("ferrymq-tck-admin");
        } catch (Exception e) {
            throw new IllegalStateException("admin connection to " + uri + " failed", e);
        }
    }

    static void closeAll() {
        connections.values().forEach(c -> {
            try {
                c.close();
            } catch (Exception e) {
                log.debug("closing admin connection", e);
            }
        });
        connections.clear();
    }
}
