package org.ferrymq.broker.security;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.ferrymq.broker.config.BrokerConfig;
import org.ferrymq.broker.errors.AmqpException;
import org.ferrymq.broker.store.DefinitionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may log in, from where, and what each user may do in each virtual host.
 *
 * <p>Seeded from the config file and, on a broker with a store, from the users, vhosts and
 * permissions created at runtime (which the store keeps; they win over the file for the same
 * name, so a password changed through the management API survives a restart).
 *
 * <p>Threading: reads (every login, every connection.open) take the current immutable
 * {@link State} without a lock; changes are serialized on this object, written to the store
 * first, then published as a new state. Connection handlers on any Netty thread call it.
 */
public final class UserDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(UserDirectory.class);
    /** Hashed against when the user is unknown, so that a miss costs as much as a wrong password. */
    private static final String TIMING_DECOY_HASH = PasswordHash.create("ferrymq-decoy");

    /** One consistent view: users, permission definitions and their compiled form, vhosts. */
    private record State(Map<String, UserDefinition> users, Map<String, Map<String, PermissionDefinition>> definitions,
                         Map<String, Map<String, VhostPermissions>> compiled, Set<String> vhosts) {
        static State of(Map<String, UserDefinition> users, Collection<PermissionDefinition> permissions,
                        Set<String> vhosts) {
            Map<String, Map<String, PermissionDefinition>> definitions = new LinkedHashMap<>();
            Map<String, Map<String, VhostPermissions>> compiled = new LinkedHashMap<>();
            for (PermissionDefinition p : permissions) {
                if (!users.containsKey(p.user()) || !vhosts.contains(p.vhost())) {
                    LOG.warn("Ignoring permissions of user '{}' in vhost '{}': no such {}", p.user(), p.vhost(),
                            users.containsKey(p.user()) ? "vhost" : "user");
                    continue;
                }
                definitions.computeIfAbsent(p.user(), k -> new LinkedHashMap<>()).put(p.vhost(), p);
                compiled.computeIfAbsent(p.user(), k -> new LinkedHashMap<>()).put(p.vhost(), VhostPermissions.compile(p));
            }
            definitions.replaceAll((u, m) -> java.util.Collections.unmodifiableMap(m));
            compiled.replaceAll((u, m) -> java.util.Collections.unmodifiableMap(m));
            return new State(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(users)),
                    java.util.Collections.unmodifiableMap(definitions), java.util.Collections.unmodifiableMap(compiled),
                    java.util.Collections.unmodifiableSet(new LinkedHashSet<>(vhosts)));
        }

        List<PermissionDefinition> allPermissions() {
            List<PermissionDefinition> all = new ArrayList<>();
            definitions.values().forEach(m -> all.addAll(m.values()));
            return all;
        }
    }

    private final Set<String> loopbackUsers;
    private final DefinitionStore store;
    private volatile State state;

    private UserDirectory(State state, Set<String> loopbackUsers, DefinitionStore store) {
        this.state = state;
        this.loopbackUsers = loopbackUsers;
        this.store = store;
    }

    /**
     * Builds a directory from the config alone, changes kept in memory only. A permission naming
     * an unknown user or vhost is skipped with a warning (it can never apply); a pattern that is
     * not a valid regular expression is an error.
     *
     * @throws IllegalArgumentException for an invalid permission pattern
     */
    public static UserDirectory from(BrokerConfig config) {
        return seeded(config, List.of(), List.of(), List.of(), null);
    }

    /**
     * Builds a directory from the config file's entries and those found in the store (which win
     * for the same user, or user and vhost); later changes are written to {@code store} (if not null).
     */
    public static UserDirectory seeded(BrokerConfig config, List<String> storedVhosts, List<UserDefinition> storedUsers,
                                       List<PermissionDefinition> storedPermissions, DefinitionStore store) {
        Map<String, UserDefinition> users = new LinkedHashMap<>();
        config.users().forEach(u -> users.put(u.name(), u));
        storedUsers.forEach(u -> users.put(u.name(), u));
        Set<String> vhosts = new LinkedHashSet<>(config.vhosts());
        vhosts.addAll(storedVhosts);
        Map<String, PermissionDefinition> permissions = new LinkedHashMap<>();
        config.permissions().forEach(p -> permissions.put(p.user() + "\u0000" + p.vhost(), p));
        storedPermissions.forEach(p -> permissions.put(p.user() + "\u0000" + p.vhost(), p));
        return new UserDirectory(State.of(users, permissions.values(), vhosts), Set.copyOf(config.loopbackUsers()), store);
    }

    /**
     * Checks a login. As in RabbitMQ the password is checked first and the loopback restriction
     * second, so a wrong password from afar is reported as a wrong password.
     *
     * @param remote the client's address; {@code null} for an in-process connection, which counts
     *               as loopback
     */
    public AuthenticationResult authenticate(String username, String password, InetAddress remote) {
        UserDefinition user = state.users().get(username);
        if (user == null || user.passwordHash().isEmpty()) {
            // a user without a password (RabbitMQ's "no password" users) cannot log in with one
            PasswordHash.matches(TIMING_DECOY_HASH, password == null ? "" : password);
            return new AuthenticationResult.Failure(username, user == null ? AuthenticationResult.Reason.UNKNOWN_USER
                    : AuthenticationResult.Reason.WRONG_PASSWORD);
        }
        if (!PasswordHash.matches(user.passwordHash(), password)) {
            return new AuthenticationResult.Failure(username, AuthenticationResult.Reason.WRONG_PASSWORD);
        }
        if (loopbackUsers.contains(username) && remote != null && !remote.isLoopbackAddress()) {
            return new AuthenticationResult.Failure(username, AuthenticationResult.Reason.LOOPBACK_ONLY);
        }
        return new AuthenticationResult.Success(new AuthenticatedUser(user.name(), user.tags()));
    }

    /** The user's permissions in {@code vhost}; empty if the user has no access to it (or either is unknown). */
    public Optional<VhostPermissions> permissions(String username, String vhost) {
        Map<String, VhostPermissions> byVhost = state.compiled().get(username);
        return byVhost == null ? Optional.empty() : Optional.ofNullable(byVhost.get(vhost));
    }

    public boolean vhostExists(String vhost) {
        return state.vhosts().contains(vhost);
    }

    /** Every vhost. */
    public Set<String> vhosts() {
        return state.vhosts();
    }

    /** The user's definition, if there is such a user. */
    public Optional<UserDefinition> user(String username) {
        return Optional.ofNullable(state.users().get(username));
    }

    /** Every user, in creation order. */
    public List<UserDefinition> users() {
        return List.copyOf(state.users().values());
    }

    /** Every permission definition. */
    public List<PermissionDefinition> permissionDefinitions() {
        return state.allPermissions();
    }

    /** Users that may log in from loopback addresses only ({@code guest}). */
    public Set<String> loopbackUsers() {
        return loopbackUsers;
    }

    /**
     * What {@code connection.open} needs: the user's permissions in {@code vhost}, or the
     * NOT_ALLOWED error RabbitMQ closes the connection with, texts as RabbitMQ 3.10 sends them:
     * {@code vhost nope not found} and {@code access to vhost 'v' refused for user 'bob'}.
     */
    public VhostPermissions openVhost(String username, String vhost) {
        if (!vhostExists(vhost)) {
            throw AmqpException.notAllowed("vhost " + vhost + " not found");
        }
        return permissions(username, vhost).orElseThrow(() -> AmqpException.notAllowed(
                "access to vhost '" + vhost + "' refused for user '" + username + "'"));
    }

    // ---- changes (management API) ----------------------------------------------------------

    /** Creates or replaces a user; durable before it returns when the broker has a store. */
    public synchronized void putUser(UserDefinition user) {
        if (store != null) {
            store.saveUser(user);
        }
        Map<String, UserDefinition> users = new LinkedHashMap<>(state.users());
        users.put(user.name(), user);
        state = State.of(users, state.allPermissions(), state.vhosts());
    }

    /** Deletes a user and its permissions; false if there was no such user. */
    public synchronized boolean deleteUser(String name) {
        if (!state.users().containsKey(name)) {
            return false;
        }
        if (store != null) {
            store.deleteUser(name);
        }
        Map<String, UserDefinition> users = new LinkedHashMap<>(state.users());
        users.remove(name);
        List<PermissionDefinition> kept = state.allPermissions().stream().filter(p -> !p.user().equals(name)).toList();
        state = State.of(users, kept, state.vhosts());
        return true;
    }

    /**
     * Sets a user's permissions in a vhost.
     *
     * @throws IllegalArgumentException if the user or vhost does not exist or a pattern is not a regular expression
     */
    public synchronized void setPermission(PermissionDefinition permission) {
        if (!state.users().containsKey(permission.user())) {
            throw new IllegalArgumentException("no user '" + permission.user() + "'");
        }
        if (!state.vhosts().contains(permission.vhost())) {
            throw new IllegalArgumentException("no vhost '" + permission.vhost() + "'");
        }
        VhostPermissions.compile(permission); // a bad pattern fails before anything is written
        if (store != null) {
            store.savePermission(permission);
        }
        List<PermissionDefinition> all = new ArrayList<>(state.allPermissions());
        all.removeIf(p -> p.user().equals(permission.user()) && p.vhost().equals(permission.vhost()));
        all.add(permission);
        state = State.of(state.users(), all, state.vhosts());
    }

    /** Removes a user's permissions in a vhost; false if there were none. */
    public synchronized boolean clearPermission(String user, String vhost) {
        List<PermissionDefinition> all = new ArrayList<>(state.allPermissions());
        if (!all.removeIf(p -> p.user().equals(user) && p.vhost().equals(vhost))) {
            return false;
        }
        if (store != null) {
            store.deletePermission(user, vhost);
        }
        state = State.of(state.users(), all, state.vhosts());
        return true;
    }

    /** Records a new vhost (the caller creates its model and stores it). */
    public synchronized void addVhost(String vhost) {
        if (state.vhosts().contains(vhost)) {
            return;
        }
        Set<String> vhosts = new LinkedHashSet<>(state.vhosts());
        vhosts.add(vhost);
        state = State.of(state.users(), state.allPermissions(), vhosts);
    }

    /** Forgets a vhost and every permission in it. */
    public synchronized void removeVhost(String vhost) {
        Set<String> vhosts = new LinkedHashSet<>(state.vhosts());
        vhosts.remove(vhost);
        List<PermissionDefinition> kept = state.allPermissions().stream().filter(p -> !p.vhost().equals(vhost)).toList();
        state = State.of(state.users(), kept, vhosts);
    }
}
