package org.ferrymq.console;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.javalin.Javalin;
import io.javalin.http.Context;

import org.ferrymq.broker.management.BindingView;
import org.ferrymq.broker.management.ExchangeView;
import org.ferrymq.broker.management.MessageOperations;
import org.ferrymq.broker.management.MessageView;
import org.ferrymq.broker.management.QueueView;
import org.ferrymq.broker.security.ResourceKind;

/**
 * RabbitMQ's queue, exchange and binding endpoints, with publish and get. Each list shows only
 * what the user may see; each change needs the AMQP permission the same change over AMQP needs.
 */
final class TopologyRoutes {
    private final Api api;

    TopologyRoutes(Api api) {
        this.api = api;
    }

    void register(Javalin app) {
        app.get("/api/queues", ctx -> api.sendList(ctx, queues(ctx, null)));
        app.get("/api/queues/{vhost}", ctx -> api.sendList(ctx, queues(ctx, api.vhost(ctx))));
        app.get("/api/queues/{vhost}/{name}", this::showQueue);
        app.put("/api/queues/{vhost}/{name}", this::declareQueue);
        app.delete("/api/queues/{vhost}/{name}", this::deleteQueue);
        app.delete("/api/queues/{vhost}/{name}/contents", this::purgeQueue);
        app.get("/api/queues/{vhost}/{name}/bindings", ctx -> {
            String vhost = api.vhost(ctx);
            String name = ctx.pathParam("name");
            requireQueue(vhost, name);
            api.send(ctx, bindings(vhost, b -> b.destination().equals(name) && b.destinationType().equals("queue")));
        });
        app.post("/api/queues/{vhost}/{name}/get", this::get);

        app.get("/api/exchanges", ctx -> api.sendList(ctx, exchanges(ctx, null)));
        app.get("/api/exchanges/{vhost}", ctx -> api.sendList(ctx, exchanges(ctx, api.vhost(ctx))));
        app.get("/api/exchanges/{vhost}/{name}", ctx -> {
            String vhost = api.vhost(ctx);
            ExchangeView e = api.management.exchange(vhost, ctx.pathParam("name"))
                    .orElseThrow(() -> ApiException.notFound("no exchange '" + ctx.pathParam("name") + "'"));
            api.send(ctx, RabbitShapes.exchange(e, SampleWindow.msgRates(ctx)));
        });
        app.put("/api/exchanges/{vhost}/{name}", this::declareExchange);
        app.delete("/api/exchanges/{vhost}/{name}", this::deleteExchange);
        app.get("/api/exchanges/{vhost}/{name}/bindings/source", ctx -> {
            String vhost = api.vhost(ctx);
            String name = exchangeName(ctx.pathParam("name"));
            api.send(ctx, bindings(vhost, b -> b.source().equals(name)));
        });
        app.get("/api/exchanges/{vhost}/{name}/bindings/destination", ctx -> {
            String vhost = api.vhost(ctx);
            String name = exchangeName(ctx.pathParam("name"));
            api.send(ctx, bindings(vhost, b -> b.destination().equals(name) && b.destinationType().equals("exchange")));
        });
        app.post("/api/exchanges/{vhost}/{name}/publish", this::publish);

        app.get("/api/bindings", ctx -> api.sendList(ctx, visibleBindings(ctx, null)));
        app.get("/api/bindings/{vhost}", ctx -> api.sendList(ctx, visibleBindings(ctx, api.vhost(ctx))));
        for (String kind : List.of("q", "e")) {
            String path = "/api/bindings/{vhost}/e/{source}/" + kind + "/{destination}";
            app.get(path, ctx -> listBindings(ctx, kind));
            app.post(path, ctx -> bind(ctx, kind));
            app.get(path + "/{props}", ctx -> showBinding(ctx, kind));
            app.delete(path + "/{props}", ctx -> unbind(ctx, kind));
        }
    }

