package org.ferrymq.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.javalin.Javalin;
import io.javalin.http.Context;

import org.ferrymq.broker.management.BrokerManagement;
import org.ferrymq.broker.management.Definitions;
import org.ferrymq.broker.management.ImportPlan;
import org.ferrymq.broker.security.PermissionDefinition;

/**
 * Definitions in RabbitMQ's file format: {@code GET /api/definitions} exports,
 * {@code POST /api/definitions} imports (all or nothing), and FerryMQ's
 * {@code POST /api/ferrymq/definitions/dry-run} (or {@code ?dry_run=true}) answers what an import
 * would change without changing anything. Administrators only.
 */
final class DefinitionsRoutes {
    private final Api api;

    DefinitionsRoutes(Api api) {
        this.api = api;
    }

    /** The file as RabbitMQ writes it; unknown fields are refused by name. */
    record File(String rabbitVersion, String rabbitmqVersion, String productName, String productVersion,
                List<UserEntry> users, List<VhostEntry> vhosts, List<PermissionEntry> permissions,
                List<Map<String, Object>> topicPermissions, List<Map<String, Object>> parameters,
                List<Map<String, Object>> globalParameters, List<Map<String, Object>> policies,
                List<QueueEntry> queues, List<ExchangeEntry> exchanges, List<BindingEntry> bindings) {
    }

    record UserEntry(String name, String passwordHash, String hashingAlgorithm, Object tags, Map<String, Object> limits) {
    }

    record VhostEntry(String name, String description, Object tags, Map<String, Object> metadata,
                      String defaultQueueType, Object limits) {
    }

    record PermissionEntry(String user, String vhost, String configure, String write, String read) {
    }

    record QueueEntry(String name, String vhost, Boolean durable, Boolean autoDelete, Map<String, Object> arguments,
                      String type) {
    }

    record ExchangeEntry(String name, String vhost, String type, Boolean durable, Boolean autoDelete, Boolean internal,
                         Map<String, Object> arguments) {
    }

    record BindingEntry(String source, String vhost, String destination, String destinationType, String routingKey,
                        Map<String, Object> arguments) {
    }

    void register(Javalin app) {
        app.get("/api/definitions", ctx -> {
            api.access.requireAdministrator(ctx);
            sendExport(ctx, null);
        });
        app.get("/api/definitions/{vhost}", ctx -> {
            api.access.requireAdministrator(ctx);
            sendExport(ctx, api.vhost(ctx));
        });
        app.post("/api/definitions", ctx -> load(ctx, null, "true".equals(ctx.queryParam("dry_run"))));
        app.post("/api/definitions/{vhost}", ctx -> load(ctx, api.vhost(ctx), "true".equals(ctx.queryParam("dry_run"))));
        app.post("/api/ferrymq/definitions/dry-run", ctx -> load(ctx, null, true));
    }

