package org.ferrymq.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.javalin.Javalin;
import io.javalin.http.Context;

import org.ferrymq.broker.management.ConnectionSnapshot;
import org.ferrymq.broker.management.UserView;
import org.ferrymq.broker.management.VhostView;
import org.ferrymq.broker.security.AuthenticatedUser;
import org.ferrymq.broker.security.PermissionDefinition;
import org.ferrymq.broker.security.ResourceKind;

/**
 * RabbitMQ's overview, whoami, vhosts, users, permissions, connections, channels, consumers
 * and health endpoints.
 */
final class AdminRoutes {
    private final Api api;

    AdminRoutes(Api api) {
        this.api = api;
    }

    void register(Javalin app) {
        app.get("/api/overview", ctx -> api.send(ctx, RabbitShapes.overview(api.management.overview(), api.node,
                SampleWindow.msgRates(ctx), api.management.totalLengths(), LengthWindow.of(ctx))));
        app.get("/api/whoami", ctx -> {
            AuthenticatedUser user = Access.user(ctx);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", user.name());
            m.put("tags", new ArrayList<>(new TreeSet<>(user.tags())));
            api.send(ctx, m);
        });
        app.get("/api/cluster-name", ctx -> api.send(ctx, Map.of("name", api.node)));
        app.get("/api/nodes", ctx -> api.send(ctx, List.of(node())));
        app.get("/api/extensions", ctx -> api.send(ctx, List.of()));

        app.get("/api/vhosts", ctx -> {
            LengthWindow lengths = LengthWindow.of(ctx);
            SampleWindow msgRates = SampleWindow.msgRates(ctx);
            SampleWindow dataRates = SampleWindow.dataRates(ctx);
            List<Map<String, Object>> out = new ArrayList<>();
            for (VhostView v : api.management.vhosts()) {
                if (api.access.maySee(ctx, v.name())) {
                    out.add(RabbitShapes.vhost(v, lengths, msgRates, msgRates == null ? List.of() : v.counters().history(),
                            dataRates, dataRates == null ? List.of() : v.traffic().history()));
                }
            }
            api.sendList(ctx, out);
        });
        app.get("/api/vhosts/{vhost}", ctx -> {
            VhostView v = api.management.vhost(api.vhost(ctx)).orElseThrow();
            SampleWindow msgRates = SampleWindow.msgRates(ctx);
            SampleWindow dataRates = SampleWindow.dataRates(ctx);
            api.send(ctx, RabbitShapes.vhost(v, LengthWindow.of(ctx), msgRates,
                    msgRates == null ? List.of() : v.counters().history(),
                    dataRates, dataRates == null ? List.of() : v.traffic().history()));
        });
        app.put("/api/vhosts/{vhost}", ctx -> {
            api.access.requireAdministrator(ctx);
            api.optionalBody(ctx, Requests.VhostBody.class, null);
            boolean created = api.management.createVhost(ctx.pathParam("vhost"));
            ctx.status(created ? 201 : 204);
        });
        app.delete("/api/vhosts/{vhost}", ctx -> {
            api.access.requireAdministrator(ctx);
            api.management.deleteVhost(ctx.pathParam("vhost"));
            ctx.status(204);
        });
        app.get("/api/vhosts/{vhost}/permissions", ctx -> {
            api.access.requireAdministrator(ctx);
            String vhost = api.vhost(ctx);
            api.send(ctx, permissions(p -> p.vhost().equals(vhost)));
        });

        app.get("/api/users", ctx -> {
            api.access.requireAdministrator(ctx);
            api.sendList(ctx, api.management.users().users().stream().map(RabbitShapes::user).toList());
        });
        app.get("/api/users/{user}", ctx -> {
            api.access.requireAdministrator(ctx);
            UserView u = api.management.users().user(ctx.pathParam("user"))
                    .orElseThrow(() -> ApiException.notFound("no user '" + ctx.pathParam("user") + "'"));
            api.send(ctx, RabbitShapes.user(u));
        });
        app.put("/api/users/{user}", this::putUser);
        app.delete("/api/users/{user}", ctx -> {
            api.access.requireAdministrator(ctx);
            api.management.users().deleteUser(ctx.pathParam("user"));
            ctx.status(204);
        });
        app.get("/api/users/{user}/permissions", ctx -> {
            api.access.requireAdministrator(ctx);
            String user = ctx.pathParam("user");
            if (api.management.users().user(user).isEmpty()) {
                throw ApiException.notFound("no user '" + user + "'");
            }
            api.send(ctx, permissions(p -> p.user().equals(user)));
        });

        app.get("/api/permissions", ctx -> {
            api.access.requireAdministrator(ctx);
            api.send(ctx, permissions(p -> true));
        });
        app.get("/api/permissions/{vhost}/{user}", ctx -> {
            api.access.requireAdministrator(ctx);
            PermissionDefinition p = api.management.users().permission(ctx.pathParam("vhost"), ctx.pathParam("user"))
                    .orElseThrow(() -> ApiException.notFound("no such permissions"));
            api.send(ctx, RabbitShapes.permission(p));
        });
        app.put("/api/permissions/{vhost}/{user}", ctx -> {
            api.access.requireAdministrator(ctx);
            Requests.PermissionBody body = api.body(ctx, Requests.PermissionBody.class);
            if (body.configure() == null || body.write() == null || body.read() == null) {
                throw ApiException.badRequest("configure, write and read are required");
            }
            String vhost = ctx.pathParam("vhost");
            String user = ctx.pathParam("user");
            boolean existed = api.management.users().permission(vhost, user).isPresent();
            api.management.users().setPermission(new PermissionDefinition(user, vhost, body.configure(), body.write(),
                    body.read()));
            ctx.status(existed ? 204 : 201);
        });
        app.delete("/api/permissions/{vhost}/{user}", ctx -> {
            api.access.requireAdministrator(ctx);
            api.management.users().clearPermission(ctx.pathParam("vhost"), ctx.pathParam("user"));
            ctx.status(204);
        });

        app.get("/api/connections", ctx -> api.sendList(ctx, connections(ctx, null)));
        app.get("/api/vhosts/{vhost}/connections", ctx -> api.sendList(ctx, connections(ctx, api.vhost(ctx))));
        app.get("/api/connections/{name}", ctx -> {
            ConnectionSnapshot c = connection(ctx);
            SampleWindow msgRates = SampleWindow.msgRates(ctx);
            SampleWindow dataRates = SampleWindow.dataRates(ctx);
            api.send(ctx, RabbitShapes.connection(c.connection(), api.node, msgRates,
                    msgRates == null ? List.of() : c.connection().counters().history(),
                    dataRates, dataRates == null ? List.of() : c.connection().traffic().history()));
        });
        app.delete("/api/connections/{name}", ctx -> {
            ConnectionSnapshot c = connection(ctx);
            if (!Access.user(ctx).isAdministrator() && !c.connection().user().equals(Access.user(ctx).name())) {
                throw ApiException.forbidden("only administrators may close other users' connections");
            }
            String reason = ctx.header("X-Reason");
            if (reason == null) {
                reason = api.optionalBody(ctx, Requests.CloseBody.class, new Requests.CloseBody(null)).reason();
            }
            api.management.closeConnection(c.connection().name(), reason);
            ctx.status(204);
        });
        app.get("/api/connections/{name}/channels", ctx -> {
            ConnectionSnapshot c = connection(ctx);
            api.send(ctx, c.channels().stream().map(ch -> RabbitShapes.channel(ch, api.node)).toList());
        });
        app.get("/api/channels", ctx -> api.sendList(ctx, channels(ctx, null)));
        app.get("/api/vhosts/{vhost}/channels", ctx -> api.sendList(ctx, channels(ctx, api.vhost(ctx))));
        app.get("/api/consumers", ctx -> api.send(ctx, consumers(ctx, null)));
        app.get("/api/consumers/{vhost}", ctx -> api.send(ctx, consumers(ctx, api.vhost(ctx))));

        app.get("/api/aliveness-test/{vhost}", this::aliveness);
        app.get("/api/health/checks/alarms", ctx -> api.send(ctx, Map.of("status", "ok")));
        app.get("/api/health/checks/local-alarms", ctx -> api.send(ctx, Map.of("status", "ok")));
        app.get("/api/health/checks/virtual-hosts", ctx -> api.send(ctx, Map.of("status", "ok")));
        app.get("/api/health/checks/node-is-quorum-critical", ctx -> api.send(ctx, Map.of("status", "ok")));
        app.get("/api/health/checks/node-is-mirror-sync-critical", ctx -> api.send(ctx, Map.of("status", "ok")));
        app.get("/api/health/checks/port-listener/{port}", ctx -> {
            int port = Integer.parseInt(ctx.pathParam("port").replaceAll("[^0-9]", "0"));
            boolean listening = api.management.overview().listeners().stream().anyMatch(l -> l.port() == port);
            if (!listening) {
                ctx.status(503);
            }
            api.send(ctx, listening ? Map.of("status", "ok", "port", port)
                    : Map.of("status", "failed", "reason", "No active listener", "missing", port));
        });
        app.get("/api/health/checks/protocol-listener/{protocol}", ctx -> {
            String protocol = ctx.pathParam("protocol");
            String wanted = protocol.equals("amqp091") || protocol.equals("amqp") ? "amqp" : protocol;
            boolean listening = api.management.overview().listeners().stream().anyMatch(l -> l.protocol().equals(wanted));
            if (!listening) {
                ctx.status(503);
            }
            api.send(ctx, listening ? Map.of("status", "ok", "protocol", protocol)
                    : Map.of("status", "failed", "reason", "No active listener", "missing", protocol));
        });
    }

