package org.ferrymq.broker.management;

import java.net.InetAddress;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.ferrymq.broker.security.AuthenticatedUser;
import org.ferrymq.broker.security.AuthenticationResult;
import org.ferrymq.broker.security.PasswordHash;
import org.ferrymq.broker.security.PermissionDefinition;
import org.ferrymq.broker.security.UserDefinition;
import org.ferrymq.broker.security.UserDirectory;

/**
 * Users, their tags and their permissions, changed at runtime and kept in the broker's store.
 * Tags are RabbitMQ's: {@code administrator} may do everything, {@code monitoring} may see
 * everything, {@code policymaker} and {@code management} may use the management API for the
 * vhosts they have permissions in; a user without one of these tags may not use it.
 *
 * <p>Threading: thread-safe (see {@link UserDirectory}).
 */
public final class UserAdministration {
    public static final String ADMINISTRATOR = "administrator";
    public static final String MONITORING = "monitoring";
    public static final String POLICYMAKER = "policymaker";
    public static final String MANAGEMENT = "management";

    private final UserDirectory directory;

    UserAdministration(UserDirectory directory) {
        this.directory = directory;
    }

    UserDirectory directory() {
        return directory;
    }

    /** Checks a login against the same users AMQP clients log in as (loopback-only users included). */
    public Optional<AuthenticatedUser> authenticate(String user, String password, InetAddress remote) {
        AuthenticationResult result = directory.authenticate(user, password, remote);
        return result instanceof AuthenticationResult.Success ok ? Optional.of(ok.user()) : Optional.empty();
    }

    /** True if the user may use the management API at all. */
    public static boolean mayUseManagement(AuthenticatedUser user) {
        return user.hasTag(ADMINISTRATOR) || user.hasTag(MONITORING) || user.hasTag(POLICYMAKER)
                || user.hasTag(MANAGEMENT);
    }

    /** True if the user sees every vhost's objects (administrator or monitoring). */
    public static boolean seesEverything(AuthenticatedUser user) {
        return user.hasTag(ADMINISTRATOR) || user.hasTag(MONITORING);
    }

    /** True if the user may see objects of {@code vhost}. */
    public boolean maySee(AuthenticatedUser user, String vhost) {
        return seesEverything(user) || directory.permissions(user.name(), vhost).isPresent();
    }

    /** The user's compiled permissions in {@code vhost}, if any. */
    public Optional<org.ferrymq.broker.security.VhostPermissions> permissionsOf(String user, String vhost) {
        return directory.permissions(user, vhost);
    }

    public List<UserView> users() {
        return directory.users().stream().map(UserAdministration::view).toList();
    }

    public Optional<UserView> user(String name) {
        return directory.user(name).map(UserAdministration::view);
    }

    private static UserView view(UserDefinition u) {
        return new UserView(u.name(), u.passwordHash(), u.tags());
    }

    /**
     * Creates or changes a user. Exactly one of {@code password} (hashed here) and
     * {@code passwordHash} (RabbitMQ's sha256 format, as in a definitions file) may be given;
     * with neither, an existing user keeps its password and a new one cannot log in with a password.
     */
    public void putUser(String name, String password, String passwordHash, Collection<String> tags) {
        if (name == null || name.isEmpty()) {
            throw ManagementException.badRequest("a user needs a name");
        }
        if (password != null && passwordHash != null) {
            throw ManagementException.badRequest("give password or password_hash, not both");
        }
        String hash;
        if (password != null) {
            hash = PasswordHash.create(password);
        } else if (passwordHash != null) {
            if (!passwordHash.isEmpty() && !PasswordHash.isWellFormed(passwordHash)) {
                throw ManagementException.badRequest("password_hash is not a rabbit_password_hashing_sha256 hash");
            }
            hash = passwordHash;
        } else {
            hash = directory.user(name).map(UserDefinition::passwordHash).orElse("");
        }
        directory.putUser(new UserDefinition(name, hash, Set.copyOf(tags)));
    }

    public void deleteUser(String name) {
        if (!directory.deleteUser(name)) {
            throw ManagementException.notFound("no user '" + name + "'");
        }
    }

    public List<PermissionDefinition> permissions() {
        return directory.permissionDefinitions();
    }

    public Optional<PermissionDefinition> permission(String vhost, String user) {
        return directory.permissionDefinitions().stream()
                .filter(p -> p.vhost().equals(vhost) && p.user().equals(user)).findFirst();
    }

    public void setPermission(PermissionDefinition permission) {
        if (directory.user(permission.user()).isEmpty()) {
            throw ManagementException.badRequest("no user '" + permission.user() + "'");
        }
        if (!directory.vhostExists(permission.vhost())) {
            throw ManagementException.badRequest("no vhost '" + permission.vhost() + "'");
        }
        try {
            directory.setPermission(permission);
        } catch (IllegalArgumentException e) {
            throw ManagementException.badRequest(e.getMessage());
        }
    }

    public void clearPermission(String vhost, String user) {
        if (!directory.clearPermission(user, vhost)) {
            throw ManagementException.notFound("no permissions for user '" + user + "' in vhost '" + vhost + "'");
        }
    }
}
