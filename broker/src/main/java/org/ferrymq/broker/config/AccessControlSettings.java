package org.ferrymq.broker.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.ferrymq.broker.security.PasswordHash;
import org.ferrymq.broker.security.PermissionDefinition;
import org.ferrymq.broker.security.UserDefinition;

/**
 * The users, vhosts, permissions and loopback keys of a config file, gathered line by line and
 * then applied to a {@link BrokerConfig.Builder} in one go, because they refer to each other
 * (a permission names a user and a vhost defined anywhere in the file).
 *
 * <p>Not thread-safe: one instance serves one load of one file.
 */
final class AccessControlSettings {
    private static final String BUILT_IN_USER = "guest";
    private static final String BUILT_IN_VHOST = "/";

    private ConfigLine defaultVhost;
    private ConfigLine defaultUser;
    private ConfigLine defaultPass;
    private final Map<String, Boolean> defaultUserTags = new LinkedHashMap<>();
    private boolean defaultUserTagsSet;
    private final Map<String, ConfigLine> defaultPermissions = new LinkedHashMap<>();
    private final List<ConfigLine> vhosts = new ArrayList<>();
    private final Map<String, UserLines> users = new LinkedHashMap<>();
    private final List<ConfigLine> permissions = new ArrayList<>();
    private ConfigLine loopbackList;
    private final List<ConfigLine> loopbackFlags = new ArrayList<>();

    /** The lines of one {@code users.NAME.*} block. */
    private static final class UserLines {
        ConfigLine password;
        ConfigLine passwordHash;
        ConfigLine tags;
        ConfigLine first;
    }

    /** Takes the line if its key is about access control; false if it is not. */
    boolean accept(ConfigLine line) {
        String key = line.key();
        switch (key) {
            case "default_vhost" -> defaultVhost = requireValue(line);
            case "default_user" -> defaultUser = requireValue(line);
            case "default_pass" -> defaultPass = requireValue(line);
            case "default_permissions.configure", "default_permissions.write", "default_permissions.read" -> {
                checkPattern(line, line.value());
                defaultPermissions.put(key.substring("default_permissions.".length()), line);
            }
            case "loopback_users" -> loopbackList = line;
            default -> {
                if (key.startsWith("default_user_tags.")) {
                    defaultUserTagsSet = true;
                    defaultUserTags.put(line.keySuffix("default_user_tags."), line.booleanValue());
                } else if (key.startsWith("vhosts.")) {
                    line.keySuffix("vhosts.");
                    vhosts.add(requireValue(line));
                } else if (key.startsWith("users.")) {
                    acceptUserLine(line);
                } else if (key.startsWith("permissions.")) {
                    acceptPermissionLine(line);
                } else if (key.startsWith("loopback_users.")) {
                    line.keySuffix("loopback_users.");
                    line.booleanValue();
                    loopbackFlags.add(line);
                } else {
                    return false;
                }
            }
        }
        return true;
    }

    private static ConfigLine requireValue(ConfigLine line) {
        line.text();
        return line;
    }

    private void acceptUserLine(ConfigLine line) {
        String rest = line.keySuffix("users.");
        int dot = rest.lastIndexOf('.');
        if (dot <= 0) {
            throw line.fail("expected users.NAME.password, users.NAME.password_hash or users.NAME.tags");
        }
        String name = rest.substring(0, dot);
        UserLines user = users.computeIfAbsent(name, n -> new UserLines());
        if (user.first == null) {
            user.first = line;
        }
        switch (rest.substring(dot + 1)) {
            case "password" -> user.password = line;
            case "password_hash" -> {
                if (!PasswordHash.isWellFormed(line.text())) {
                    throw line.fail("not a RabbitMQ SHA-256/SHA-512 password hash (make one with: ferrymq hash-password)");
                }
                user.passwordHash = line;
            }
            case "tags" -> user.tags = line;
            default -> throw line.fail("expected users.NAME.password, users.NAME.password_hash or users.NAME.tags");
        }
    }

    private void acceptPermissionLine(ConfigLine line) {
        String rest = line.keySuffix("permissions.");
        int dot = rest.indexOf('.');
        if (dot <= 0 || dot == rest.length() - 1) {
            throw line.fail("expected permissions.USER.VHOST = CONFIGURE WRITE READ");
        }
        List<String> patterns = patterns(line);
        for (String p : patterns) {
            checkPattern(line, p);
        }
        permissions.add(line);
    }

    /** The three patterns of a permissions line; {@code ""} stands for an empty pattern. */
    private static List<String> patterns(ConfigLine line) {
        String[] parts = line.value().trim().split("\\s+");
        if (parts.length != 3 || line.value().isBlank()) {
            throw line.fail("expected three patterns (configure write read) separated by spaces, e.g. '.* .* .*'"
                    + " (write \"\" for an empty one), got '" + line.value() + "'");
        }
        List<String> out = new ArrayList<>(3);
        for (String p : parts) {
            out.add(p.equals("\"\"") ? "" : p);
        }
        return out;
    }

