package org.ferrymq.console;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import io.javalin.http.Context;
import io.javalin.http.Header;

import org.ferrymq.broker.management.UserAdministration;
import org.ferrymq.broker.security.AuthenticatedUser;
import org.ferrymq.broker.security.ResourceKind;
import org.ferrymq.broker.security.VhostPermissions;

/**
 * HTTP Basic authentication against FerryMQ's users, and RabbitMQ's tag rules: administrator
 * may do everything; monitoring sees everything; management and policymaker see and act in the
 * vhosts they have permissions in, within those permissions; other users may not log in here.
 * Authority comes only from the {@code Authorization} header (no cookie), so a third-party page
 * cannot make a browser act on the API (CSRF).
 *
 * <p>Threading: stateless; called on Jetty's request threads.
 */
final class Access {
    private static final String USER = "ferrymq.user";
    private final UserAdministration users;

    Access(UserAdministration users) {
        this.users = users;
    }

    /** Before every API request: 401 without valid credentials, 403 for a user without a management tag. */
    void authenticate(Context ctx) {
        String header = ctx.header(Header.AUTHORIZATION);
        Optional<AuthenticatedUser> user = Optional.empty();
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                decoded = "";
            }
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                user = users.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1), remote(ctx));
            }
        }
        if (user.isEmpty()) {
            // no browser login pop-up for the console's own page, which asks for credentials itself
            if (!"XMLHttpRequest".equals(ctx.header("X-Requested-With"))) {
                ctx.header(Header.WWW_AUTHENTICATE, "Basic realm=\"FerryMQ Management\"");
            }
            throw new ApiException(401, "not_authorised", "Login failed");
        }
        if (!UserAdministration.mayUseManagement(user.get())) {
            throw ApiException.forbidden("Not management user");
        }
        ctx.attribute(USER, user.get());
    }

    private static InetAddress remote(Context ctx) {
        try {
            return InetAddress.getByName(ctx.req().getRemoteAddr());
        } catch (UnknownHostException e) {
            return null;
        }
    }

    static AuthenticatedUser user(Context ctx) {
        return ctx.attribute(USER);
    }

    void requireAdministrator(Context ctx) {
        if (!user(ctx).isAdministrator()) {
            throw ApiException.forbidden("Not administrator user");
        }
    }

    void requireMonitoring(Context ctx) {
        if (!UserAdministration.seesEverything(user(ctx))) {
            throw ApiException.forbidden("Not monitor user");
        }
    }

    /** True if the current user may see objects of {@code vhost}. */
    boolean maySee(Context ctx, String vhost) {
        return users.maySee(user(ctx), vhost);
    }

    void requireVisible(Context ctx, String vhost) {
        if (!maySee(ctx, vhost)) {
            throw ApiException.forbidden("access to vhost '" + vhost + "' refused for user '" + user(ctx).name() + "'");
        }
    }

    /** Configure/write/read rights on a resource, as an AMQP client of this user would need; administrators pass. */
    void require(Context ctx, String vhost, Right right, ResourceKind kind, String name) {
        AuthenticatedUser user = user(ctx);
        if (user.isAdministrator()) {
            return;
        }
        VhostPermissions permissions = users.permissionsOf(user.name(), vhost).orElseThrow(() ->
                ApiException.forbidden("access to vhost '" + vhost + "' refused for user '" + user.name() + "'"));
        try {
            switch (right) {
                case CONFIGURE -> permissions.requireConfigure(kind, name);
                case WRITE -> permissions.requireWrite(kind, name);
                case READ -> permissions.requireRead(kind, name);
            }
        } catch (RuntimeException refused) {
            throw ApiException.forbidden(refused.getMessage());
        }
    }

    enum Right { CONFIGURE, WRITE, READ }
}
