package org.ferrymq.broker.xa;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.ferrymq.broker.model.Message;
import org.ferrymq.broker.store.MessageStore;
import org.ferrymq.broker.store.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up: reads the prepared branches from the store before the queues' messages are streamed
 * back, so that the messages those branches consumed are kept out of their queues (held for the
 * branch until its transaction manager decides), then restores the branches.
 *
 * <p>Threading: used by the one thread recovering the broker.
 */
public final class XaRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(XaRecovery.class);

    private final List<PreparedRecord> records = new ArrayList<>();
    /** queue store id → message id → message (null until streamed). */
    private final Map<Long, Map<Long, Message>> held = new HashMap<>();

    public XaRecovery(MessageStore store) {
        for (byte[] bytes : store.preparedBranches()) {
            try {
                PreparedRecord record = PreparedRecord.decode(bytes);
                records.add(record);
                for (PreparedRecord.Consumed c : record.consumed()) {
                    held.computeIfAbsent(c.queueStoreId(), q -> new HashMap<>()).put(c.messageId(), null);
                }
            } catch (RuntimeException e) {
                LOG.error("Store recovery: a prepared XA branch record cannot be read and is ignored: {}", e.toString());
            }
        }
    }

    /** True if the stored entry belongs to a prepared branch (it is then kept here, not queued). */
    public boolean takes(long queueStoreId, StoredMessage message) {
        Map<Long, Message> byId = held.get(queueStoreId);
        if (byId == null || !byId.containsKey(message.id())) {
            return false;
        }
        byId.put(message.id(), Message.fromStored(message));
        return true;
    }

    /** Hands each branch to its vhost's resource manager. */
    public void restore(Function<String, XaResourceManager> managers) {
        for (PreparedRecord record : records) {
            managers.apply(record.vhost()).restore(record, held);
        }
    }

    public int branchCount() {
        return records.size();
    }
}
