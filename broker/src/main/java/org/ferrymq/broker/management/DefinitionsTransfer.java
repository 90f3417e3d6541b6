package org.ferrymq.broker.management;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.ferrymq.broker.errors.AmqpException;
import org.ferrymq.broker.model.QueueArguments;
import org.ferrymq.broker.model.VirtualHost;
import org.ferrymq.broker.model.exchange.Exchange;
import org.ferrymq.broker.model.exchange.ExchangeType;
import org.ferrymq.broker.security.PasswordHash;
import org.ferrymq.broker.security.PermissionDefinition;
import org.ferrymq.broker.security.VhostPermissions;

/**
 * Definitions export and import. An import is checked as a whole first (every object against
 * what exists and against the rest of the file); a file with any problem changes nothing. A valid
 * file is applied in dependency order (vhosts, users, permissions, exchanges, queues, bindings)
 * with an undo log, so a failure half-way (a disk error) is rolled back. A dry run returns the
 * plan without applying it.
 *
 * <p>Threading: imports are serialized on this object; exports read snapshots.
 */
public final class DefinitionsTransfer {
    private static final Set<String> STANDARD_EXCHANGES = Set.of("amq.direct", "amq.fanout", "amq.topic",
            "amq.headers", "amq.match", "amq.rabbitmq.trace");

    private final BrokerManagement management;

    DefinitionsTransfer(BrokerManagement management) {
        this.management = management;
    }

    /** Everything (or one vhost's objects, with {@code vhost} not null) as a definitions file holds it. */
    public Definitions export(String vhost) {
        List<Definitions.User> users = new ArrayList<>();
        List<String> vhosts = new ArrayList<>();
        List<PermissionDefinition> permissions = new ArrayList<>();
        if (vhost == null) {
            management.users().users().forEach(u -> users.add(new Definitions.User(u.name(), u.passwordHash(),
                    u.tags().stream().sorted().toList())));
            management.vhosts().forEach(v -> vhosts.add(v.name()));
            permissions.addAll(management.users().permissions());
        } else {
            management.requireVhost(vhost);
        }
        List<Definitions.ExchangeDefinition> exchanges = new ArrayList<>();
        for (ExchangeView e : management.exchanges(vhost)) {
            if (!e.name().isEmpty() && !STANDARD_EXCHANGES.contains(e.name())) {
                exchanges.add(new Definitions.ExchangeDefinition(e.vhost(), e.name(), e.type(), e.durable(),
                        e.autoDelete(), e.internal(), e.arguments()));
            }
        }
        List<Definitions.QueueDefinition> queues = new ArrayList<>();
        Set<String> exclusive = new HashSet<>();
        for (QueueView q : management.queues(vhost)) {
            if (q.exclusive()) {
                exclusive.add(q.vhost() + "\u0000" + q.name());
            } else {
                queues.add(new Definitions.QueueDefinition(q.vhost(), q.name(), q.durable(), q.autoDelete(), q.arguments()));
            }
        }
        List<Definitions.BindingDefinition> bindings = new ArrayList<>();
        for (BindingView b : management.bindings(vhost)) {
            boolean toExclusive = b.destinationType().equals("queue") && exclusive.contains(b.vhost() + "\u0000" + b.destination());
            if (!b.source().isEmpty() && !toExclusive) {
                bindings.add(new Definitions.BindingDefinition(b.vhost(), b.source(), b.destination(), b.destinationType(),
                        b.routingKey(), b.arguments()));
            }
        }
        return new Definitions(users, vhosts, permissions, exchanges, queues, bindings, List.of());
    }

    /** Checks {@code file} and, unless {@code dryRun} or it has problems, applies it. */
    public synchronized ImportPlan importDefinitions(Definitions file, boolean dryRun) {
        List<ImportPlan.Change> changes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        plan(file, changes, problems);
        if (!problems.isEmpty() || dryRun) {
            return new ImportPlan(changes, problems, file.skipped(), false);
        }
        Deque<Runnable> undo = new ArrayDeque<>();
        try {
            apply(file, changes, undo);
        } catch (RuntimeException e) {
            while (!undo.isEmpty()) {
                try {
                    undo.pop().run();
                } catch (RuntimeException ignored) {
                    // best effort: keep undoing the rest
                }
            }
            String reason = e instanceof AmqpException a ? a.replyText() : e.getMessage();
            return new ImportPlan(changes, List.of("the import failed and was rolled back: " + reason), file.skipped(),
                    false);
        }
        return new ImportPlan(changes, List.of(), file.skipped(), true);
    }

    // ---- checking ------------------------------------------------------------------------------

