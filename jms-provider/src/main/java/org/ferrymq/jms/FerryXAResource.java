package org.ferrymq.jms;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

import jakarta.jms.JMSException;

import org.ferrymq.broker.amqp.codec.AmqpTxXa;
import org.ferrymq.jms.provider.ProviderChannel;
import org.ferrymq.jms.provider.ProviderException;
import org.ferrymq.jms.provider.XaReply;

/**
 * The {@link XAResource} of one {@link FerryXASession}: each call is one FerryMQ {@code tx.xa}
 * request ({@link AmqpTxXa}) on the session's channel, so the branch it starts covers exactly
 * that session's sends and acknowledgements. The broker keeps the branch state; a refused call
 * throws the {@link XAException} code the broker answered.
 *
 * <p>Losing the broker: a call that cannot reach it fails at once with XAER_RMFAIL. A branch this
 * resource started and had not yet prepared dies with the channel it lived on (the broker rolls
 * back unprepared branches when their channel or connection goes), even when automatic recovery
 * brings the connection back: its end, prepare or one-phase commit then answer XA_RBCOMMFAIL
 * (XAER_RMFAIL while the broker is still unreachable), its rollback succeeds, and sends and
 * receives on the session are refused until it ends, so no work slips outside the transaction.
 * A branch that was prepared lives on in the broker: any resource of the same broker finishes
 * it, and {@link #recover} on a new connection lists it.
 * {@link #isSameRM} is true for resources of the same broker run and virtual host, whichever
 * connection or transport they use.
 *
 * <p>Threading: thread-safe; a transaction manager may call it from any thread (calls on one
 * channel take turns).
 */
final class FerryXAResource implements XAResource {
    private final FerrySession session;
    private volatile int timeoutSeconds;
    private volatile boolean associated;
    private volatile String resourceManager;
    /** Branches started here and not yet sent to prepare or commit, with the session's channel epoch at their start. */
    private final Map<FerryXid, Integer> unprepared = new ConcurrentHashMap<>();
    /** The unprepared branch associated with the session now, or null. */
    private volatile FerryXid current;

    FerryXAResource(FerrySession session) {
        this.session = session;
    }

    /** True while a branch this resource started, joined or resumed is associated with the session. */
    boolean associated() {
        return associated;
    }

    /**
     * True while the session is associated with a branch that died with a lost channel: its
     * sends and acknowledgements would land outside any branch, so they are refused.
     */
    boolean associatedBranchLost() {
        FerryXid xid = current;
        return associated && xid != null && lost(xid);
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        FerryXid key = FerryXid.of(xid);
        if (flags != TMNOFLAGS && lost(key)) {
            throw lostBranch(key, "joining or resuming");
        }
        Call call = call(request(AmqpTxXa.START, xid, flags, timeoutSeconds));
        check(call.reply());
        if (flags == TMNOFLAGS) {
            unprepared.put(key, call.epoch());
        }
        current = key;
        associated = true;
        try {
            session.acks().ackXaPending();   // what the session's listener already has joins the branch
        } catch (JMSException e) {
            throw failure(XAException.XAER_RMFAIL, "acknowledging the session's deliveries in the branch", e);
        }
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        FerryXid key = FerryXid.of(xid);
        if (lost(key)) {
            dissociate(key);
            throw lostBranch(key, "ending");
        }
        try {
            if (associated) {
                session.awaitSends();
                session.acks().ackXaPending();
            }
        } catch (JMSException e) {
            dissociate(key);
            throw failure(XAException.XAER_RMFAIL, "acknowledging the session's deliveries in the branch", e);
        }
        try {
            check(call(request(AmqpTxXa.END, xid, flags, 0)).reply());
        } finally {
            dissociate(key);
        }
    }

    private void dissociate(FerryXid key) {
        associated = false;
        if (key.equals(current)) {
            current = null;
        }
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        FerryXid key = FerryXid.of(xid);
        if (lost(key)) {
            throw lostBranch(key, "preparing");
        }
        ProviderChannel channel = reachableChannel();   // unreachable: the prepare never left, the branch stays unprepared
        unprepared.remove(key);   // from here on only the broker knows whether it is prepared
        XaReply reply = send(channel, request(AmqpTxXa.PREPARE, xid, TMNOFLAGS, 0));
        if (reply.code() == XA_RDONLY) {
            return XA_RDONLY;
        }
        check(reply);
        return XA_OK;
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        FerryXid key = FerryXid.of(xid);
        if (onePhase && lost(key)) {
            throw lostBranch(key, "committing");
        }
        unprepared.remove(key);
        check(call(request(AmqpTxXa.COMMIT, xid, onePhase ? TMONEPHASE : TMNOFLAGS, 0)).reply());
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        FerryXid key = FerryXid.of(xid);
        if (lost(key)) {
            unprepared.remove(key);
            rollBackLost(key);
            return;
        }
        boolean neverPrepared = unprepared.remove(key) != null;
        try {
            check(call(request(AmqpTxXa.ROLLBACK, xid, TMNOFLAGS, 0)).reply());
        } catch (XAException e) {
            // the connection died before the session noticed (so not yet "lost"): a branch that was
            // never prepared dies with it in the broker, so the rollback has happened
            if (!(neverPrepared && e.errorCode == XAException.XAER_RMFAIL && e.getCause() instanceof ProviderException)) {
                throw e;
            }
        }
    }

