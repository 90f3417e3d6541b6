package org.ferrymq.console;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.javalin.Javalin;
import io.javalin.http.Context;

import org.ferrymq.broker.management.ConnectionSnapshot;
import org.ferrymq.broker.management.ConsumerView;
import org.ferrymq.broker.management.MessageOperations;
import org.ferrymq.broker.management.MessageView;
import org.ferrymq.broker.management.QueueView;
import org.ferrymq.broker.security.ResourceKind;

/**
 * FerryMQ's own paths, under {@code /api/ferrymq}: browse a queue without taking anything
 * (paged, filtered by a JMS selector and a body substring), move, copy or delete messages by id
 * or selector with a limit, rate history for charts, and the JMS view (client IDs, durable and
 * shared subscriptions with their selectors).
 */
final class FerryRoutes {
    /** The largest page a browse returns. */
    static final int MAX_BROWSE_PAGE = 500;
    /** How much of a body a browse shows. */
    static final int BODY_PREVIEW_BYTES = 1024;

    private final Api api;

    FerryRoutes(Api api) {
        this.api = api;
    }

    void register(Javalin app) {
        app.get("/api/ferrymq/queues/{vhost}/{name}/browse", this::browse);
        app.post("/api/ferrymq/queues/{vhost}/{name}/move", ctx -> transfer(ctx, true));
        app.post("/api/ferrymq/queues/{vhost}/{name}/copy", ctx -> transfer(ctx, false));
        app.post("/api/ferrymq/queues/{vhost}/{name}/delete-messages", this::deleteMessages);
        app.get("/api/ferrymq/rates", ctx -> api.send(ctx, Map.of(
                "interval_seconds", org.ferrymq.broker.management.BrokerManagement.SAMPLE_INTERVAL_SECONDS,
                "samples", api.management.overview().counters().history())));
        app.get("/api/ferrymq/queues/{vhost}/{name}/rates", ctx -> {
            String vhost = api.vhost(ctx);
            QueueView q = queue(vhost, ctx.pathParam("name"));
            api.send(ctx, Map.of("interval_seconds", org.ferrymq.broker.management.BrokerManagement.SAMPLE_INTERVAL_SECONDS,
                    "samples", q.counters().history()));
        });
        app.get("/api/ferrymq/jms", this::jmsView);
    }

    private QueueView queue(String vhost, String name) {
        return api.management.queue(vhost, name).orElseThrow(() ->
                ApiException.notFound("no queue '" + name + "' in vhost '" + vhost + "'"));
    }

    /**
     * GET .../browse?offset=0&limit=50&selector=...&body_contains=...&scan_limit=10000: a page of
     * the queue's ready messages; the queue is left exactly as it was.
     */
    private void browse(Context ctx) {
        String vhost = api.vhost(ctx);
        String name = ctx.pathParam("name");
        queue(vhost, name);
        api.access.require(ctx, vhost, Access.Right.READ, ResourceKind.QUEUE, name);
        int offset = Api.intParam(ctx, "offset", 0);
        int limit = Api.intParam(ctx, "limit", 50);
        int scanLimit = Api.intParam(ctx, "scan_limit", MessageOperations.DEFAULT_SCAN_LIMIT);
        if (limit > MAX_BROWSE_PAGE) {
            throw ApiException.badRequest("limit must be at most " + MAX_BROWSE_PAGE);
        }
        if (scanLimit > 100_000) {
            throw ApiException.badRequest("scan_limit must be at most 100000");
        }
        MessageOperations.BrowsePage page = api.management.messages().browse(vhost, name, ctx.queryParam("selector"),
                ctx.queryParam("body_contains"), offset, limit, scanLimit);
        List<Map<String, Object>> messages = new ArrayList<>();
        for (MessageView m : page.messages()) {
            messages.add(browsed(m));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("offset", offset);
        out.put("limit", limit);
        out.put("matched", page.matched());
        out.put("scan_limit", scanLimit);
        out.put("messages", messages);
        api.send(ctx, out);
    }

    static Map<String, Object> browsed(MessageView m) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", m.id());
        e.put("exchange", m.exchange());
        e.put("routing_key", m.routingKey());
        e.put("properties", m.properties());
        e.put("size", m.size());
        e.put("redelivered", m.redelivered());
        e.put("delivery_count", m.deliveryCount());
        byte[] preview = m.body().length <= BODY_PREVIEW_BYTES ? m.body()
                : java.util.Arrays.copyOf(m.body(), BODY_PREVIEW_BYTES);
        boolean text = RabbitShapes.isUtf8(preview);
        e.put("body_preview", text ? new String(preview, java.nio.charset.StandardCharsets.UTF_8)
                : java.util.Base64.getEncoder().encodeToString(preview));
        e.put("body_encoding", text ? "string" : "base64");
        e.put("body_truncated", m.body().length > BODY_PREVIEW_BYTES);
        return e;
    }

