package org.ferrymq.broker.xa;

import java.util.List;

import org.ferrymq.broker.model.Message;
import org.ferrymq.broker.model.MessageQueue;
import org.ferrymq.broker.model.QueueEntry;

/**
 * What a channel holds while a branch is associated with it: the way its publishes and acks join
 * the branch. Thread-safe (every call takes the resource manager's lock).
 */
public final class XaBranchHandle {
    private final XaResourceManager manager;
    private final XaBranch branch;

    XaBranchHandle(XaResourceManager manager, XaBranch branch) {
        this.manager = manager;
        this.branch = branch;
    }

    public BranchXid xid() {
        return branch.xid;
    }

    /** A message published in the branch, already routed; it reaches the queues at commit. */
    public void published(Message message, List<MessageQueue> queues) {
        manager.published(branch, message, queues);
    }

    /** A delivery acked (or rejected) in the branch: held for it until the outcome. */
    public void consumed(MessageQueue queue, QueueEntry entry, HeldOutcome outcome) {
        manager.consumed(branch, queue, entry, outcome);
    }

    /** Still associated (not ended, timed out or rolled back meanwhile). */
    public boolean active() {
        return manager.isActive(branch);
    }
}
