package org.ferrymq.broker.management;

import java.util.List;
import java.util.Map;

import org.ferrymq.broker.security.PermissionDefinition;

/**
 * The broker's definitions as RabbitMQ's definitions file holds them (users, vhosts,
 * permissions, exchanges, queues, bindings), for export and import. {@code skipped} lists, in
 * words, what a file had that FerryMQ does not keep (policies, parameters, topic permissions).
 */
public record Definitions(List<User> users, List<String> vhosts, List<PermissionDefinition> permissions,
                          List<ExchangeDefinition> exchanges, List<QueueDefinition> queues,
                          List<BindingDefinition> bindings, List<String> skipped) {
    public Definitions {
        users = List.copyOf(users);
        vhosts = List.copyOf(vhosts);
        permissions = List.copyOf(permissions);
        exchanges = List.copyOf(exchanges);
        queues = List.copyOf(queues);
        bindings = List.copyOf(bindings);
        skipped = List.copyOf(skipped);
    }

    /** A user with its password hash ({@code rabbit_password_hashing_sha256}) and tags. */
    public record User(String name, String passwordHash, List<String> tags) {
        public User {
            tags = List.copyOf(tags);
        }
    }

    public record ExchangeDefinition(String vhost, String name, String type, boolean durable, boolean autoDelete,
                                     boolean internal, Map<String, Object> arguments) {
        public ExchangeDefinition {
            arguments = Map.copyOf(arguments);
        }
    }

    public record QueueDefinition(String vhost, String name, boolean durable, boolean autoDelete,
                                  Map<String, Object> arguments) {
        public QueueDefinition {
            arguments = Map.copyOf(arguments);
        }
    }

    /** {@code destinationType} is "queue" or "exchange". */
    public record BindingDefinition(String vhost, String source, String destination, String destinationType,
                                    String routingKey, Map<String, Object> arguments) {
        public BindingDefinition {
            arguments = Map.copyOf(arguments);
        }
    }
}