    /** POST .../move or .../copy with {"target_queue": ..., "target_vhost": ..., "ids": [...] | "selector": ..., "limit": N}. */
    private void transfer(Context ctx, boolean move) {
        String vhost = api.vhost(ctx);
        String name = ctx.pathParam("name");
        queue(vhost, name);
        Requests.MessageSelectionBody body = api.body(ctx, Requests.MessageSelectionBody.class);
        if (body.targetQueue() == null || body.targetQueue().isEmpty()) {
            throw ApiException.badRequest("target_queue is required");
        }
        String targetVhost = body.targetVhost() == null ? vhost : body.targetVhost();
        if (api.management.vhost(targetVhost).isEmpty()) {
            throw ApiException.notFound("no vhost '" + targetVhost + "'");
        }
        queue(targetVhost, body.targetQueue());
        api.access.require(ctx, vhost, Access.Right.READ, ResourceKind.QUEUE, name);
        api.access.require(ctx, targetVhost, Access.Right.WRITE, ResourceKind.QUEUE, body.targetQueue());
        Set<Long> ids = ids(body);
        int limit = limit(body, ids);
        int done = move
                ? api.management.messages().move(vhost, name, targetVhost, body.targetQueue(), ids, body.selector(), limit)
                : api.management.messages().copy(vhost, name, targetVhost, body.targetQueue(), ids, body.selector(), limit);
        api.send(ctx, Map.of(move ? "moved" : "copied", done, "target_vhost", targetVhost,
                "target_queue", body.targetQueue()));
    }

    private void deleteMessages(Context ctx) {
        String vhost = api.vhost(ctx);
        String name = ctx.pathParam("name");
        queue(vhost, name);
        Requests.MessageSelectionBody body = api.body(ctx, Requests.MessageSelectionBody.class);
        if (body.targetQueue() != null || body.targetVhost() != null) {
            throw ApiException.badRequest("delete-messages takes no target");
        }
        api.access.require(ctx, vhost, Access.Right.READ, ResourceKind.QUEUE, name);
        Set<Long> ids = ids(body);
        int deleted = api.management.messages().delete(vhost, name, ids, body.selector(), limit(body, ids));
        api.send(ctx, Map.of("deleted", deleted));
    }

    private static Set<Long> ids(Requests.MessageSelectionBody body) {
        if (body.ids() == null) {
            return null;
        }
        if (body.ids().isEmpty()) {
            throw ApiException.badRequest("ids is empty: name at least one message, or give a selector");
        }
        return new HashSet<>(body.ids());
    }

    private static int limit(Requests.MessageSelectionBody body, Set<Long> ids) {
        if (body.limit() != null) {
            return body.limit();
        }
        if (ids != null) {
            return ids.size();
        }
        throw ApiException.badRequest("limit is required when messages are chosen by selector");
    }

    /** The JMS provider's subscription queue prefixes (see the jms-provider README), longest first. */
    private static final List<String[]> SUBSCRIPTION_KINDS = List.of(
            new String[] {"jms.shared-durable.", "shared durable"},
            new String[] {"jms.durable.", "durable"},
            new String[] {"jms.shared.", "shared"});

    /**
     * The JMS view, read from how FerryMQ's JMS provider names things: a durable subscription is
     * the queue {@code jms.durable.<clientID>.<name>} (shared: {@code jms.shared-durable.},
     * shared non-durable: {@code jms.shared.}), its selector is the {@code x-selector} argument of
     * its binding. A client ID containing dots cannot be told from the subscription name; the
     * first segment is shown as the client ID.
     */
    private void jmsView(Context ctx) {
        List<Map<String, Object>> subscriptions = new ArrayList<>();
        java.util.TreeSet<String> clientIds = new java.util.TreeSet<>();
        for (QueueView q : api.management.queues(null)) {
            String[] kind = SUBSCRIPTION_KINDS.stream().filter(k -> q.name().startsWith(k[0])).findFirst().orElse(null);
            if (kind == null || !api.access.maySee(ctx, q.vhost())) {
                continue;
            }
            String rest = q.name().substring(kind[0].length());
            int dot = rest.indexOf('.');
            String clientId = dot < 0 ? "" : rest.substring(0, dot);
            String name = dot < 0 ? rest : rest.substring(dot + 1);
            if (!clientId.isEmpty()) {
                clientIds.add(clientId);
            }
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("vhost", q.vhost());
            s.put("queue", q.name());
            s.put("kind", kind[1]);
            s.put("client_id", clientId);
            s.put("subscription", name);
            s.put("messages", q.messages());
            s.put("consumers", q.consumers());
            List<Map<String, Object>> topics = new ArrayList<>();
            api.management.bindings(q.vhost()).stream()
                    .filter(b -> b.destination().equals(q.name()) && b.destinationType().equals("queue") && !b.source().isEmpty())
                    .forEach(b -> {
                        Map<String, Object> t = new LinkedHashMap<>();
                        t.put("exchange", b.source());
                        t.put("routing_key", b.routingKey());
                        t.put("selector", b.arguments().get("x-selector"));
                        topics.add(t);
                    });
            s.put("bindings", topics);
            subscriptions.add(s);
        }
        List<Map<String, Object>> selectingConsumers = new ArrayList<>();
        for (ConnectionSnapshot c : api.management.connections()) {
            if (!api.access.maySee(ctx, c.connection().vhost())) {
                continue;
            }
            for (ConsumerView v : c.consumers()) {
                if (v.arguments().containsKey("x-selector")) {
                    selectingConsumers.add(Map.of("vhost", v.vhost(), "queue", v.queue(), "consumer_tag", v.consumerTag(),
                            "connection", v.connectionName(), "selector", String.valueOf(v.arguments().get("x-selector"))));
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("client_ids", new ArrayList<>(clientIds));
        out.put("subscriptions", subscriptions);
        out.put("selecting_consumers", selectingConsumers);
        // the prepared branches: what a transaction manager (or an operator, on the XA page) must decide
        out.put("xa_transactions", new XaRoutes(api).visible(ctx, null).stream()
                .filter(b -> "prepared".equals(b.get("state"))).toList());
        api.send(ctx, out);
    }
}
