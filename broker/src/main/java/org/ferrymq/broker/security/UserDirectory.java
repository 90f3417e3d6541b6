package org.ferrymq.broker.security;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.ferrymq.broker.config.BrokerConfig;
import org.ferrymq.broker.errors.AmqpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may log in, from where, and what each user may do in each virtual host, built once from a
 * {@link BrokerConfig}. Immutable and thread-safe: connection handlers on any Netty thread call it.
 */
public final class UserDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(UserDirectory.class);
    /** Hashed against when the user is unknown, so that a miss costs as much as a wrong password. */
    private static final String TIMING_DECOY_HASH = PasswordHash.create("ferrymq-decoy");

    private final Map<String, UserDefinition> users;
    private final Map<String, Map<String, VhostPermissions>> permissionsByUser;
    private final Set<String> vhosts;
    private final Set<String> loopbackUsers;

    private UserDirectory(Map<String, UserDefinition> users, Map<String, Map<String, VhostPermissions>> permissions,
            Set<String> vhosts, Set<String> loopbackUsers) {
        this.users = users;
        this.permissionsByUser = permissions;
        this.vhosts = vhosts;
        this.loopbackUsers = loopbackUsers;
    }

    /**
     * Builds the directory. A permission naming an unknown user or vhost is skipped with a
     * warning (it can never apply); a pattern that is not a valid regular expression is an error.
     *
     * @throws IllegalArgumentException for an invalid permission pattern
     */
    public static UserDirectory from(BrokerConfig config) {
        Map<String, UserDefinition> users = new LinkedHashMap<>();
        for (UserDefinition u : config.users()) {
            users.put(u.name(), u);
        }
        Set<String> vhosts = new LinkedHashSet<>(config.vhosts());
        Map<String, Map<String, VhostPermissions>> permissions = new LinkedHashMap<>();
        for (PermissionDefinition p : config.permissions()) {
            if (!users.containsKey(p.user()) || !vhosts.contains(p.vhost())) {
                LOG.warn("Ignoring permissions of user '{}' in vhost '{}': no such {}", p.user(), p.vhost(),
                        users.containsKey(p.user()) ? "vhost" : "user");
                continue;
            }
            permissions.computeIfAbsent(p.user(), k -> new LinkedHashMap<>()).put(p.vhost(), VhostPermissions.compile(p));
        }
        permissions.replaceAll((user, byVhost) -> Map.copyOf(byVhost));
        return new UserDirectory(Map.copyOf(users), Map.copyOf(permissions), Set.copyOf(vhosts),
                Set.copyOf(config.loopbackUsers()));
    }

    /**
     * Checks a login. As in RabbitMQ the password is checked first and the loopback restriction
     * second, so a wrong password from afar is reported as a wrong password.
     *
     * @param remote the client's address; {@code null} for an in-process connection, which counts
     *               as loopback
     */
    public AuthenticationResult authenticate(String username, String password, InetAddress remote) {
        UserDefinition user = users.get(username);
        if (user == null) {
            PasswordHash.matches(TIMING_DECOY_HASH, password == null ? "" : password);
            return new AuthenticationResult.Failure(username, AuthenticationResult.Reason.UNKNOWN_USER);
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
        Map<String, VhostPermissions> byVhost = permissionsByUser.get(username);
        return byVhost == null ? Optional.empty() : Optional.ofNullable(byVhost.get(vhost));
    }

    public boolean vhostExists(String vhost) {
        return vhosts.contains(vhost);
    }

    /** Every configured vhost. */
    public Set<String> vhosts() {
        return vhosts;
    }

    /** The user's definition, if there is such a user. */
    public Optional<UserDefinition> user(String username) {
        return Optional.ofNullable(users.get(username));
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
}
