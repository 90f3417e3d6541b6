package org.ferrymq.console;

import java.util.Map;

import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;

import javax.net.ssl.SSLContext;

import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.ferrymq.broker.amqp.server.TlsContexts;
import org.ferrymq.broker.management.BrokerManagement;
import org.ferrymq.broker.management.ManagementException;
import org.ferrymq.broker.management.OverviewView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin console's HTTP server: RabbitMQ's management HTTP API under {@code /api},
 * FerryMQ's additions under {@code /api/ferrymq}, Prometheus metrics at {@code /metrics}, the
 * OpenAPI description at {@code /api/openapi.json} (and {@code .yaml}), and the web UI's static files at {@code /}.
 *
 * <pre>{@code
 * try (FerryBroker broker = FerryBroker.builder().amqpPort(0).start();
 *      ConsoleServer console = ConsoleServer.start(broker.management(), ConsoleSettings.loopback(0))) {
 *     URI api = console.uri();
 * }
 * }</pre>
 *
 * <p>Threading: requests run on Jetty's thread pool; every route is stateless and reads the
 * broker through the thread-safe management API. {@link #close()} is idempotent.
 */
public final class ConsoleServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);

    private final Javalin app;
    private final ConsoleSettings settings;
    private final int port;

    private ConsoleServer(Javalin app, ConsoleSettings settings, int port) {
        this.app = app;
        this.settings = settings;
        this.port = port;
    }

    /** Starts the server; fails with an operator-readable message if the port cannot be bound. */
    public static ConsoleServer start(BrokerManagement management, ConsoleSettings settings) {
        // read before anything starts, so a bad certificate or key stops start-up with the file named
        SSLContext tls = settings.tls() ? httpsContext(settings) : null;
        Access access = new Access(management.users());
        Api api = new Api(management, access);
        boolean hasUi = ConsoleServer.class.getResource(settings.staticRoot()) != null;
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = settings.maxBodyBytes();
            config.http.defaultContentType = "application/json";
            config.router.ignoreTrailingSlashes = true;
            if (hasUi) {
                config.staticFiles.add(files -> {
                    files.hostedPath = "/";
                    files.directory = settings.staticRoot();
                    files.location = Location.CLASSPATH;
                    // the UI's own files: no sniffing, no framing by other sites
                    files.headers = Map.of("X-Content-Type-Options", "nosniff", "X-Frame-Options", "DENY",
                            "Cache-Control", "no-cache");
                });
            }
            if (tls != null) {
                config.jetty.addConnector((server, http) -> httpsConnector(server, http, tls, settings));
            }
            config.jetty.modifyHttpConfiguration(http -> {
                // vhost "/" travels as %2F inside one path segment, as RabbitMQ's clients send it
                http.setUriCompliance(UriCompliance.LEGACY);
                http.setSendServerVersion(false);
            });
        });
        app.before("/api/*", ctx -> {
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Cache-Control", "no-store");
            access.authenticate(ctx);
        });
        new AdminRoutes(api).register(app);
        new TopologyRoutes(api).register(app);
        new DefinitionsRoutes(api).register(app);
        new FerryRoutes(api).register(app);
        new XaRoutes(api).register(app);
        new MetricsRoute(api).register(app);
        new OpenApiRoute(api).register(app);
        registerErrors(app, api);
        try {
            if (tls != null) {
                app.start(); // only the HTTPS connector: no plain HTTP next to it
            } else {
                app.start(settings.host(), settings.port());
            }
        } catch (RuntimeException e) {
            app.stop();
            throw new IllegalStateException("cannot start the management console on " + settings.host() + ":"
                    + settings.port() + ": " + rootMessage(e), e);
        }
        int bound = app.port();
        management.addListener(new OverviewView.Listener(settings.tls() ? "https" : "http", settings.host(), bound));
        LOG.info("Management console and HTTP API on {}://{}:{}/", settings.tls() ? "https" : "http",
                settings.host(), bound);
        return new ConsoleServer(app, settings, bound);
    }

    private static SSLContext httpsContext(ConsoleSettings settings) {
        try {
            return TlsContexts.jdkServerContext(settings.https());
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot start the management console over HTTPS (management.ssl.*): "
                    + e.getMessage(), e);
        }
    }

    /** Jetty's TLS connector over the broker's SSLContext; TLS 1.2/1.3 as the AMQPS listener. */
    private static ServerConnector httpsConnector(Server server, HttpConfiguration http, SSLContext context,
                                                  ConsoleSettings settings) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setSslContext(context);
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        if (settings.https().verifyPeer()) {
            ssl.setNeedClientAuth(settings.https().failIfNoPeerCert());
            ssl.setWantClientAuth(!settings.https().failIfNoPeerCert());
        }
        HttpConfiguration https = new HttpConfiguration(http);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // the Host header need not name the certificate: checking the name is the client's job
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(https));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        return connector;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** Every failure ends as JSON with a 4xx (or a 500 without details for a bug), never a stack trace. */
    private static void registerErrors(Javalin app, Api api) {
        app.exception(ApiException.class, (e, ctx) -> {
            LOG.debug("{} {} answered {}: {}", ctx.method(), ctx.path(), e.status(), e.getMessage());
            ctx.status(e.status());
            api.send(ctx, Map.of("error", e.error(), "reason", e.getMessage()));
        });
        app.exception(ManagementException.class, (e, ctx) -> {
            LOG.debug("{} {} refused: {}", ctx.method(), ctx.path(), e.getMessage());
            int status = switch (e.kind()) {
                case NOT_FOUND -> 404;
                case FORBIDDEN -> 403;
                case CONFLICT -> 409;
                case BAD_REQUEST -> 400;
            };
            ctx.status(status);
            api.send(ctx, Map.of("error", status == 404 ? "Object Not Found" : "bad_request", "reason", e.getMessage()));
        });
        app.exception(io.javalin.http.HttpResponseException.class, (e, ctx) -> {
            ctx.status(e.getStatus());
            api.send(ctx, Map.of("error", HttpStatus.forStatus(e.getStatus()).getMessage(), "reason", e.getMessage()));
        });
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("Management request {} {} failed", ctx.method(), ctx.path(), e);
            ctx.status(500);
            api.send(ctx, Map.of("error", "internal_error", "reason", "the request failed; see the broker log"));
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                api.send(ctx, Map.of("error", "Object Not Found", "reason", "Not Found"));
            }
        });
        app.error(405, ctx -> api.send(ctx, Map.of("error", "method_not_allowed", "reason", "Method Not Allowed")));
        app.error(413, ctx -> api.send(ctx, Map.of("error", "payload_too_large",
                "reason", "the request body is larger than the limit")));
    }

    /** Every route as "METHOD /path/{param}", for the check that the OpenAPI description lists exactly these. */
    java.util.List<String> routes() {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (io.javalin.router.ParsedEndpoint e : app.unsafeConfig().pvt.internalRouter.allHttpHandlers()) {
            io.javalin.http.HandlerType method = e.getEndpoint().getMethod();
            if (method.isHttpMethod()) {
                out.add(method.name() + " " + e.getEndpoint().getPath());
            }
        }
        return out;
    }

    /** The port the console listens on (the real one when 0 was asked for). */
    public int port() {
        return port;
    }

    /** {@code http://host:port/} (or https). */
    public java.net.URI uri() {
        return java.net.URI.create((settings.tls() ? "https" : "http") + "://" + settings.host() + ":" + port + "/");
    }

    @Override
    public void close() {
        app.stop();
    }
}