    private void plan(Definitions file, List<ImportPlan.Change> changes, List<String> problems) {
        Set<String> vhosts = new HashSet<>();
        management.vhosts().forEach(v -> vhosts.add(v.name()));
        for (String v : file.vhosts()) {
            if (v == null || v.isEmpty()) {
                problems.add("a vhost without a name");
                continue;
            }
            changes.add(new ImportPlan.Change("vhost", v, v, vhosts.contains(v) ? ImportPlan.Action.UNCHANGED
                    : ImportPlan.Action.CREATE));
            vhosts.add(v);
        }
        Set<String> users = new HashSet<>();
        management.users().users().forEach(u -> users.add(u.name()));
        for (Definitions.User u : file.users()) {
            if (u.name() == null || u.name().isEmpty()) {
                problems.add("a user without a name");
                continue;
            }
            if (u.passwordHash() != null && !u.passwordHash().isEmpty() && !PasswordHash.isWellFormed(u.passwordHash())) {
                problems.add("user '" + u.name() + "': password_hash is not a rabbit_password_hashing_sha256 hash");
            }
            Optional<UserView> existing = management.users().user(u.name());
            ImportPlan.Action action = existing.isEmpty() ? ImportPlan.Action.CREATE
                    : existing.get().passwordHash().equals(u.passwordHash() == null ? "" : u.passwordHash())
                    && existing.get().tags().equals(Set.copyOf(u.tags())) ? ImportPlan.Action.UNCHANGED
                    : ImportPlan.Action.UPDATE;
            changes.add(new ImportPlan.Change("user", null, u.name(), action));
            users.add(u.name());
        }
        for (PermissionDefinition p : file.permissions()) {
            String what = "permissions of '" + p.user() + "' in vhost '" + p.vhost() + "'";
            if (!users.contains(p.user())) {
                problems.add(what + ": no user '" + p.user() + "'");
            } else if (!vhosts.contains(p.vhost())) {
                problems.add(what + ": no vhost '" + p.vhost() + "'");
            } else {
                try {
                    VhostPermissions.compile(p);
                } catch (IllegalArgumentException e) {
                    problems.add(what + ": " + e.getMessage());
                    continue;
                }
                Optional<PermissionDefinition> existing = management.users().permission(p.vhost(), p.user());
                changes.add(new ImportPlan.Change("permission", p.vhost(), p.user(), existing.isEmpty()
                        ? ImportPlan.Action.CREATE : existing.get().equals(p) ? ImportPlan.Action.UNCHANGED
                        : ImportPlan.Action.UPDATE));
            }
        }
        Set<String> exchanges = new HashSet<>();
        for (Definitions.ExchangeDefinition e : file.exchanges()) {
            String what = "exchange '" + e.name() + "' in vhost '" + e.vhost() + "'";
            if (!vhosts.contains(e.vhost())) {
                problems.add(what + ": no vhost '" + e.vhost() + "'");
                continue;
            }
            if (STANDARD_EXCHANGES.contains(e.name())) {
                continue; // every vhost has them
            }
            Optional<VirtualHost> host = management.findVhost(e.vhost());
            try {
                if (host.isPresent()) {
                    host.get().checkExchangeDeclaration(e.name(), e.type(), e.durable(), e.autoDelete(), e.internal(),
                            e.arguments());
                } else {
                    checkNewExchange(e);
                }
            } catch (AmqpException refused) {
                problems.add(what + ": " + refused.replyText());
                continue;
            }
            boolean exists = host.isPresent() && host.get().findExchange(e.name()).isPresent();
            changes.add(new ImportPlan.Change("exchange", e.vhost(), e.name(), exists ? ImportPlan.Action.UNCHANGED
                    : ImportPlan.Action.CREATE));
            exchanges.add(e.vhost() + "\u0000" + e.name());
        }
        Set<String> queues = new HashSet<>();
        for (Definitions.QueueDefinition q : file.queues()) {
            String what = "queue '" + q.name() + "' in vhost '" + q.vhost() + "'";
            if (!vhosts.contains(q.vhost())) {
                problems.add(what + ": no vhost '" + q.vhost() + "'");
                continue;
            }
            Optional<VirtualHost> host = management.findVhost(q.vhost());
            try {
                if (host.isPresent()) {
                    host.get().checkQueueDeclaration(q.name(), q.durable(), q.autoDelete(), q.arguments());
                } else {
                    if (q.name().isEmpty() || q.name().startsWith("amq.")) {
                        throw AmqpException.accessRefused("queue name '" + q.name() + "' is reserved or empty");
                    }
                    QueueArguments.parse(q.name(), q.vhost(), q.arguments());
                }
            } catch (AmqpException refused) {
                problems.add(what + ": " + refused.replyText());
                continue;
            }
            boolean exists = host.isPresent() && host.get().findQueue(q.name()).isPresent();
            changes.add(new ImportPlan.Change("queue", q.vhost(), q.name(), exists ? ImportPlan.Action.UNCHANGED
                    : ImportPlan.Action.CREATE));
            queues.add(q.vhost() + "\u0000" + q.name());
        }
        for (Definitions.BindingDefinition b : file.bindings()) {
            String what = "binding from '" + b.source() + "' to " + b.destinationType() + " '" + b.destination()
                    + "' in vhost '" + b.vhost() + "'";
            Optional<VirtualHost> host = management.findVhost(b.vhost());
            boolean sourceKnown = STANDARD_EXCHANGES.contains(b.source()) || exchanges.contains(b.vhost() + "\u0000" + b.source())
                    || host.flatMap(h -> h.findExchange(b.source())).isPresent();
            boolean toQueue = "queue".equals(b.destinationType());
            boolean destinationKnown = toQueue ? queues.contains(b.vhost() + "\u0000" + b.destination())
                    || host.flatMap(h -> h.findQueue(b.destination())).isPresent()
                    : STANDARD_EXCHANGES.contains(b.destination()) || exchanges.contains(b.vhost() + "\u0000" + b.destination())
                    || host.flatMap(h -> h.findExchange(b.destination())).isPresent();
            if (!vhosts.contains(b.vhost())) {
                problems.add(what + ": no vhost '" + b.vhost() + "'");
            } else if (b.source() == null || b.source().isEmpty()) {
                problems.add(what + ": the default exchange's bindings cannot be declared");
            } else if (!"queue".equals(b.destinationType()) && !"exchange".equals(b.destinationType())) {
                problems.add(what + ": destination_type must be queue or exchange");
            } else if (!sourceKnown) {
                problems.add(what + ": no exchange '" + b.source() + "'");
            } else if (!destinationKnown) {
                problems.add(what + ": no " + b.destinationType() + " '" + b.destination() + "'");
            } else {
                boolean exists = management.bindingExists(b);
                changes.add(new ImportPlan.Change("binding", b.vhost(), b.source() + " -> " + b.destination()
                        + " (" + b.routingKey() + ")", exists ? ImportPlan.Action.UNCHANGED : ImportPlan.Action.CREATE));
            }
        }
    }

