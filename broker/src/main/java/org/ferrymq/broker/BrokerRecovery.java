package org.ferrymq.broker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ferrymq.broker.model.Message;
import org.ferrymq.broker.model.MessageQueue;
import org.ferrymq.broker.model.VirtualHost;
import org.ferrymq.broker.model.VirtualHostRegistry;
import org.ferrymq.broker.store.BindingRecord;
import org.ferrymq.broker.store.ExchangeRecord;
import org.ferrymq.broker.store.MessageStore;
import org.ferrymq.broker.store.QueueRecord;
import org.ferrymq.broker.store.RecoveredState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up: rebuilds the durable topology from the store (exchanges, then queues, then
 * bindings), then streams every durable queue's messages back in order. Anything the store
 * could not read is logged so an operator sees what was lost.
 */
final class BrokerRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerRecovery.class);
    private static final int BATCH = 10_000;

    private BrokerRecovery() {
    }

    /** Rebuilds the topology and messages; answers what the store held (its users, vhosts and permissions too). */
    static RecoveredState recover(MessageStore store, VirtualHostRegistry vhosts) {
        long started = System.nanoTime();
        RecoveredState state = store.recoverDefinitions();
        for (String problem : state.problems()) {
            LOG.error("Store recovery: {}", problem);
        }
        state.vhosts().forEach(vhosts::add);
        for (ExchangeRecord exchange : state.exchanges()) {
            vhosts.add(exchange.vhost()).restoreExchange(exchange);
        }
        Map<Long, MessageQueue> queuesById = new HashMap<>();
        for (QueueRecord queue : state.queues()) {
            queuesById.put(queue.id(), vhosts.add(queue.vhost()).restoreQueue(queue));
        }
        for (BindingRecord binding : state.bindings()) {
            VirtualHost vhost = vhosts.add(binding.vhost());
            if (!vhost.restoreBinding(binding)) {
                LOG.warn("Store recovery: dropped a binding from '{}' to '{}' in vhost '{}': one end no longer exists",
                        binding.source(), binding.destination(), binding.vhost());
            }
        }
        vhosts.messageIdsAfter(store.lastMessageId());
        long[] count = {0};
        Map<Long, List<Message>> batches = new HashMap<>();
        store.recoverMessages((queueId, stored) -> {
            MessageQueue queue = queuesById.get(queueId);
            if (queue == null) {
                return;
            }
            List<Message> batch = batches.computeIfAbsent(queueId, id -> new ArrayList<>(BATCH));
            batch.add(Message.fromStored(stored));
            count[0]++;
            if (batch.size() == BATCH) {
                queue.recover(batch);
                batches.remove(queueId);
            }
        });
        batches.forEach((queueId, batch) -> queuesById.get(queueId).recover(batch));
        LOG.info("Recovered {} durable queue(s), {} exchange(s), {} binding(s) and {} message(s) in {} ms",
                state.queues().size(), state.exchanges().size(), state.bindings().size(), count[0],
                (System.nanoTime() - started) / 1_000_000);
        return state;
    }
}
