package org.ferrymq.broker.security;

/**
 * A user's access to one virtual host, as in RabbitMQ: three regular expressions over resource
 * names, for configure (declare/delete), write (publish, bind as destination) and read
 * (consume, get, purge, bind as source). An empty pattern grants nothing.
 */
public record PermissionDefinition(String user, String vhost, String configure, String write, String read) {
    public static PermissionDefinition all(String user, String vhost) {
        return new PermissionDefinition(user, vhost, ".*", ".*", ".*");
    }
}