    private static void checkPattern(ConfigLine line, String pattern) {
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw line.fail("invalid regular expression '" + pattern + "': " + e.getDescription());
        }
    }

    /** Applies everything gathered to {@code into}, whose current values are {@code current}. */
    void applyTo(BrokerConfig current, BrokerConfig.Builder into) {
        Set<String> vhostNames = vhostsAfter(current);
        Map<String, UserDefinition> userMap = new LinkedHashMap<>();
        current.users().forEach(u -> userMap.put(u.name(), u));
        Map<String, PermissionDefinition> permissionMap = new LinkedHashMap<>();
        current.permissions().forEach(p -> permissionMap.put(p.user() + "\u0000" + p.vhost(), p));

        if (changesDefaultUser()) {
            UserDefinition builtIn = userMap.get(BUILT_IN_USER);
            if (builtIn != null && builtIn.passwordHash().equals(BrokerConfig.GUEST_PASSWORD_HASH)) {
                userMap.remove(BUILT_IN_USER);
                permissionMap.remove(BUILT_IN_USER + "\u0000" + BUILT_IN_VHOST);
            }
            String name = defaultUser == null ? BUILT_IN_USER : defaultUser.value();
            String hash = defaultPass == null ? BrokerConfig.GUEST_PASSWORD_HASH : PasswordHash.create(defaultPass.value());
            Set<String> tags = new TreeSet<>();
            if (defaultUserTagsSet) {
                defaultUserTags.forEach((tag, on) -> { if (on) { tags.add(tag); } });
            } else {
                tags.add("administrator");
            }
            userMap.put(name, new UserDefinition(name, hash, tags));
            String vhost = defaultVhostName();
            permissionMap.put(name + "\u0000" + vhost, new PermissionDefinition(name, vhost,
                    defaultPattern("configure"), defaultPattern("write"), defaultPattern("read")));
        }

        users.forEach((name, lines) -> userMap.put(name, user(name, lines)));

        for (ConfigLine line : permissions) {
            String rest = line.key().substring("permissions.".length());
            int dot = rest.indexOf('.');
            String user = rest.substring(0, dot);
            String vhost = rest.substring(dot + 1);
            if (!userMap.containsKey(user)) {
                throw line.fail("no user '" + user + "' (define it with users." + user + ".password)");
            }
            if (!vhostNames.contains(vhost)) {
                throw line.fail("no vhost '" + vhost + "' (known: " + String.join(", ", vhostNames) + ")");
            }
            List<String> p = patterns(line);
            permissionMap.put(user + "\u0000" + vhost, new PermissionDefinition(user, vhost, p.get(0), p.get(1), p.get(2)));
        }

        into.vhosts(new ArrayList<>(vhostNames));
        into.users(new ArrayList<>(userMap.values()));
        into.permissions(new ArrayList<>(permissionMap.values()));
        into.loopbackUsers(loopbackUsersAfter(current));
    }

    private boolean changesDefaultUser() {
        return defaultUser != null || defaultPass != null || defaultUserTagsSet || !defaultPermissions.isEmpty()
                || defaultVhost != null;
    }

    private String defaultVhostName() {
        return defaultVhost == null ? BUILT_IN_VHOST : defaultVhost.value();
    }

    private String defaultPattern(String which) {
        ConfigLine line = defaultPermissions.get(which);
        return line == null ? ".*" : line.value();
    }

    /** The default vhost first, then {@code vhosts.*}; unchanged if the file names no vhost. */
    private Set<String> vhostsAfter(BrokerConfig current) {
        if (defaultVhost == null && vhosts.isEmpty()) {
            return new LinkedHashSet<>(current.vhosts());
        }
        Set<String> names = new LinkedHashSet<>();
        names.add(defaultVhostName());
        vhosts.forEach(line -> names.add(line.value()));
        return names;
    }

    private static UserDefinition user(String name, UserLines lines) {
        if (lines.password != null && lines.passwordHash != null) {
            throw lines.passwordHash.fail("user '" + name + "' has both password (line " + lines.password.number()
                    + ") and password_hash; keep one");
        }
        if (lines.password == null && lines.passwordHash == null) {
            throw lines.first.fail("user '" + name + "' has no password: add users." + name
                    + ".password or users." + name + ".password_hash");
        }
        String hash = lines.passwordHash != null ? lines.passwordHash.value()
                : PasswordHash.create(lines.password.text());
        Set<String> tags = new TreeSet<>();
        if (lines.tags != null) {
            for (String tag : lines.tags.value().split("[,\\s]+")) {
                if (!tag.isEmpty()) {
                    tags.add(tag);
                }
            }
        }
        return new UserDefinition(name, hash, tags);
    }

    private List<String> loopbackUsersAfter(BrokerConfig current) {
        if (loopbackList != null) {
            String v = loopbackList.value();
            if (!loopbackFlags.isEmpty()) {
                throw loopbackFlags.get(0).fail("cannot be combined with 'loopback_users = " + v + "' (line "
                        + loopbackList.number() + "); use one form");
            }
            if (v.equals("none") || v.isEmpty()) {
                return List.of();
            }
            List<String> names = new ArrayList<>();
            for (String n : v.split("[,\\s]+")) {
                if (!n.isEmpty() && !names.contains(n)) {
                    names.add(n);
                }
            }
            return names;
        }
        List<String> names = new ArrayList<>(current.loopbackUsers());
        for (ConfigLine flag : loopbackFlags) {
            String user = flag.key().substring("loopback_users.".length());
            names.remove(user);
            if (flag.booleanValue()) {
                names.add(user);
            }
        }
        return names;
    }
}
