package org.ferrymq.broker.security;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.ferrymq.broker.errors.AmqpException;

/**
 * One user's compiled permissions in one virtual host. Immutable and thread-safe: connection
 * handlers on any Netty thread call it.
 *
 * <p>Matching follows RabbitMQ ({@code rabbit_auth_backend_internal:check_resource_access}):
 * the pattern is <em>searched</em> for in the resource name ({@code re:run} without anchors),
 * so {@code sec} grants {@code xsecx}; anchor it ({@code ^sec$}) to mean exactly {@code sec}.
 * An empty pattern is treated as {@code ^$} and so grants nothing. Measured against RabbitMQ
 * 3.10: with configure pattern {@code sec}, declaring queue {@code xsecx} succeeds and
 * {@code other} fails with 403 "access to queue 'other' in vhost '/' refused for user 'bob'".
 *
 * <p>The default exchange is checked under the name {@code amq.default}, as RabbitMQ does
 * (publishing to {@code ""} without write access to {@code amq.default} is refused with
 * "access to exchange 'amq.default' in vhost '/' ..."): {@link #resourceName} does the mapping
 * and the {@code require*} methods apply it.
 */
public final class VhostPermissions {
    /** The name under which permissions for the default exchange ({@code ""}) are checked. */
    public static final String DEFAULT_EXCHANGE_RESOURCE = "amq.default";

    private final String user;
    private final String vhost;
    private final Pattern configure;
    private final Pattern write;
    private final Pattern read;

    private VhostPermissions(String user, String vhost, Pattern configure, Pattern write, Pattern read) {
        this.user = user;
        this.vhost = vhost;
        this.configure = configure;
        this.write = write;
        this.read = read;
    }

    /**
     * Compiles a permission definition.
     *
     * @throws IllegalArgumentException naming the user, vhost and pattern if a pattern is not a
     *                                  valid regular expression
     */
    public static VhostPermissions compile(PermissionDefinition definition) {
        Objects.requireNonNull(definition, "definition");
        return new VhostPermissions(definition.user(), definition.vhost(),
                pattern(definition, "configure", definition.configure()),
                pattern(definition, "write", definition.write()),
                pattern(definition, "read", definition.read()));
    }

    private static Pattern pattern(PermissionDefinition d, String which, String regex) {
        String effective = regex == null || regex.isEmpty() ? "^$" : regex;
        try {
            return Pattern.compile(effective);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid " + which + " pattern '" + regex + "' for user '" + d.user()
                    + "' in vhost '" + d.vhost() + "': " + e.getDescription(), e);
        }
    }

    public String user() {
        return user;
    }

    public String vhost() {
        return vhost;
    }

    /** May the user declare or delete this resource? */
    public boolean canConfigure(String resource) {
        return configure.matcher(resource).find();
    }

    /** May the user publish to this exchange, or bind this queue/exchange as a destination? */
    public boolean canWrite(String resource) {
        return write.matcher(resource).find();
    }

    /** May the user consume from / get / purge this queue, or bind from this exchange? */
    public boolean canRead(String resource) {
        return read.matcher(resource).find();
    }

    public void requireConfigure(ResourceKind kind, String name) {
        require(configure, kind, name);
    }

    public void requireWrite(ResourceKind kind, String name) {
        require(write, kind, name);
    }

    public void requireRead(ResourceKind kind, String name) {
        require(read, kind, name);
    }

    private void require(Pattern pattern, ResourceKind kind, String name) {
        String resource = resourceName(kind, name);
        if (!pattern.matcher(resource).find()) {
            throw AmqpException.accessRefused(refusalText(kind, resource));
        }
    }

    /**
     * RabbitMQ's reply text (without the {@code ACCESS_REFUSED - } prefix) for a refused
     * operation: {@code access to queue 'q' in vhost '/' refused for user 'bob'}.
     */
    public String refusalText(ResourceKind kind, String name) {
        return "access to " + kind.word() + " '" + resourceName(kind, name) + "' in vhost '" + vhost
                + "' refused for user '" + user + "'";
    }

    /** The name a permission is checked against: {@code amq.default} for the default exchange. */
    public static String resourceName(ResourceKind kind, String name) {
        return kind == ResourceKind.EXCHANGE && name.isEmpty() ? DEFAULT_EXCHANGE_RESOURCE : name;
    }

    @Override
    public String toString() {
        return "VhostPermissions[user=" + user + ", vhost=" + vhost + ", configure=" + configure + ", write=" + write
                + ", read=" + read + "]";
    }
}
