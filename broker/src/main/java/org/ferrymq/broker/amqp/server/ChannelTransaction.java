package org.ferrymq.broker.amqp.server;

import java.util.ArrayList;
import java.util.List;

import org.ferrymq.broker.amqp.codec.AmqpBasicPublish;
import org.ferrymq.broker.model.Message;

/**
 * What a transacted channel (tx.select) has done since its last commit or rollback: publishes
 * held back and acks/rejects not yet applied. Commit applies all of it at once; rollback forgets
 * the publishes and puts the acknowledged deliveries back to unacked.
 *
 * <p>Owned by the channel's event loop.
 */
final class ChannelTransaction {
    record HeldPublish(AmqpBasicPublish publish, Message message) {
    }

    record HeldSettlement(List<Unacked> deliveries, Settlement outcome) {
    }

    private final List<HeldPublish> publishes = new ArrayList<>();
    private final List<HeldSettlement> settlements = new ArrayList<>();

    void publishOnCommit(AmqpBasicPublish publish, Message message) {
        publishes.add(new HeldPublish(publish, message));
    }

    void settleOnCommit(List<Unacked> deliveries, Settlement outcome) {
        settlements.add(new HeldSettlement(deliveries, outcome));
    }

    List<HeldPublish> publishes() {
        return publishes;
    }

    List<HeldSettlement> settlements() {
        return settlements;
    }

    void clear() {
        publishes.clear();
        settlements.clear();
    }
}