    private Map<String, Object> node() {
        Map<String, Object> m = new LinkedHashMap<>();
        Runtime rt = Runtime.getRuntime();
        m.put("name", api.node);
        m.put("type", "disc");
        m.put("running", true);
        m.put("mem_used", rt.totalMemory() - rt.freeMemory());
        m.put("mem_limit", rt.maxMemory());
        m.put("mem_alarm", false);
        m.put("disk_free_alarm", false);
        m.put("processors", rt.availableProcessors());
        m.put("uptime", System.currentTimeMillis() - api.management.overview().startedAtMillis());
        return m;
    }

    private void putUser(Context ctx) {
        api.access.requireAdministrator(ctx);
        Requests.UserBody body = api.body(ctx, Requests.UserBody.class);
        if (body.hashingAlgorithm() != null && !body.hashingAlgorithm().equals(UserView.HASHING_ALGORITHM)) {
            throw ApiException.badRequest("only " + UserView.HASHING_ALGORITHM + " is supported");
        }
        String name = ctx.pathParam("user");
        boolean existed = api.management.users().user(name).isPresent();
        api.management.users().putUser(name, body.password(), body.passwordHash(), body.tagList());
        ctx.status(existed ? 204 : 201);
    }

    private List<Map<String, Object>> permissions(java.util.function.Predicate<PermissionDefinition> which) {
        return api.management.users().permissions().stream().filter(which).map(RabbitShapes::permission).toList();
    }

