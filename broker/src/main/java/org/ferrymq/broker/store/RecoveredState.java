package org.ferrymq.broker.store;

import java.util.List;

import org.ferrymq.broker.security.PermissionDefinition;
import org.ferrymq.broker.security.UserDefinition;

/**
 * Everything durable the store found at start-up, apart from queue contents (which are
 * streamed, see {@link MessageStore#recoverMessages}). {@code problems} lists, in words an
 * operator understands, what could not be recovered (corrupt or truncated data).
 */
public record RecoveredState(List<String> vhosts, List<UserDefinition> users, List<PermissionDefinition> permissions,
                             List<ExchangeRecord> exchanges, List<QueueRecord> queues, List<BindingRecord> bindings,
                             List<String> problems) {
}