    private static void checkNewExchange(Definitions.ExchangeDefinition e) {
        if (e.name().isEmpty() || e.name().startsWith("amq.")) {
            throw AmqpException.accessRefused("exchange name '" + e.name() + "' is reserved or empty");
        }
        if (ExchangeType.fromAmqpName(e.type()).isEmpty()) {
            throw AmqpException.commandInvalid("unknown exchange type '" + e.type() + "'");
        }
        Exchange.validateArguments(e.vhost(), e.name(), e.arguments());
    }

    // ---- applying ------------------------------------------------------------------------------

    private void apply(Definitions file, List<ImportPlan.Change> changes, Deque<Runnable> undo) {
        for (String v : file.vhosts()) {
            if (management.createVhost(v)) {
                undo.push(() -> management.deleteVhost(v));
            }
        }
        UserAdministration users = management.users();
        for (Definitions.User u : file.users()) {
            Optional<UserView> before = users.user(u.name());
            users.putUser(u.name(), null, u.passwordHash() == null ? "" : u.passwordHash(), u.tags());
            undo.push(() -> {
                if (before.isPresent()) {
                    users.putUser(u.name(), null, before.get().passwordHash(), before.get().tags());
                } else {
                    users.deleteUser(u.name());
                }
            });
        }
        for (PermissionDefinition p : file.permissions()) {
            Optional<PermissionDefinition> before = users.permission(p.vhost(), p.user());
            users.setPermission(p);
            undo.push(() -> before.ifPresentOrElse(users::setPermission, () -> users.clearPermission(p.vhost(), p.user())));
        }
        for (Definitions.ExchangeDefinition e : file.exchanges()) {
            if (STANDARD_EXCHANGES.contains(e.name())) {
                continue;
            }
            boolean existed = management.findVhost(e.vhost()).flatMap(h -> h.findExchange(e.name())).isPresent();
            management.declareExchange(e.vhost(), e.name(), e.type(), e.durable(), e.autoDelete(), e.internal(),
                    e.arguments());
            if (!existed) {
                undo.push(() -> management.deleteExchange(e.vhost(), e.name(), false));
            }
        }
        for (Definitions.QueueDefinition q : file.queues()) {
            boolean existed = management.findVhost(q.vhost()).flatMap(h -> h.findQueue(q.name())).isPresent();
            management.declareQueue(q.vhost(), q.name(), q.durable(), q.autoDelete(), q.arguments());
            if (!existed) {
                undo.push(() -> management.deleteQueue(q.vhost(), q.name(), false, false));
            }
        }
        for (Definitions.BindingDefinition b : file.bindings()) {
            boolean toQueue = "queue".equals(b.destinationType());
            boolean existed = management.bindingExists(b);
            management.bind(b.vhost(), b.source(), toQueue, b.destination(), b.routingKey(), b.arguments());
            if (!existed) {
                BindingView made = new BindingView(b.vhost(), b.source(), b.destination(), b.destinationType(),
                        b.routingKey(), b.arguments());
                undo.push(() -> management.unbind(b.vhost(), b.source(), toQueue, b.destination(), made.propertiesKey()));
            }
        }
    }

    static Map<String, Object> orEmpty(Map<String, Object> m) {
        return m == null ? Map.of() : m;
    }
}
