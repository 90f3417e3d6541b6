package org.ferrymq.broker.xa;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.ferrymq.broker.model.Message;
import org.ferrymq.broker.model.MessageQueue;
import org.ferrymq.broker.model.QueueEntry;
import org.ferrymq.broker.store.BranchWrites;
import org.ferrymq.broker.store.MessageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The XA resource manager of one virtual host: its transaction branches and the XA state machine
 * (X/Open XA as {@code javax.transaction.xa.XAResource} exposes it). Every wrong call is an
 * {@link XaFailure} with the XA error code the spec gives it.
 *
 * <p>A branch's publishes and acks are held until the outcome; prepare writes them to the store
 * (fsync) before it answers; commit applies them in one atomic, durable store write and only then
 * makes them visible; rollback gives the consumed deliveries back to their queues, flagged
 * redelivered. Unprepared branches die with the connection that started them, or when idle past
 * their timeout; prepared ones survive restarts ({@link #restore}).
 *
 * <p>Concurrent branches share fsyncs: each prepare and commit tells the store how many other
 * branches are about to write too ({@link #companionsOf}), and the store lets them join one
 * group commit instead of syncing once per branch.
 *
 * <p>Threading: every method takes this object's lock (calls come from connection event loops,
 * the timer thread and store-writer completions); work on queues is handed to their executors.
 */
public final class XaResourceManager {
    private static final Logger LOG = LoggerFactory.getLogger(XaResourceManager.class);
    /** A branch whose start gave no timeout (0) is rolled back after this long, as Artemis does. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 300;
    /**
     * A branch prepared this long ago or less still counts as about to commit: its transaction
     * manager writes its log and then commits within milliseconds; one that waits longer (a
     * stopped transaction manager) must not make other branches wait for it.
     */
    private static final long PREPARED_COMPANION_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String vhost;
    private final String id = UUID.randomUUID().toString();
    private final MessageStore store;
    private final ScheduledExecutorService timer;
    private final Function<String, MessageQueue> queues;
    private final Map<BranchXid, XaBranch> branches = new HashMap<>();

    public XaResourceManager(String vhost, MessageStore store, ScheduledExecutorService timer,
                             Function<String, MessageQueue> queues) {
        this.vhost = vhost;
        this.store = store;
        this.timer = timer;
        this.queues = queues;
    }

    /** Identifies this resource manager (broker run and vhost) for {@code XAResource.isSameRM}. */
    public String id() {
        return id;
    }

    // ---- association -----------------------------------------------------------------------

    /**
     * xa_start: a new branch (TMNOFLAGS), or joins an ended one (TMJOIN) or resumes a suspended
     * one (TMRESUME), associating it with {@code channel}. The caller checks that the channel has
     * no other branch.
     */
    public synchronized XaBranchHandle start(BranchXid xid, int flags, int timeoutSeconds, Object connection, Object channel) {
        if (timeoutSeconds < 0) {
            throw new XaFailure(XaCodes.XAER_INVAL, "negative transaction timeout " + timeoutSeconds);
        }
        XaBranch branch = branches.get(xid);
        switch (flags) {
            case XaCodes.TMNOFLAGS -> {
                if (branch != null) {
                    throw new XaFailure(XaCodes.XAER_DUPID, "branch " + xid + " already exists");
                }
                branch = new XaBranch(xid, XaBranch.State.ACTIVE, connection, channel);
                branches.put(xid, branch);
                XaBranch started = branch;
                long seconds = timeoutSeconds == 0 ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
                branch.timeout = timer.schedule(() -> timedOut(started), seconds, TimeUnit.SECONDS);
            }
            case XaCodes.TMJOIN, XaCodes.TMRESUME -> {
                if (branch == null) {
                    throw new XaFailure(XaCodes.XAER_NOTA, "no branch " + xid);
                }
                if (branch.state == XaBranch.State.ROLLBACK_ONLY) {
                    throw new XaFailure(branch.rollbackCode, "branch " + xid + " was rolled back");
                }
                XaBranch.State expected = flags == XaCodes.TMJOIN ? XaBranch.State.IDLE : XaBranch.State.SUSPENDED;
                if (branch.state != expected) {
                    throw new XaFailure(XaCodes.XAER_PROTO, "branch " + xid + " is " + branch.state + ", not " + expected);
                }
                if (branch.owner != connection) {
                    throw new XaFailure(XaCodes.XAER_PROTO, "branch " + xid + " belongs to another connection");
                }
                branch.state = XaBranch.State.ACTIVE;
                branch.channel = channel;
            }
            default -> throw new XaFailure(XaCodes.XAER_INVAL, "start takes TMNOFLAGS, TMJOIN or TMRESUME, not " + flags);
        }
        return new XaBranchHandle(this, branch);
    }

    /** xa_end: TMSUCCESS, TMFAIL or TMSUSPEND, by the channel the branch is associated with. */
    public synchronized void end(BranchXid xid, int flags, Object channel) {
        if (flags != XaCodes.TMSUCCESS && flags != XaCodes.TMFAIL && flags != XaCodes.TMSUSPEND) {
            throw new XaFailure(XaCodes.XAER_INVAL, "end takes TMSUCCESS, TMFAIL or TMSUSPEND, not " + flags);
        }
        XaBranch branch = known(xid);
        if (branch.state == XaBranch.State.ROLLBACK_ONLY) {
            if (branch.channel == channel) {
                branch.channel = null;
            }
            throw new XaFailure(branch.rollbackCode, "branch " + xid + " was rolled back");
        }
        boolean associatedHere = branch.state == XaBranch.State.ACTIVE && branch.channel == channel;
        boolean suspendedHere = branch.state == XaBranch.State.SUSPENDED && branch.channel == channel;
        if (!associatedHere && !(suspendedHere && flags != XaCodes.TMSUSPEND)) {
            throw new XaFailure(XaCodes.XAER_PROTO, "branch " + xid + " is not associated with this session");
        }
        switch (flags) {
            case XaCodes.TMSUSPEND -> branch.state = XaBranch.State.SUSPENDED;
            case XaCodes.TMSUCCESS -> {
                branch.state = XaBranch.State.IDLE;
                branch.channel = null;
            }
            default -> {
                undo(branch, XaCodes.XA_RBROLLBACK);
                branch.channel = null;
            }
        }
    }

    // ---- completion ------------------------------------------------------------------------

    /** xa_prepare: XA_RDONLY for a branch that did nothing (it is then gone), XA_OK once it is on disk. */
    public synchronized CompletableFuture<Integer> prepare(BranchXid xid) {
        XaBranch branch = known(xid);
        refuseRolledBack(branch);
        if (branch.state != XaBranch.State.IDLE) {
            throw new XaFailure(XaCodes.XAER_PROTO, "branch " + xid + " is " + branch.state + "; prepare needs an ended branch");
        }
        branch.cancelTimeout();
        if (!branch.hasWork()) {
            branches.remove(xid);
            return CompletableFuture.completedFuture(XaCodes.XA_RDONLY);
        }
        branch.state = XaBranch.State.PREPARED;
        branch.preparedAtNanos = System.nanoTime();
        branch.owner = null;   // a prepared branch outlives its connection
        byte[] record = record(branch).encode();
        return store.savePreparedBranch(xid.encode(), record, branch.highestMessageId(), companionsOf(branch)).handle((ok, failure) -> {
            if (failure != null) {
                LOG.error("Could not store prepared XA branch {}; rolling it back", xid, failure);
                synchronized (this) {
                    if (branches.remove(xid, branch)) {
                        undo(branch, XaCodes.XA_RBROLLBACK);
                    }
                }
                throw new CompletionException(new XaFailure(XaCodes.XA_RBROLLBACK, "could not store the branch: " + failure));
            }
            return XaCodes.XA_OK;
        });
    }

    /** xa_commit, two-phase (a prepared branch) or one-phase (an ended one). */
    public synchronized CompletableFuture<Void> commit(BranchXid xid, boolean onePhase) {
        XaBranch branch = known(xid);
        if (branch.state == XaBranch.State.ROLLBACK_ONLY) {
            branches.remove(xid);
            throw new XaFailure(branch.rollbackCode, "branch " + xid + " was rolled back");
        }
        XaBranch.State expected = onePhase ? XaBranch.State.IDLE : XaBranch.State.PREPARED;
        if (branch.state != expected) {
            throw new XaFailure(XaCodes.XAER_PROTO, "branch " + xid + " is " + branch.state
                    + (onePhase ? "; a one-phase commit needs an ended, unprepared branch" : "; commit needs a prepared branch"));
        }
        branch.cancelTimeout();
        branches.remove(xid);
        boolean prepared = branch.state == XaBranch.State.PREPARED;
        BranchWrites writes = commitWrites(branch);
        if (!prepared && writes.isEmpty()) {
            applyCommit(branch);
            return CompletableFuture.completedFuture(null);
        }
        return store.finishBranch(prepared ? xid.encode() : null, writes, companionsOf(branch)).handle((ok, failure) -> {
            if (failure == null) {
                applyCommit(branch);
                return null;
            }
            LOG.error("Could not store the commit of XA branch {}", xid, failure);
            synchronized (this) {
                if (prepared) {
                    branches.putIfAbsent(xid, branch);   // still prepared on disk: the TM retries
                    throw new CompletionException(new XaFailure(XaCodes.XAER_RMFAIL, "could not store the commit: " + failure));
                }
                undo(branch, XaCodes.XA_RBROLLBACK);
            }
            throw new CompletionException(new XaFailure(XaCodes.XA_RBROLLBACK, "could not store the commit: " + failure));
        });
    }

    /**
     * xa_rollback. A branch still associated with a session may be rolled back too (a transaction
     * manager's timeout reaper does that); its session's later end hears XA_RBROLLBACK... or NOTA.
     */
    public synchronized CompletableFuture<Void> rollback(BranchXid xid) {
        XaBranch branch = known(xid);
        branch.cancelTimeout();
        branches.remove(xid);
        if (branch.state == XaBranch.State.PREPARED) {
            return store.finishBranch(xid.encode(), new BranchWrites(), companionsOf(branch)).handle((ok, failure) -> {
                synchronized (this) {
                    if (failure != null) {
                        branches.putIfAbsent(xid, branch);
                        throw new CompletionException(new XaFailure(XaCodes.XAER_RMFAIL, "could not store the rollback: " + failure));
                    }
                    undo(branch, XaCodes.XA_RBROLLBACK);
                }
                return null;
            });
        }
        undo(branch, XaCodes.XA_RBROLLBACK);
        return CompletableFuture.completedFuture(null);
    }

    /** xa_forget: FerryMQ never completes a branch heuristically, so there is never anything to forget. */
    public synchronized void forget(BranchXid xid) {
        known(xid);
        throw new XaFailure(XaCodes.XAER_PROTO, "branch " + xid + " was not completed heuristically");
    }

    /** xa_recover: the prepared branches (the scan cursor is the client's: this lists them all). */
    public synchronized List<BranchXid> recover(int flags) {
        if ((flags & ~(XaCodes.TMSTARTRSCAN | XaCodes.TMENDRSCAN)) != 0) {
            throw new XaFailure(XaCodes.XAER_INVAL, "recover takes TMSTARTRSCAN, TMENDRSCAN or TMNOFLAGS, not " + flags);
        }
        List<BranchXid> prepared = new ArrayList<>();
        for (XaBranch branch : branches.values()) {
            if (branch.state == XaBranch.State.PREPARED) {
                prepared.add(branch.xid);
            }
        }
        return prepared;
    }

    // ---- work done in a branch (through XaBranchHandle) --------------------------------------

    synchronized void published(XaBranch branch, Message message, List<MessageQueue> queues) {
        if (branch.state == XaBranch.State.ACTIVE && branches.get(branch.xid) == branch) {
            branch.publishes.add(new XaBranch.HeldPublish(message, queues));
        }
        // else: the branch was rolled back under the publisher's feet; its publish goes with it
    }

    synchronized void consumed(XaBranch branch, MessageQueue queue, QueueEntry entry, HeldOutcome outcome) {
        if (branch.state == XaBranch.State.ACTIVE && branches.get(branch.xid) == branch) {
            branch.deliveries.add(new XaBranch.HeldDelivery(queue, entry, queue.storeId(), entry.message(), outcome));
        } else {
            queue.requeue(List.of(entry));
        }
    }

    synchronized boolean isActive(XaBranch branch) {
        return branch.state == XaBranch.State.ACTIVE && branches.get(branch.xid) == branch;
    }

    // ---- deaths ----------------------------------------------------------------------------

    /** The channel closed: a branch still associated with it is rolled back (end/commit then say XA_RBROLLBACK). */
    public synchronized void channelClosed(Object channel) {
        for (XaBranch branch : branches.values()) {
            if (branch.channel == channel && branch.state == XaBranch.State.ACTIVE) {
                undo(branch, XaCodes.XA_RBROLLBACK);
                branch.channel = null;
            }
        }
    }

    /** The connection closed: every unprepared branch it started dies. */
    public synchronized void connectionClosed(Object connection) {
        var it = branches.values().iterator();
        while (it.hasNext()) {
            XaBranch branch = it.next();
            if (branch.owner == connection && branch.state != XaBranch.State.PREPARED) {
                branch.cancelTimeout();
                if (branch.state != XaBranch.State.ROLLBACK_ONLY) {
                    undo(branch, XaCodes.XA_RBROLLBACK);
                }
                it.remove();
            }
        }
    }

    private synchronized void timedOut(XaBranch branch) {
        if (branches.get(branch.xid) != branch) {
            return;
        }
        switch (branch.state) {
            case ACTIVE, SUSPENDED, IDLE -> {
                LOG.info("XA branch {} in vhost '{}' timed out; rolled back", branch.xid, vhost);
                undo(branch, XaCodes.XA_RBTIMEOUT);
            }
            default -> {
                // prepared branches wait for their transaction manager; rolled-back ones already are
            }
        }
    }

    // ---- restart ---------------------------------------------------------------------------

    /** Restores a prepared branch read from the store at start-up, with the messages it holds. */
    synchronized void restore(PreparedRecord record, Map<Long, Map<Long, Message>> heldMessages) {
        XaBranch branch = new XaBranch(record.xid(), XaBranch.State.PREPARED, null, null);
        for (PreparedRecord.Publish p : record.publishes()) {
            List<MessageQueue> targets = new ArrayList<>();
            for (String name : p.queues()) {
                MessageQueue queue = queues.apply(name);
                if (queue != null) {
                    targets.add(queue);
                }
            }
            branch.publishes.add(new XaBranch.HeldPublish(Message.fromStored(p.message()), targets));
        }
        for (PreparedRecord.Consumed c : record.consumed()) {
            MessageQueue queue = queues.apply(c.queue());
            Message message = heldMessages.getOrDefault(c.queueStoreId(), Map.of()).get(c.messageId());
            if (queue != null && message != null && queue.storeId() == c.queueStoreId()) {
                branch.deliveries.add(new XaBranch.HeldDelivery(queue, null, c.queueStoreId(), message, c.outcome()));
                queue.reserveSequence(message);
            } else {
                // the queue was deleted, or the store no longer holds the message: nothing to hold or give back
                LOG.warn("Prepared XA branch {} in vhost '{}' consumed message {} of queue '{}', which {}; "
                                + "the branch goes on without it", record.xid(), vhost, c.messageId(), c.queue(),
                        queue == null || queue.storeId() != c.queueStoreId() ? "no longer exists" : "the store does not hold");
            }
        }
        branches.put(record.xid(), branch);
        LOG.info("Recovered prepared XA branch {} in vhost '{}' ({} publish(es), {} consumed message(s))",
                record.xid(), vhost, branch.publishes.size(), branch.deliveries.size());
    }

    // ---- helpers ---------------------------------------------------------------------------

    /**
     * How many other branches will soon write to the store: those with work that are still
     * associated or ended (a prepare or one-phase commit follows) and those prepared a moment ago
     * (their commit follows the transaction manager's log write). The store lets this branch's
     * write wait briefly for them, so that concurrent transactions share one fsync.
     */
    private int companionsOf(XaBranch writing) {
        long now = System.nanoTime();
        int companions = 0;
        for (XaBranch other : branches.values()) {
            if (other == writing) {
                continue;
            }
            boolean working = (other.state == XaBranch.State.ACTIVE || other.state == XaBranch.State.IDLE) && other.hasWork();
            boolean aboutToCommit = other.state == XaBranch.State.PREPARED && other.preparedAtNanos != 0
                    && now - other.preparedAtNanos < PREPARED_COMPANION_NANOS;
            if (working || aboutToCommit) {
                companions++;
            }
        }
        return companions;
    }

    private XaBranch known(BranchXid xid) {
        XaBranch branch = branches.get(xid);
        if (branch == null) {
            throw new XaFailure(XaCodes.XAER_NOTA, "no branch " + xid + " in vhost '" + vhost + "'");
        }
        return branch;
    }

    private void refuseRolledBack(XaBranch branch) {
        if (branch.state == XaBranch.State.ROLLBACK_ONLY) {
            branches.remove(branch.xid);
            throw new XaFailure(branch.rollbackCode, "branch " + branch.xid + " was rolled back");
        }
    }

    private PreparedRecord record(XaBranch branch) {
        List<PreparedRecord.Publish> publishes = new ArrayList<>();
        for (XaBranch.HeldPublish p : branch.publishes) {
            List<String> names = new ArrayList<>();
            for (MessageQueue q : p.queues()) {
                names.add(q.name());
            }
            publishes.add(new PreparedRecord.Publish(p.message().toStored(), names));
        }
        List<PreparedRecord.Consumed> consumed = new ArrayList<>();
        for (XaBranch.HeldDelivery d : branch.deliveries) {
            consumed.add(new PreparedRecord.Consumed(d.queue().name(), d.storeId(), d.message().id(), d.outcome()));
        }
        return new PreparedRecord(vhost, branch.xid, publishes, consumed);
    }

    /** The durable part of a commit: persistent publishes for durable queues, acks of stored entries. */
    private static BranchWrites commitWrites(XaBranch branch) {
        BranchWrites writes = new BranchWrites();
        for (XaBranch.HeldPublish p : branch.publishes) {
            if (!p.message().persistent()) {
                continue;
            }
            long[] ids = p.queues().stream().mapToLong(MessageQueue::storeId).filter(id -> id > 0).toArray();
            writes.add(p.message().toStored(), ids);
        }
        for (XaBranch.HeldDelivery d : branch.deliveries) {
            boolean stored = d.storeId() > 0 && d.message().persistent();
            if (stored && (d.outcome() != HeldOutcome.REQUEUE)) {
                writes.remove(d.storeId(), d.message().id());
            }
        }
        return writes;
    }

    /** Makes a committed branch's work visible (after its store write). */
    private static void applyCommit(XaBranch branch) {
        Map<MessageQueue, List<Message>> byQueue = new LinkedHashMap<>();
        for (XaBranch.HeldPublish p : branch.publishes) {
            for (MessageQueue q : p.queues()) {
                byQueue.computeIfAbsent(q, x -> new ArrayList<>()).add(p.message());
            }
        }
        byQueue.forEach(MessageQueue::enqueueAll);
        Map<MessageQueue, List<QueueEntry>> requeue = new LinkedHashMap<>();
        Map<MessageQueue, List<Message>> recoveredRequeue = new LinkedHashMap<>();
        for (XaBranch.HeldDelivery d : branch.deliveries) {
            switch (d.outcome()) {
                case ACK -> {
                    if (d.entry() != null) {
                        d.queue().acknowledged(d.entry());
                    }
                }
                case REQUEUE -> {
                    if (d.entry() != null) {
                        requeue.computeIfAbsent(d.queue(), x -> new ArrayList<>()).add(d.entry());
                    } else {
                        recoveredRequeue.computeIfAbsent(d.queue(), x -> new ArrayList<>()).add(d.message());
                    }
                }
                case DISCARD -> {
                    if (d.entry() != null) {
                        d.queue().reject(List.of(d.entry()));
                    }
                }
            }
        }
        requeue.forEach(MessageQueue::requeue);
        recoveredRequeue.forEach(MessageQueue::returnRestored);
    }

    /** Rolls the work back: publishes dropped, consumed deliveries back to their queues, redelivered. */
    private void undo(XaBranch branch, int code) {
        Map<MessageQueue, List<QueueEntry>> requeue = new LinkedHashMap<>();
        Map<MessageQueue, List<Message>> recovered = new LinkedHashMap<>();
        for (XaBranch.HeldDelivery d : branch.deliveries) {
            if (d.entry() != null) {
                requeue.computeIfAbsent(d.queue(), x -> new ArrayList<>()).add(d.entry());
            } else {
                recovered.computeIfAbsent(d.queue(), x -> new ArrayList<>()).add(d.message());
            }
        }
        requeue.forEach(MessageQueue::requeue);
        recovered.forEach(MessageQueue::returnRestored);
        branch.publishes.clear();
        branch.deliveries.clear();
        branch.state = XaBranch.State.ROLLBACK_ONLY;
        branch.rollbackCode = code;
    }

    // ---- management --------------------------------------------------------------------------

    /** Every branch of this vhost as it is now, for the management API. */
    public synchronized List<XaBranchInfo> branches() {
        List<XaBranchInfo> out = new ArrayList<>(branches.size());
        for (XaBranch b : branches.values()) {
            out.add(new XaBranchInfo(b.xid, b.state.name(), b.createdAtMillis, b.owner, b.publishes.size(),
                    b.deliveries.size(), b.owner == null && b.state == XaBranch.State.PREPARED));
        }
        return out;
    }

    /**
     * An operator's heuristic outcome for a PREPARED branch whose transaction manager is gone:
     * commits ({@code commit}) or rolls back the branch as the transaction manager would have,
     * and logs it at WARN with who decided. Refuses any branch that is not prepared (the
     * transaction manager still owns those). The branch is then gone: a transaction manager that
     * comes back hears XAER_NOTA for it.
     */
    public CompletableFuture<Void> completeHeuristically(BranchXid xid, boolean commit, String operator) {
        synchronized (this) {
            XaBranch branch = known(xid);
            if (branch.state != XaBranch.State.PREPARED) {
                throw new XaFailure(XaCodes.XAER_PROTO, "branch " + xid + " is " + branch.state
                        + "; only a prepared branch can be completed by hand");
            }
            LOG.warn("XA branch {} in vhost '{}': heuristic {} by {} (manual outcome from the management API; "
                            + "{} held publishes, {} held acks)", xid, vhost, commit ? "COMMIT" : "ROLLBACK", operator,
                    branch.publishes.size(), branch.deliveries.size());
            return commit ? commit(xid, false) : rollback(xid);
        }
    }

    /** How many branches exist (tests and management). */
    public synchronized int branchCount() {
        return branches.size();
    }
}