    private static String exchangeName(String name) {
        return "amq.default".equals(name) ? "" : name;
    }

    // ---- queues ----------------------------------------------------------------------------

    private List<Map<String, Object>> queues(Context ctx, String vhost) {
        List<Map<String, Object>> out = new ArrayList<>();
        LengthWindow window = LengthWindow.of(ctx);
        SampleWindow msgRates = SampleWindow.msgRates(ctx);
        for (QueueView q : api.management.queues(vhost)) {
            if (vhost != null || api.access.maySee(ctx, q.vhost())) {
                out.add(RabbitShapes.queue(q, api.node, window, msgRates,
                        msgRates == null ? List.of() : q.counters().keptHistory()));
            }
        }
        return out;
    }

    private QueueView requireQueue(String vhost, String name) {
        return api.management.queue(vhost, name).orElseThrow(() ->
                ApiException.notFound("no queue '" + name + "' in vhost '" + vhost + "'"));
    }

    private void showQueue(Context ctx) {
        String vhost = api.vhost(ctx);
        QueueView q = requireQueue(vhost, ctx.pathParam("name"));
        Map<String, Object> shown = new java.util.LinkedHashMap<>(RabbitShapes.queue(q, api.node,
                LengthWindow.of(ctx), SampleWindow.msgRates(ctx)));
        List<Map<String, Object>> consumers = new ArrayList<>();
        api.management.connections().forEach(c -> c.consumers().stream()
                .filter(x -> x.vhost().equals(vhost) && x.queue().equals(q.name()))
                .forEach(x -> consumers.add(RabbitShapes.consumer(x))));
        shown.put("consumer_details", consumers);
        shown.put("ferrymq_rate_history", q.counters().history());
        api.send(ctx, shown);
    }

    private void declareQueue(Context ctx) {
        String vhost = api.vhost(ctx);
        String name = ctx.pathParam("name");
        Requests.QueueBody body = api.optionalBody(ctx, Requests.QueueBody.class,
                new Requests.QueueBody(null, null, null, null, null, null, null, null));
        api.access.require(ctx, vhost, Access.Right.CONFIGURE, ResourceKind.QUEUE, name);
        Map<String, Object> arguments = body.arguments() == null ? new java.util.HashMap<>()
                : new java.util.HashMap<>(body.arguments());
        if (body.queueType() != null && !body.queueType().equals("classic")) {
            arguments.put("x-queue-type", body.queueType());
        }
        boolean existed = api.management.queue(vhost, name).isPresent();
        api.management.declareQueue(vhost, name, Requests.orDefault(body.durable(), true),
                Requests.orDefault(body.autoDelete(), false), arguments);
        ctx.status(existed ? 204 : 201);
    }

    private void deleteQueue(Context ctx) {
        String vhost = api.vhost(ctx);
        String name = ctx.pathParam("name");
        requireQueue(vhost, name);
        api.access.require(ctx, vhost, Access.Right.CONFIGURE, ResourceKind.QUEUE, name);
        api.management.deleteQueue(vhost, name, "true".equals(ctx.queryParam("if-unused")),
                "true".equals(ctx.queryParam("if-empty")));
        ctx.status(204);
    }

    private void purgeQueue(Context ctx) {
        String vhost = api.vhost(ctx);
        String name = ctx.pathParam("name");
        requireQueue(vhost, name);
        api.access.require(ctx, vhost, Access.Right.READ, ResourceKind.QUEUE, name);
        api.management.purgeQueue(vhost, name);
        ctx.status(204);
    }

