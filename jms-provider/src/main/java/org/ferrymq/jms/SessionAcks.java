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

    SessionAcks(FerrySession session, int mode) {
        this.session = session;
        this.mode = mode;
    }

    boolean acksImmediately() {
        return mode == Session.AUTO_ACKNOWLEDGE || mode == Session.DUPS_OK_ACKNOWLEDGE;
    }

    /** The application now has the message with this tag. */
    synchronized void consumed(long tag) throws JMSException {
        if (acksImmediately()) {
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
        if (acksImmediately()) {
            nack(tag);
        }
    }

    /** AUTO / DUPS_OK: onMessage is about to run with this delivery. */
    synchronized void inListener(long tag) {
        inHand = tag;
    }

    /**
     * AUTO / DUPS_OK: onMessage returned (acked) or threw (redelivered at once), unless a
     * recover() inside it already gave the message back.
     */
    synchronized void listenerReturned(long tag, boolean normally) throws JMSException {
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
