package org.ferrymq.jms;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.TransactionRolledBackException;

import org.ferrymq.jms.provider.ProviderChannel;
import org.ferrymq.jms.provider.ProviderException;

/**
 * Acknowledgement bookkeeping of one session, by delivery tag.
 * <ul>
 *   <li>AUTO / DUPS_OK: each message is acked once the application has it (receive returned,
 *       or onMessage returned). While onMessage runs the message is "in hand": a
 *       {@code Session.recover()} from the listener gives it back (spec 6.2.10: it is not
 *       acknowledged yet), so it is redelivered with JMSRedelivered=true, not acked.</li>
 *   <li>CLIENT: consumed tags are remembered and {@code acknowledge()} acks exactly those, one
 *       by one, so deliveries that are only prefetched are never acknowledged.</li>
 *   <li>TRANSACTED: consumed tags are acked inside the AMQP transaction at commit; rollback
 *       (and recover) nack them with requeue so they come back with JMSRedelivered=true.</li>
 *   <li>XA ({@link FerryXASession}): a message is acked as soon as the application has it, so
 *       while a branch is associated with the session the ack joins the branch (the broker holds
 *       the message for it). A message handed to a MessageListener before any branch started is
 *       acked when a branch starts or ends (it then joins the branch the listener's transaction
 *       manager began, as an MDB's container does), or when onMessage returns outside any branch.</li>
 * </ul>
 * Threading: guarded by this object's monitor.
 */
final class SessionAcks {
    private final FerrySession session;
    private final int mode;
    private final List<Long> consumed = new ArrayList<>();
    private static final long NONE = -1;
    /** AUTO / DUPS_OK: the delivery whose onMessage is running, acked when it returns; NONE otherwise. */
    private long inHand = NONE;
    /** XA sessions only: the session's XAResource, and deliveries a listener has but no branch took yet. */
    private FerryXAResource xa;
    private final List<Long> xaPending = new ArrayList<>();

    SessionAcks(FerrySession session, int mode) {
        this.session = session;
        this.mode = mode;
    }

    synchronized void useXa(FerryXAResource resource) {
        xa = resource;
    }

    boolean acksImmediately() {
        return xa == null && (mode == Session.AUTO_ACKNOWLEDGE || mode == Session.DUPS_OK_ACKNOWLEDGE);
    }

    /** The application now has the message with this tag. */
    synchronized void consumed(long tag) throws JMSException {
        if (xa != null) {
            if (xa.associatedBranchLost()) {
                giveBack(tag);   // acked now it would be outside any branch: the transaction never sees it
                refuseInLostBranch();
            }
            if (xa.associated() || !session.isDispatchThread()) {
                ack(tag);   // in the associated branch, or (receive outside a transaction) at once
            } else {
                xaPending.add(tag);
            }
        } else if (acksImmediately()) {
            ack(tag);
        } else {
            consumed.add(tag);
        }
    }

    /** A delivery the application never sees (expired, filtered out, noLocal): remove it from the queue. */
    synchronized void discard(long tag) throws JMSException {
        if (mode == Session.SESSION_TRANSACTED) {
            consumed.add(tag);   // acked with the transaction, so a rollback cannot strand it
        } else {
            ack(tag);
        }
    }

    /** A message the application did not take (receiveBody of the wrong type): AUTO / DUPS_OK redeliver it at once. */
    synchronized void listenerFailed(long tag) throws JMSException {
        if (xa != null) {
            if (xaPending.remove(Long.valueOf(tag))) {
                nack(tag);
            }
        } else if (acksImmediately()) {
            nack(tag);
        }
    }

    /**
     * XA: refuses a send or receive while the session's branch is one that died with a lost
     * channel (automatic recovery may have brought the channel back, but not the branch).
     */
    void refuseInLostBranch() throws JMSException {
        FerryXAResource resource = xa;
        if (resource != null && resource.associatedBranchLost()) {
            throw new TransactionRolledBackException("the connection to the broker was lost during this transaction,"
                    + " and the broker rolled back its branch; the transaction manager must roll it back");
        }
    }

    private void giveBack(long tag) {
        try {
            session.channel().nack(tag, true);
        } catch (ProviderException e) {
            // the channel it came on is gone, and the broker requeued it already
        }
    }

    /** XA: a branch was just started or is about to end on this session: what the listener has joins it. */
    synchronized void ackXaPending() throws JMSException {
        for (Long tag : xaPending) {
            ack(tag);
        }
        xaPending.clear();
    }

    /** AUTO / DUPS_OK: onMessage is about to run with this delivery. */
    synchronized void inListener(long tag) {
        inHand = tag;
    }

    /**
     * AUTO / DUPS_OK: onMessage returned (acked) or threw (redelivered at once), unless a
     * recover() inside it already gave the message back. XA: a delivery no branch took is
     * settled the same way now (outside a transaction); one a branch took belongs to it.
     */
    synchronized void listenerReturned(long tag, boolean normally) throws JMSException {
        if (xa != null) {
            if (xaPending.remove(Long.valueOf(tag))) {
                if (normally) {
                    ack(tag);
                } else {
                    nack(tag);
                }
            }
            return;
        }
        if (inHand != tag) {
            return;   // recovered: nacked already, a second settle would close the channel
        }
        inHand = NONE;
        if (normally) {
            ack(tag);
        } else {
            nack(tag);
        }
    }

    /** CLIENT_ACKNOWLEDGE: acknowledges every message consumed so far in the session. */
    synchronized void acknowledgeConsumed() throws JMSException {
        if (mode != Session.CLIENT_ACKNOWLEDGE) {
            return;
        }
        for (Long tag : consumed) {
            ack(tag);
        }
        consumed.clear();
    }

    synchronized void commit(List<Long> orphans) throws JMSException {
        try {
            ProviderChannel channel = session.channel();
            for (Long tag : consumed) {
                channel.ack(tag);
            }
            for (Long tag : orphans) {
                channel.nack(tag, true);
            }
            channel.commit();
        } catch (ProviderException e) {
            TransactionRolledBackException rolledBack = new TransactionRolledBackException("commit failed: " + e.getMessage());
            rolledBack.setLinkedException(e);
            throw rolledBack;
        } finally {
            consumed.clear();
        }
    }

    /** Rollback (transacted) or recover (CLIENT/AUTO): everything consumed and prefetched goes back to the queue. */
    synchronized void requeue(List<Long> prefetched, boolean transacted) throws JMSException {
        TreeSet<Long> tags = new TreeSet<>(consumed);
        tags.addAll(prefetched);
        consumed.clear();
        if (inHand != NONE) {
            tags.add(inHand);
            inHand = NONE;
        }
        try {
            ProviderChannel channel = session.channel();
            if (transacted) {
                channel.rollback();
            }
            for (Long tag : tags) {
                channel.nack(tag, true);
            }
            if (transacted) {
                channel.commit();   // nacks are transactional too
            }
        } catch (ProviderException e) {
            throw JmsExceptions.from(e);
        }
    }

    synchronized void forgetAll() {
        consumed.clear();
        inHand = NONE;
        xaPending.clear();
    }

    private void ack(long tag) throws JMSException {
        try {
            session.channel().ack(tag);
        } catch (ProviderException e) {
            throw JmsExceptions.from(e);
        }
    }

    private void nack(long tag) throws JMSException {
        try {
            session.channel().nack(tag, true);
        } catch (ProviderException e) {
            throw JmsExceptions.from(e);
        }
    }
}
