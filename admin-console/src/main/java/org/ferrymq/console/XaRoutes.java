package org.ferrymq.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.javalin.Javalin;
import io.javalin.http.Context;

import org.ferrymq.broker.management.XaBranchView;

/**
 * FerryMQ's XA view: the transaction branches of each vhost, and an administrator's heuristic
 * commit or rollback of a PREPARED branch whose transaction manager is gone
 * ({@code /api/ferrymq/xa/...}). Branches are named by their Xid written
 * {@code formatId:globalIdHex:branchQualifierHex}.
 *
 * <p>Threading: stateless; requests run on Jetty's threads.
 */
final class XaRoutes {
    private final Api api;

    XaRoutes(Api api) {
        this.api = api;
    }

    void register(Javalin app) {
        app.get("/api/ferrymq/xa", ctx -> api.sendList(ctx, visible(ctx, null)));
        app.get("/api/ferrymq/xa/{vhost}", ctx -> {
            String vhost = api.vhost(ctx);
            api.access.requireVisible(ctx, vhost);
            api.sendList(ctx, visible(ctx, vhost));
        });
        app.post("/api/ferrymq/xa/{vhost}/{xid}/commit", ctx -> complete(ctx, true));
        app.post("/api/ferrymq/xa/{vhost}/{xid}/rollback", ctx -> complete(ctx, false));
    }

    /** The branches the user may see, as JSON objects; the JMS view lists the in-doubt ones of these. */
    List<Map<String, Object>> visible(Context ctx, String vhost) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (XaBranchView b : api.management.xa().branches(vhost)) {
            if (api.access.maySee(ctx, b.vhost())) {
                out.add(shape(b));
            }
        }
        return out;
    }

    static Map<String, Object> shape(XaBranchView b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", b.xid()); // lists sort and filter by name
        m.put("vhost", b.vhost());
        m.put("xid", b.xid());
        m.put("format_id", b.formatId());
        m.put("global_id", b.globalId());
        m.put("branch_qualifier", b.branchQualifier());
        m.put("state", b.state().toLowerCase(java.util.Locale.ROOT));
        m.put("created_at", b.createdAtMillis());
        m.put("age_seconds", b.ageMillis() / 1000);
        m.put("connection", b.connection());
        m.put("held_publishes", b.heldPublishes());
        m.put("held_acks", b.heldAcks());
        m.put("in_doubt", b.inDoubt());
        return m;
    }

    /** A heuristic outcome is an administrator's decision: the transaction manager is not asked. */
    private void complete(Context ctx, boolean commit) {
        api.access.requireAdministrator(ctx);
        String vhost = api.vhost(ctx);
        String xid = ctx.pathParam("xid");
        String operator = Access.user(ctx).name() + " from " + ctx.ip();
        if (commit) {
            api.management.xa().commit(vhost, xid, operator);
        } else {
            api.management.xa().rollback(vhost, xid, operator);
        }
        api.send(ctx, Map.of("xid", xid, "vhost", vhost, "outcome", commit ? "committed" : "rolled_back"));
    }
}