    private void get(Context ctx) {
        String vhost = api.vhost(ctx);
        String name = ctx.pathParam("name");
        requireQueue(vhost, name);
        Requests.GetBody body = api.body(ctx, Requests.GetBody.class);
        api.access.require(ctx, vhost, Access.Right.READ, ResourceKind.QUEUE, name);
        String ackmode = body.ackmode();
        if (ackmode == null && body.requeue() != null) { // the pre-3.7 form some clients still send
            ackmode = body.requeue() ? "ack_requeue_true" : "ack_requeue_false";
        }
        MessageOperations.AckMode mode = MessageOperations.AckMode.parse(ackmode == null ? "ack_requeue_true" : ackmode);
        String encoding = body.encoding() == null ? "auto" : body.encoding();
        if (!encoding.equals("auto") && !encoding.equals("base64")) {
            throw ApiException.badRequest("encoding must be auto or base64");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (MessageView m : api.management.messages().get(vhost, name, body.count() == null ? 1 : body.count(), mode)) {
            Map<String, Object> shown = RabbitShapes.message(m, encoding);
            if (body.truncate() != null && shown.get("payload") instanceof String p && p.length() > body.truncate()) {
                shown.put("payload", p.substring(0, Math.max(0, body.truncate())));
            }
            out.add(shown);
        }
        api.send(ctx, out);
    }

    // ---- exchanges -------------------------------------------------------------------------

    private List<Map<String, Object>> exchanges(Context ctx, String vhost) {
        List<Map<String, Object>> out = new ArrayList<>();
        SampleWindow msgRates = SampleWindow.msgRates(ctx);
        for (ExchangeView e : api.management.exchanges(vhost)) {
            if (vhost != null || api.access.maySee(ctx, e.vhost())) {
                out.add(RabbitShapes.exchange(e, msgRates, msgRates == null ? List.of() : e.counters().keptHistory()));
            }
        }
        return out;
    }

    private void declareExchange(Context ctx) {
        String vhost = api.vhost(ctx);
        String name = ctx.pathParam("name");
        Requests.ExchangeBody body = api.body(ctx, Requests.ExchangeBody.class);
        if (body.type() == null) {
            throw ApiException.badRequest("an exchange needs a type");
        }
        api.access.require(ctx, vhost, Access.Right.CONFIGURE, ResourceKind.EXCHANGE, name);
        boolean existed = api.management.exchange(vhost, name).isPresent();
        api.management.declareExchange(vhost, name, body.type(), Requests.orDefault(body.durable(), true),
                Requests.orDefault(body.autoDelete(), false), Requests.orDefault(body.internal(), false),
                body.arguments());
        ctx.status(existed ? 204 : 201);
    }

    private void deleteExchange(Context ctx) {
        String vhost = api.vhost(ctx);
        String name = ctx.pathParam("name");
        api.access.require(ctx, vhost, Access.Right.CONFIGURE, ResourceKind.EXCHANGE, name);
        api.management.deleteExchange(vhost, name, "true".equals(ctx.queryParam("if-unused")));
        ctx.status(204);
    }

    private void publish(Context ctx) {
        String vhost = api.vhost(ctx);
        String exchange = exchangeName(ctx.pathParam("name"));
        Requests.PublishBody body = api.body(ctx, Requests.PublishBody.class);
        if (body.routingKey() == null) {
            throw ApiException.badRequest("routing_key is required");
        }
        if (body.payload() == null) {
            throw ApiException.badRequest("payload is required");
        }
        if (!exchange.isEmpty() && api.management.exchange(vhost, exchange).isEmpty()) {
            throw ApiException.notFound("no exchange '" + exchange + "' in vhost '" + vhost + "'");
        }
        api.access.require(ctx, vhost, Access.Right.WRITE, ResourceKind.EXCHANGE,
                exchange.isEmpty() ? "amq.default" : exchange);
        String encoding = body.payloadEncoding() == null ? "string" : body.payloadEncoding();
        byte[] payload;
        if (encoding.equals("string")) {
            payload = body.payload().getBytes(StandardCharsets.UTF_8);
        } else if (encoding.equals("base64")) {
            try {
                payload = Base64.getDecoder().decode(body.payload());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("payload is not valid base64");
            }
        } else {
            throw ApiException.badRequest("payload_encoding must be string or base64");
        }
        Map<String, Object> properties = body.properties() == null ? new java.util.HashMap<>()
                : new java.util.HashMap<>(body.properties());
        if (body.headers() != null) {
            properties.put("headers", body.headers());
        }
        if (body.deliveryMode() != null) {
            properties.put("delivery_mode", body.deliveryMode());
        }
        boolean routed = api.management.messages().publish(vhost, exchange, body.routingKey(), properties, payload);
        api.send(ctx, Map.of("routed", routed));
    }

    // ---- bindings --------------------------------------------------------------------------

    private List<Map<String, Object>> bindings(String vhost, java.util.function.Predicate<BindingView> which) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (BindingView b : api.management.bindings(vhost)) {
            if (which.test(b)) {
                out.add(RabbitShapes.binding(b));
            }
        }
        return out;
    }

