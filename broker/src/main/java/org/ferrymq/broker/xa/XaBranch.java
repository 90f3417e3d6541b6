package org.ferrymq.broker.xa;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

import org.ferrymq.broker.model.Message;
import org.ferrymq.broker.model.MessageQueue;
import org.ferrymq.broker.model.QueueEntry;

/**
 * One XA transaction branch: where it is in the XA state machine, who it is associated with, and
 * its work: messages published (already routed) and deliveries consumed, both held until the
 * outcome.
 *
 * <p>Threading: guarded by the lock of its {@link XaResourceManager}; nothing else touches it.
 */
final class XaBranch {
    enum State {
        /** Associated with a channel: its publishes and acks join the branch. */
        ACTIVE,
        /** end(TMSUSPEND): may be resumed. */
        SUSPENDED,
        /** end(TMSUCCESS): may be joined, prepared or committed in one phase. */
        IDLE,
        /** Undone already (end(TMFAIL), a timeout, its channel closed): only rollback is left. */
        ROLLBACK_ONLY,
        /** On disk; waits for commit or rollback, across restarts. */
        PREPARED
    }

    record HeldPublish(Message message, List<MessageQueue> queues) {
    }

    /** A consumed delivery; {@code entry} is null for one recovered from disk after a restart. */
    record HeldDelivery(MessageQueue queue, QueueEntry entry, long storeId, Message message, HeldOutcome outcome) {
    }

    final BranchXid xid;
    State state;
    /** The connection that started it (unprepared branches die with it); null once recovered. */
    Object owner;
    /** The channel it is associated with while ACTIVE (and the one that suspended it). */
    Object channel;
    /** Why it is ROLLBACK_ONLY: XA_RBROLLBACK or XA_RBTIMEOUT. */
    int rollbackCode = XaCodes.XA_RBROLLBACK;
    ScheduledFuture<?> timeout;
    /** When this broker run made (or restored) the branch; shown by management. */
    final long createdAtMillis = System.currentTimeMillis();
    /** System.nanoTime() when this run prepared it; 0 if not prepared (or restored at start-up). */
    long preparedAtNanos;
    final List<HeldPublish> publishes = new ArrayList<>();
    final List<HeldDelivery> deliveries = new ArrayList<>();

    XaBranch(BranchXid xid, State state, Object owner, Object channel) {
        this.xid = xid;
        this.state = state;
        this.owner = owner;
        this.channel = channel;
    }

    boolean hasWork() {
        return !publishes.isEmpty() || !deliveries.isEmpty();
    }

    void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }

    long highestMessageId() {
        long highest = 0;
        for (HeldPublish p : publishes) {
            highest = Math.max(highest, p.message().id());
        }
        return highest;
    }
}
