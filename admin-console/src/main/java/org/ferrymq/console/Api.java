package org.ferrymq.console;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.javalin.http.Context;

import org.ferrymq.broker.management.BrokerManagement;

/**
 * What every route needs: the management API, the access rules, the JSON mapper and the node
 * name, plus helpers to read path parameters and bodies. Thread-safe (immutable).
 */
final class Api {
    final BrokerManagement management;
    final Access access;
    final ObjectMapper json;
    final String node;

    Api(BrokerManagement management, Access access) {
        this.management = management;
        this.access = access;
        this.json = mapper();
        this.node = management.overview().node();
    }

    /** Jackson as the API uses it: snake_case request fields, unknown ones refused, no failure on empty beans. */
    static ObjectMapper mapper() {
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
    }

    /** Reads the request body as {@code type}; bad JSON or an unknown field is a 400 that says which. */
    <T> T body(Context ctx, Class<T> type) {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0) {
            throw ApiException.badRequest("a JSON body is required");
        }
        try {
            T value = json.readValue(bytes, type);
            if (value == null) {
                throw ApiException.badRequest("a JSON object is required");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest("unknown field '" + e.getPropertyName() + "'");
        } catch (JsonMappingException e) {
            throw ApiException.badRequest("invalid JSON for this request: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("cannot read the request body");
        }
    }

    /** Like {@link #body} but an empty body gives {@code fallback}. */
    <T> T optionalBody(Context ctx, Class<T> type, T fallback) {
        return ctx.bodyAsBytes().length == 0 ? fallback : body(ctx, type);
    }

    void send(Context ctx, Object value) {
        if (!management.countsMessages()) {
            value = RabbitShapes.withoutMessageStats(value);
        }
        try {
            ctx.contentType("application/json").result(json.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    void sendList(Context ctx, List<Map<String, Object>> items) {
        send(ctx, ListQuery.of(ctx).apply(items));
    }

    /** A vhost path parameter, which must exist and be visible to the user. */
    String vhost(Context ctx) {
        String vhost = ctx.pathParam("vhost");
        if (management.vhost(vhost).isEmpty()) {
            throw ApiException.notFound("no vhost '" + vhost + "'");
        }
        access.requireVisible(ctx, vhost);
        return vhost;
    }

    static int intParam(Context ctx, String name, int fallback) {
        String value = ctx.queryParam(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be an integer");
        }
    }
}