    /** Connections the user may see: all for administrator/monitoring, their own otherwise (as RabbitMQ). */
    private List<ConnectionSnapshot> visibleConnections(Context ctx, String vhost) {
        AuthenticatedUser user = Access.user(ctx);
        boolean all = org.ferrymq.broker.management.UserAdministration.seesEverything(user);
        List<ConnectionSnapshot> out = new ArrayList<>();
        for (ConnectionSnapshot c : api.management.connections()) {
            if ((vhost == null || c.connection().vhost().equals(vhost))
                    && (all || c.connection().user().equals(user.name()))) {
                out.add(c);
            }
        }
        return out;
    }

    private ConnectionSnapshot connection(Context ctx) {
        String name = ctx.pathParam("name");
        return visibleConnections(ctx, null).stream().filter(c -> c.connection().name().equals(name)).findFirst()
                .orElseThrow(() -> ApiException.notFound("no connection '" + name + "'"));
    }

    private List<Map<String, Object>> connections(Context ctx, String vhost) {
        SampleWindow msgRates = SampleWindow.msgRates(ctx);
        SampleWindow dataRates = SampleWindow.dataRates(ctx);
        // a list shows samples only of connections already watched (see MessageCounters#keptHistory)
        return visibleConnections(ctx, vhost).stream()
                .map(c -> RabbitShapes.connection(c.connection(), api.node, msgRates,
                        msgRates == null ? List.of() : c.connection().counters().keptHistory(),
                        dataRates, dataRates == null ? List.of() : c.connection().traffic().keptHistory())).toList();
    }

    private List<Map<String, Object>> channels(Context ctx, String vhost) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ConnectionSnapshot c : visibleConnections(ctx, vhost)) {
            c.channels().forEach(ch -> out.add(RabbitShapes.channel(ch, api.node)));
        }
        return out;
    }

    private List<Map<String, Object>> consumers(Context ctx, String vhost) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ConnectionSnapshot c : visibleConnections(ctx, vhost)) {
            c.consumers().forEach(x -> out.add(RabbitShapes.consumer(x)));
        }
        return out;
    }

    /** RabbitMQ's aliveness test: declare a queue, publish to it, get the message back. */
    private void aliveness(Context ctx) {
        String vhost = api.vhost(ctx);
        api.access.require(ctx, vhost, Access.Right.CONFIGURE, ResourceKind.QUEUE, "aliveness-test");
        api.management.declareQueue(vhost, "aliveness-test", false, false, Map.of());
        api.management.messages().publish(vhost, "", "aliveness-test", Map.of(), "test_message".getBytes());
        boolean ok = api.management.messages().get(vhost, "aliveness-test", 1,
                org.ferrymq.broker.management.MessageOperations.AckMode.ACK_REQUEUE_FALSE).stream()
                .anyMatch(m -> new String(m.body()).equals("test_message"));
        if (!ok) {
            ctx.status(503);
        }
        api.send(ctx, ok ? Map.of("status", "ok") : Map.of("status", "failed", "reason", "message not returned"));
    }
}
