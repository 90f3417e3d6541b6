package org.ferrymq.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * The OpenAPI 3 description of the whole HTTP API ({@code /api/openapi.yaml} and
 * {@code /api/openapi.json}). It is kept as YAML in {@code openapi/ferrymq-api.yaml} (readable in
 * review); {@code OpenApiDescriptionTest} fails the build when a route is added or removed
 * without it. The {@code servers} entry is the console as the client reached it.
 *
 * <p>Threading: the document is parsed once at start and only read afterwards.
 */
final class OpenApiRoute {
    static final String RESOURCE = "/openapi/ferrymq-api.yaml";

    private final Api api;
    private final JsonNode document;

    OpenApiRoute(Api api) {
        this.api = api;
        this.document = load();
    }

    /** The committed description, parsed. */
    static JsonNode load() {
        try (InputStream in = OpenApiRoute.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the console's jar");
            }
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    void register(Javalin app) {
        app.get("/api/openapi.json", ctx -> api.send(ctx, forClient(ctx)));
        app.get("/api/openapi.yaml", ctx -> ctx.contentType("application/yaml; charset=utf-8")
                .result(new YAMLMapper().writeValueAsBytes(forClient(ctx))));
    }

    private JsonNode forClient(Context ctx) {
        ObjectNode copy = document.deepCopy();
        ObjectMapper json = api.json;
        copy.set("servers", json.valueToTree(List.of(Map.of("url", ctx.scheme() + "://" + ctx.host()))));
        return copy;
    }
}