    private void sendExport(Context ctx, String vhost) {
        Definitions d = api.management.definitions().export(vhost);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rabbit_version", RabbitShapes.RABBITMQ_API_VERSION);
        m.put("rabbitmq_version", RabbitShapes.RABBITMQ_API_VERSION);
        m.put("product_name", "FerryMQ");
        m.put("product_version", BrokerManagement.version());
        if (vhost == null) {
            m.put("users", d.users().stream().map(u -> Map.of("name", u.name(), "password_hash", u.passwordHash(),
                    "hashing_algorithm", "rabbit_password_hashing_sha256", "tags", u.tags(), "limits", Map.of())).toList());
            m.put("vhosts", d.vhosts().stream().map(v -> Map.of("name", v, "limits", List.of(),
                    "metadata", Map.of("description", "", "tags", List.of()))).toList());
            m.put("permissions", d.permissions().stream().map(RabbitShapes::permission).toList());
            m.put("topic_permissions", List.of());
            m.put("parameters", List.of());
            m.put("global_parameters", List.of());
            m.put("policies", List.of());
        } else {
            m.put("parameters", List.of());
            m.put("policies", List.of());
        }
        m.put("queues", d.queues().stream().map(q -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", q.name());
            if (vhost == null) {
                e.put("vhost", q.vhost());
            }
            e.put("durable", q.durable());
            e.put("auto_delete", q.autoDelete());
            e.put("arguments", q.arguments());
            return e;
        }).toList());
        m.put("exchanges", d.exchanges().stream().map(x -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", x.name());
            if (vhost == null) {
                e.put("vhost", x.vhost());
            }
            e.put("type", x.type());
            e.put("durable", x.durable());
            e.put("auto_delete", x.autoDelete());
            e.put("internal", x.internal());
            e.put("arguments", x.arguments());
            return e;
        }).toList());
        m.put("bindings", d.bindings().stream().map(b -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("source", b.source());
            if (vhost == null) {
                e.put("vhost", b.vhost());
            }
            e.put("destination", b.destination());
            e.put("destination_type", b.destinationType());
            e.put("routing_key", b.routingKey());
            e.put("arguments", b.arguments());
            return e;
        }).toList());
        if ("true".equals(ctx.queryParam("download"))) {
            ctx.header("Content-Disposition", "attachment; filename=\"ferrymq-definitions.json\"");
        }
        api.send(ctx, m);
    }

    private void load(Context ctx, String vhost, boolean dryRun) {
        api.access.requireAdministrator(ctx);
        File file = api.body(ctx, File.class);
        ImportPlan plan = api.management.definitions().importDefinitions(toDefinitions(file, vhost), dryRun);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("applied", plan.applied());
        m.put("dry_run", dryRun);
        m.put("problems", plan.problems());
        m.put("skipped", plan.skipped());
        m.put("changes", plan.changes().stream().map(c -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("kind", c.kind());
            e.put("vhost", c.vhost());
            e.put("name", c.name());
            e.put("action", c.action().name().toLowerCase(java.util.Locale.ROOT));
            return e;
        }).toList());
        if (!plan.valid()) {
            ctx.status(400);
            m.put("error", "bad_request");
            m.put("reason", String.join("; ", plan.problems()));
        } else {
            ctx.status(dryRun ? 200 : 201);
        }
        api.send(ctx, m);
    }

    /** The file's objects; in a vhost's file (POST /api/definitions/{vhost}) objects have no vhost field. */
    private static Definitions toDefinitions(File f, String vhost) {
        List<String> skipped = new ArrayList<>();
        note(skipped, f.policies(), "policies (FerryMQ has none)");
        note(skipped, f.parameters(), "parameters (FerryMQ has no runtime parameters)");
        note(skipped, f.globalParameters(), "global parameters");
        note(skipped, f.topicPermissions(), "topic permissions (FerryMQ has none)");
        List<Definitions.User> users = new ArrayList<>();
        for (UserEntry u : list(f.users())) {
            if (u.hashingAlgorithm() != null && !u.hashingAlgorithm().equals("rabbit_password_hashing_sha256")) {
                throw ApiException.badRequest("user '" + u.name() + "': hashing_algorithm " + u.hashingAlgorithm()
                        + " is not supported (only rabbit_password_hashing_sha256)");
            }
            users.add(new Definitions.User(u.name(), u.passwordHash() == null ? "" : u.passwordHash(),
                    Requests.tags(u.tags())));
        }
        List<String> vhosts = new ArrayList<>();
        for (VhostEntry v : list(f.vhosts())) {
            vhosts.add(v.name());
        }
        List<PermissionDefinition> permissions = new ArrayList<>();
        for (PermissionEntry p : list(f.permissions())) {
            if (p.user() == null || p.vhost() == null || p.configure() == null || p.write() == null || p.read() == null) {
                throw ApiException.badRequest("a permission needs user, vhost, configure, write and read");
            }
            permissions.add(new PermissionDefinition(p.user(), p.vhost(), p.configure(), p.write(), p.read()));
        }
        List<Definitions.QueueDefinition> queues = new ArrayList<>();
        for (QueueEntry q : list(f.queues())) {
            Map<String, Object> arguments = q.arguments() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(q.arguments());
            if (q.type() != null && !q.type().equals("classic")) {
                arguments.putIfAbsent("x-queue-type", q.type());
            }
            queues.add(new Definitions.QueueDefinition(in(vhost, q.vhost(), "queue " + q.name()), required(q.name(), "queue"),
                    Requests.orDefault(q.durable(), true), Requests.orDefault(q.autoDelete(), false), arguments));
        }
        List<Definitions.ExchangeDefinition> exchanges = new ArrayList<>();
        for (ExchangeEntry e : list(f.exchanges())) {
            exchanges.add(new Definitions.ExchangeDefinition(in(vhost, e.vhost(), "exchange " + e.name()),
                    required(e.name(), "exchange"), required(e.type(), "exchange type"), Requests.orDefault(e.durable(), true),
                    Requests.orDefault(e.autoDelete(), false), Requests.orDefault(e.internal(), false),
                    e.arguments() == null ? Map.of() : e.arguments()));
        }
        List<Definitions.BindingDefinition> bindings = new ArrayList<>();
        for (BindingEntry b : list(f.bindings())) {
            bindings.add(new Definitions.BindingDefinition(in(vhost, b.vhost(), "binding"), b.source() == null ? "" : b.source(),
                    required(b.destination(), "binding destination"), required(b.destinationType(), "destination_type"),
                    b.routingKey() == null ? "" : b.routingKey(), b.arguments() == null ? Map.of() : b.arguments()));
        }
        return new Definitions(users, vhosts, permissions, exchanges, queues, bindings, skipped);
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static void note(List<String> skipped, List<?> items, String what) {
        if (items != null && !items.isEmpty()) {
            skipped.add(items.size() + " " + what);
        }
    }

    private static String required(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw ApiException.badRequest("a " + what + " needs a name");
        }
        return value;
    }

    private static String in(String pathVhost, String fileVhost, String what) {
        if (pathVhost != null) {
            return pathVhost;
        }
        if (fileVhost == null) {
            throw ApiException.badRequest(what + " has no vhost");
        }
        return fileVhost;
    }
}
