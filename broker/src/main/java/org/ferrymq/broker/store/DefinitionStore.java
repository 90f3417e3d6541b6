package org.ferrymq.broker.store;

import org.ferrymq.broker.security.PermissionDefinition;
import org.ferrymq.broker.security.UserDefinition;

/**
 * Durable topology: vhosts, users, permissions, exchanges, queues, bindings. Changes are rare;
 * each call returns once the change is durable on disk. Thread-safe.
 */
public interface DefinitionStore {
    void saveVhost(String vhost);

    void deleteVhost(String vhost);

    void saveUser(UserDefinition user);

    void deleteUser(String name);

    void savePermission(PermissionDefinition permission);

    void deletePermission(String user, String vhost);

    void saveExchange(ExchangeRecord exchange);

    void deleteExchange(String vhost, String name);

    /** Saves a durable queue definition and returns its id (a new one unless {@code queue.id()} is set, i.e. > 0). */
    long saveQueue(QueueRecord queue);

    /** Deletes a queue's definition, its entries, and messages no other queue holds. */
    void deleteQueue(long queueId);

    void saveBinding(BindingRecord binding);

    void deleteBinding(BindingRecord binding);
}
