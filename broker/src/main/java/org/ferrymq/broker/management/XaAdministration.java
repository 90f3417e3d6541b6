package org.ferrymq.broker.management;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

import org.ferrymq.broker.amqp.server.AmqpServer;
import org.ferrymq.broker.model.VirtualHost;
import org.ferrymq.broker.xa.BranchXid;
import org.ferrymq.broker.xa.XaBranchInfo;
import org.ferrymq.broker.xa.XaFailure;

/**
 * The XA view of the management API: every vhost's transaction branches, and an operator's
 * heuristic commit or rollback of a PREPARED branch whose transaction manager is gone for good.
 * Reads take each resource manager's lock for a copy; nothing else is touched.
 *
 * <p>Threading: thread-safe; a command waits at most {@value BrokerManagement#WAIT_SECONDS} s for
 * the store.
 */
public final class XaAdministration {
    private final BrokerManagement management;

    XaAdministration(BrokerManagement management) {
        this.management = management;
    }

    /** The branches of one vhost (or of every vhost if null), oldest first. */
    public List<XaBranchView> branches(String vhost) {
        long now = System.currentTimeMillis();
        List<XaBranchView> out = new ArrayList<>();
        for (VirtualHost v : vhost == null ? management.allVhosts() : List.of(management.requireVhost(vhost))) {
            for (XaBranchInfo b : v.xa().branches()) {
                out.add(view(v.name(), b, now));
            }
        }
        out.sort(Comparator.comparingLong(XaBranchView::createdAtMillis).thenComparing(XaBranchView::xid));
        return out;
    }

    private static XaBranchView view(String vhost, XaBranchInfo b, long now) {
        BranchXid x = b.xid();
        String connection = AmqpServer.connectionName(b.connection());
        return new XaBranchView(vhost, x.toString(), x.formatId(), HexFormat.of().formatHex(x.globalId()),
                HexFormat.of().formatHex(x.branchQualifier()), b.state(), b.createdAtMillis(),
                Math.max(0, now - b.createdAtMillis()), connection, b.heldPublishes(), b.heldAcks(),
                b.prepared() && connection == null);
    }

    /** Commits a PREPARED branch by hand (a heuristic commit); {@code operator} is named in the log. */
    public void commit(String vhost, String xid, String operator) {
        complete(vhost, xid, true, operator);
    }

    /** Rolls a PREPARED branch back by hand (a heuristic rollback); {@code operator} is named in the log. */
    public void rollback(String vhost, String xid, String operator) {
        complete(vhost, xid, false, operator);
    }

    private void complete(String vhost, String xid, boolean commit, String operator) {
        VirtualHost v = management.requireVhost(vhost);
        BranchXid parsed = parse(xid);
        try {
            BrokerManagement.await(v.xa().completeHeuristically(parsed, commit, operator));
        } catch (XaFailure e) {
            throw failure(e);
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof java.util.concurrent.CompletionException c && c.getCause() instanceof XaFailure f) {
                throw failure(f);
            }
            if (e.getCause() instanceof XaFailure f) {
                throw failure(f);
            }
            throw e;
        }
    }

    private static ManagementException failure(XaFailure e) {
        return switch (e.code()) {
            case org.ferrymq.broker.xa.XaCodes.XAER_NOTA -> ManagementException.notFound(e.getMessage());
            case org.ferrymq.broker.xa.XaCodes.XAER_PROTO -> new ManagementException(ManagementException.Kind.CONFLICT,
                    e.getMessage());
            default -> new ManagementException(ManagementException.Kind.CONFLICT, "the store refused the outcome: "
                    + e.getMessage());
        };
    }

    /** {@code formatId:globalIdHex:branchQualifierHex}, as {@link XaBranchView#xid()} shows it. */
    static BranchXid parse(String xid) {
        String[] parts = xid == null ? new String[0] : xid.split(":", -1);
        if (parts.length != 3) {
            throw ManagementException.badRequest("an Xid is formatId:globalIdHex:branchQualifierHex, not '" + xid + "'");
        }
        try {
            return new BranchXid(Integer.parseInt(parts[0]), HexFormat.of().parseHex(parts[1]),
                    HexFormat.of().parseHex(parts[2]));
        } catch (IllegalArgumentException | XaFailure e) {
            throw ManagementException.badRequest("bad Xid '" + xid + "': " + e.getMessage());
        }
    }
}
