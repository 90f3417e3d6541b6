package org.ferrymq.jms;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

import jakarta.jms.JMSException;

import org.ferrymq.jms.provider.ProviderException;
import org.ferrymq.jms.provider.XaReply;
import org.ferrymq.jms.provider.XaRequest;

/**
 * The {@link XAResource} of one {@link FerryXASession}: each call is one FerryMQ {@code tx.xa}
 * request on the session's channel, so the branch it starts covers exactly that session's sends
 * and acknowledgements. The broker keeps the branch state; a refused call throws the
 * {@link XAException} code the broker answered, and a lost connection is XAER_RMFAIL.
 * {@link #isSameRM} is true for resources of the same broker and virtual host, whichever
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

    FerryXAResource(FerrySession session) {
        this.session = session;
    }

    /** True while a branch this resource started, joined or resumed is associated with the session. */
    boolean associated() {
        return associated;
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        XaReply reply = call(new XaRequest(XaRequest.START, flags, xid.getFormatId(), xid.getGlobalTransactionId(),
                xid.getBranchQualifier(), timeoutSeconds));
        check(reply);
        associated = true;
        try {
            session.acks().ackXaPending();   // what the session's listener already has joins the branch
        } catch (JMSException e) {
            throw failure(XAException.XAER_RMFAIL, "acknowledging the session's deliveries in the branch", e);
        }
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        try {
            if (associated) {
                session.awaitSends();
                session.acks().ackXaPending();
            }
        } catch (JMSException e) {
            associated = false;
            throw failure(XAException.XAER_RMFAIL, "acknowledging the session's deliveries in the branch", e);
        }
        try {
            check(call(request(XaRequest.END, xid, flags)));
        } finally {
            associated = false;
        }
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        XaReply reply = call(request(XaRequest.PREPARE, xid, TMNOFLAGS));
        if (reply.code() == XA_RDONLY) {
            return XA_RDONLY;
        }
        check(reply);
        return XA_OK;
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        check(call(request(XaRequest.COMMIT, xid, onePhase ? TMONEPHASE : TMNOFLAGS)));
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        check(call(request(XaRequest.ROLLBACK, xid, TMNOFLAGS)));
    }

    @Override
    public void forget(Xid xid) throws XAException {
        check(call(request(XaRequest.FORGET, xid, TMNOFLAGS)));
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
        XaReply reply = call(XaRequest.of(XaRequest.RECOVER, flag));
        check(reply);
        ByteBuffer in = ByteBuffer.wrap(reply.body());
        int count = in.getInt();
        List<Xid> xids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int format = in.getInt();
            byte[] global = new byte[in.get() & 0xff];
            in.get(global);
            byte[] branch = new byte[in.get() & 0xff];
            in.get(branch);
            xids.add(new FerryXid(format, global, branch));
        }
        return xids.toArray(Xid[]::new);
    }

    @Override
    public boolean isSameRM(XAResource other) throws XAException {
        return other instanceof FerryXAResource f && resourceManager().equals(f.resourceManager());
    }

    /** The broker's name for its resource manager (one per broker run and vhost), asked once. */
    private String resourceManager() throws XAException {
        String id = resourceManager;
        if (id == null) {
            XaReply reply = call(XaRequest.of(XaRequest.IDENTIFY, TMNOFLAGS));
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

    private static XaRequest request(int operation, Xid xid, int flags) {
        return new XaRequest(operation, flags, xid.getFormatId(), xid.getGlobalTransactionId(), xid.getBranchQualifier(), 0);
    }

    private XaReply call(XaRequest request) throws XAException {
        try {
            return session.channel().xa(request);
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