    /**
     * A lost, never prepared branch is rolled back already, or will be once the broker sees its
     * connection gone. Where the broker can be reached it is told anyway (a branch that was only
     * ended, not associated, outlives a lost channel on a live connection until its timeout).
     */
    private void rollBackLost(FerryXid key) {
        try {
            XaReply reply = session.channel().xa(request(AmqpTxXa.ROLLBACK, key, TMNOFLAGS, 0));
            if (reply.code() != XA_OK && reply.code() != XAException.XAER_NOTA && !isRollbackCode(reply.code())) {
                org.slf4j.LoggerFactory.getLogger(FerryXAResource.class).debug("rolling back lost branch {}: {}",
                        key, XaCodeNames.of(reply.code()));
            }
        } catch (ProviderException unreachable) {
            // the connection is gone, and the broker rolls back its unprepared branches with it
        }
    }

    @Override
    public void forget(Xid xid) throws XAException {
        check(call(request(AmqpTxXa.FORGET, xid, TMNOFLAGS, 0)).reply());
    }

    /**
     * The prepared branches. A scan starting with TMSTARTRSCAN returns them all at once, so the
     * later calls of that scan (TMNOFLAGS, TMENDRSCAN) return none.
     */
    @Override
    public Xid[] recover(int flag) throws XAException {
        if ((flag & ~(TMSTARTRSCAN | TMENDRSCAN)) != 0) {
            throw failure(XAException.XAER_INVAL, "recover takes TMSTARTRSCAN, TMENDRSCAN or TMNOFLAGS, not " + flag, null);
        }
        if ((flag & TMSTARTRSCAN) == 0) {
            return new Xid[0];
        }
        XaReply reply = call(AmqpTxXa.of(AmqpTxXa.RECOVER, flag)).reply();
        check(reply);
        return AmqpTxXa.decodeRecovered(reply.body()).stream()
                .map(x -> new FerryXid(x.formatId(), x.globalId(), x.branchQualifier()))
                .toArray(Xid[]::new);
    }

    @Override
    public boolean isSameRM(XAResource other) throws XAException {
        return other instanceof FerryXAResource f && resourceManager().equals(f.resourceManager());
    }

    /** The broker's name for its resource manager (one per broker run and vhost), asked once. */
    private String resourceManager() throws XAException {
        String id = resourceManager;
        if (id == null) {
            XaReply reply = call(AmqpTxXa.of(AmqpTxXa.IDENTIFY, TMNOFLAGS)).reply();
            check(reply);
            id = new String(reply.body(), StandardCharsets.UTF_8);
            resourceManager = id;
        }
        return id;
    }

    @Override
    public int getTransactionTimeout() {
        return timeoutSeconds;
    }

    /** Applies to branches this resource starts from now on; 0 means the broker's default (300 s). */
    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        if (seconds < 0) {
            throw failure(XAException.XAER_INVAL, "negative transaction timeout " + seconds, null);
        }
        timeoutSeconds = seconds;
        return true;
    }

    // ---- the lost-channel rule ----

    private boolean lost(FerryXid key) {
        Integer epoch = unprepared.get(key);
        return epoch != null && epoch != session.channelEpoch();
    }

    /** XAER_RMFAIL while the broker cannot be reached, XA_RBCOMMFAIL once it can: the branch is rolled back either way. */
    private XAException lostBranch(FerryXid key, String doing) {
        try {
            session.channel();
        } catch (ProviderException unreachable) {
            return failure(XAException.XAER_RMFAIL, doing + " branch " + key
                    + ": the connection to the broker is lost (the broker rolls back the unprepared branch)", unreachable);
        }
        return failure(XAException.XA_RBCOMMFAIL, doing + " branch " + key
                + ": the channel it lived on was lost before it was prepared, and the broker rolled it back", null);
    }

    private static boolean isRollbackCode(int code) {
        return code >= XAException.XA_RBBASE && code <= XAException.XA_RBEND;
    }

    // ---- calls ----

    private static AmqpTxXa request(int operation, Xid xid, int flags, int timeoutSeconds) {
        return new AmqpTxXa(operation, flags, xid.getFormatId(), xid.getGlobalTransactionId(), xid.getBranchQualifier(),
                timeoutSeconds);
    }

    /** A reply and the session's channel epoch of the channel that carried the request. */
    private record Call(XaReply reply, int epoch) {
    }

    private ProviderChannel reachableChannel() throws XAException {
        try {
            return session.channel();
        } catch (ProviderException e) {
            throw failure(XAException.XAER_RMFAIL, "the broker cannot be reached", e);
        }
    }

    private Call call(AmqpTxXa request) throws XAException {
        ProviderChannel channel = reachableChannel();
        int epoch = session.channelEpoch();
        return new Call(send(channel, request), epoch);
    }

    private static XaReply send(ProviderChannel channel, AmqpTxXa request) throws XAException {
        try {
            return channel.xa(request);
        } catch (ProviderException e) {
            throw failure(XAException.XAER_RMFAIL, "the broker cannot be reached", e);
        }
    }

    private static void check(XaReply reply) throws XAException {
        if (reply.code() != XA_OK) {
            throw failure(reply.code(), new String(reply.body(), StandardCharsets.UTF_8), null);
        }
    }

    private static XAException failure(int code, String text, Throwable cause) {
        XAException e = new XAException(text + " (" + XaCodeNames.of(code) + ")");
        e.errorCode = code;
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }
}
