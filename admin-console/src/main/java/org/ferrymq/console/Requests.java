package org.ferrymq.console;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Request bodies of the RabbitMQ API, read strictly: a field RabbitMQ does not define is a 400
 * (names are snake_case on the wire). Fields that RabbitMQ's tools send but FerryMQ does not
 * need ({@code node}, {@code vhost} and {@code name} repeated from the path, ...) are accepted
 * and ignored.
 */
final class Requests {
    private Requests() {
    }

    record QueueBody(Boolean durable, Boolean autoDelete, Boolean exclusive, Map<String, Object> arguments, String node,
                     String queueType, String name, String vhost) {
    }

    record ExchangeBody(String type, Boolean durable, Boolean autoDelete, Boolean internal,
                        Map<String, Object> arguments, String name, String vhost, String userWhoPerformedAction) {
    }

    record BindingBody(String routingKey, Map<String, Object> arguments, String source, String destination,
                       String destinationType, String vhost) {
    }

    record UserBody(String password, String passwordHash, Object tags, String hashingAlgorithm, String name,
                    String vhost, Map<String, Object> limits) {
        /** Tags as a comma list ("administrator,monitoring") or a JSON array, as RabbitMQ takes them. */
        List<String> tagList() {
            return Requests.tags(tags);
        }
    }

    record PermissionBody(String configure, String write, String read, String user, String vhost) {
    }

    record VhostBody(String description, Object tags, String defaultQueueType, Boolean tracing, String name,
                     String vhost) {
    }

    record PublishBody(String routingKey, String payload, String payloadEncoding, Map<String, Object> properties,
                       String exchange, String vhost, String name, Map<String, Object> headers,
                       Integer deliveryMode) {
    }

    record GetBody(Integer count, String ackmode, String encoding, Integer truncate, String queue, String vhost,
                   String payloadFile, Boolean requeue) {
    }

    /** FerryMQ's move/copy/delete: by message ids, or by selector (none: any message), at most {@code limit}. */
    record MessageSelectionBody(List<Long> ids, String selector, Integer limit, String targetVhost,
                                String targetQueue) {
    }

    /** RabbitMQ's DELETE /api/connections/{name} may carry the reason as a header; the console may send a body. */
    record CloseBody(String reason) {
    }

    static List<String> tags(Object tags) {
        List<String> out = new ArrayList<>();
        if (tags instanceof String s) {
            for (String t : s.split(",")) {
                if (!t.isBlank()) {
                    out.add(t.trim());
                }
            }
        } else if (tags instanceof Collection<?> c) {
            for (Object t : c) {
                if (!(t instanceof String s) || s.isBlank()) {
                    throw ApiException.badRequest("tags must be strings");
                }
                out.add(s.trim());
            }
        } else if (tags != null) {
            throw ApiException.badRequest("tags must be a comma-separated string or a list of strings");
        }
        return out;
    }

    static boolean orDefault(Boolean value, boolean fallback) {
        return value == null ? fallback : value;
    }
}