    private List<Map<String, Object>> visibleBindings(Context ctx, String vhost) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (BindingView b : api.management.bindings(vhost)) {
            if (vhost != null || api.access.maySee(ctx, b.vhost())) {
                out.add(RabbitShapes.binding(b));
            }
        }
        return out;
    }

    private static String destinationType(String kind) {
        return kind.equals("q") ? "queue" : "exchange";
    }

    private void listBindings(Context ctx, String kind) {
        String vhost = api.vhost(ctx);
        String source = exchangeName(ctx.pathParam("source"));
        String destination = ctx.pathParam("destination");
        api.send(ctx, bindings(vhost, b -> b.source().equals(source) && b.destination().equals(destination)
                && b.destinationType().equals(destinationType(kind))));
    }

    private void showBinding(Context ctx, String kind) {
        String vhost = api.vhost(ctx);
        String source = exchangeName(ctx.pathParam("source"));
        String destination = ctx.pathParam("destination");
        String props = ctx.pathParam("props");
        List<Map<String, Object>> found = bindings(vhost, b -> b.source().equals(source)
                && b.destination().equals(destination) && b.destinationType().equals(destinationType(kind))
                && b.propertiesKey().equals(props));
        if (found.isEmpty()) {
            throw ApiException.notFound("no such binding");
        }
        api.send(ctx, found.get(0));
    }

    private void bind(Context ctx, String kind) {
        String vhost = api.vhost(ctx);
        String source = exchangeName(ctx.pathParam("source"));
        String destination = ctx.pathParam("destination");
        Requests.BindingBody body = api.optionalBody(ctx, Requests.BindingBody.class,
                new Requests.BindingBody(null, null, null, null, null, null));
        boolean toQueue = kind.equals("q");
        api.access.require(ctx, vhost, Access.Right.WRITE, toQueue ? ResourceKind.QUEUE : ResourceKind.EXCHANGE,
                destination);
        api.access.require(ctx, vhost, Access.Right.READ, ResourceKind.EXCHANGE, source);
        String key = body.routingKey() == null ? "" : body.routingKey();
        api.management.bind(vhost, source, toQueue, destination, key, body.arguments());
        BindingView made = new BindingView(vhost, source, destination, destinationType(kind), key,
                body.arguments() == null ? Map.of() : body.arguments());
        ctx.header("Location", made.propertiesKey());
        ctx.status(201);
    }

    private void unbind(Context ctx, String kind) {
        String vhost = api.vhost(ctx);
        String source = exchangeName(ctx.pathParam("source"));
        String destination = ctx.pathParam("destination");
        boolean toQueue = kind.equals("q");
        api.access.require(ctx, vhost, Access.Right.WRITE, toQueue ? ResourceKind.QUEUE : ResourceKind.EXCHANGE,
                destination);
        api.access.require(ctx, vhost, Access.Right.READ, ResourceKind.EXCHANGE, source);
        api.management.unbind(vhost, source, toQueue, destination, ctx.pathParam("props"));
        ctx.status(204);
    }
}
