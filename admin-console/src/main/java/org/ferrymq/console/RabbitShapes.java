package org.ferrymq.console;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.ferrymq.broker.management.BindingView;
import org.ferrymq.broker.management.ChannelView;
import org.ferrymq.broker.management.ConnectionView;
import org.ferrymq.broker.management.ConsumerView;
import org.ferrymq.broker.management.ExchangeView;
import org.ferrymq.broker.management.MessageCounters;
import org.ferrymq.broker.management.MessageView;
import org.ferrymq.broker.management.OverviewView;
import org.ferrymq.broker.management.QueueLengths;
import org.ferrymq.broker.management.QueueView;
import org.ferrymq.broker.management.RateSample;
import org.ferrymq.broker.management.TlsSessionView;
import org.ferrymq.broker.management.TrafficCounters;
import org.ferrymq.broker.management.UserView;
import org.ferrymq.broker.management.VhostView;
import org.ferrymq.broker.security.PermissionDefinition;

/**
 * The management API's read models in the JSON shapes of RabbitMQ 3.10's management plugin
 * (field names, nesting, {@code *_details: {rate}} objects), so its tools read them unchanged.
 * With {@code management.rates_mode = none} nothing is counted and {@link #withoutMessageStats}
 * takes {@code message_stats} out of every answer, as RabbitMQ has none then. Stateless.
 */
final class RabbitShapes {
    /** The RabbitMQ version FerryMQ answers as in {@code rabbitmq_version}, the API level it speaks. */
    static final String RABBITMQ_API_VERSION = "3.10.8";

    /** Consumers are listed without the node name at hand; FerryMQ is one node. */
    private static final String NODE_PLACEHOLDER = "ferrymq";

    private RabbitShapes() {
    }

    static Map<String, Object> details(double rate) {
        return Map.of("rate", rate);
    }

    /** RabbitMQ's {@code message_stats}: each count with its {@code _details.rate}. */
    static Map<String, Object> messageStats(MessageCounters c) {
        return messageStats(c, null);
    }

    /** RabbitMQ's {@code message_stats}; with a {@code msg_rates_age} window the details carry samples. */
    static Map<String, Object> messageStats(MessageCounters c, SampleWindow window) {
        return messageStats(c, window, window == null ? List.of() : c.history());
    }

    /** As above over the given history (a list passes only what is kept already, see {@link MessageCounters#keptHistory()}). */
    static Map<String, Object> messageStats(MessageCounters c, SampleWindow window, List<RateSample> history) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (MessageCounters.Kind kind : MessageCounters.Kind.values()) {
            long total = c.total(kind);
            m.put(kind.statName(), total);
            m.put(kind.statName() + "_details", countDetails(c, kind, total, history, window));
        }
        return m;
    }

    /** A count's {@code _details}: {@code {rate}}, or with a window its samples (counts so far, as RabbitMQ). */
    static Map<String, Object> countDetails(MessageCounters c, MessageCounters.Kind kind, long total,
                                            List<RateSample> history, SampleWindow window) {
        return totalDetails(kind.statName(), c.rate(kind), total, history, window);
    }

    /**
     * A growing total's {@code _details} (message counts, octets): {@code {rate}}, or with a
     * window its samples over {@code history}, the totals so far, as RabbitMQ shows them.
     */
    static Map<String, Object> totalDetails(String statName, double rate, long total, List<RateSample> history,
                                            SampleWindow window) {
        if (window == null) {
            return details(rate);
        }
        List<SampleWindow.Point> kept = new ArrayList<>(history.size());
        for (int i = history.size() - 1; i >= 0; i--) {
            kept.add(new SampleWindow.Point(history.get(i).timestampMillis(), history.get(i).total(statName)));
        }
        return SampleWindow.details(rate, window, kept, total, System.currentTimeMillis());
    }

    /**
     * RabbitMQ's octet fields of a connection or vhost: {@code recv_oct}, {@code send_oct} and
     * their {@code _details} ({@code data_rates_age} windows over {@code history}); a
     * connection's also {@code recv_cnt} and {@code send_cnt}.
     */
    static void putTraffic(Map<String, Object> m, TrafficCounters t, boolean withCounts, SampleWindow dataRates,
                           List<RateSample> history) {
        for (TrafficCounters.Kind kind : TrafficCounters.Kind.values()) {
            long total = t.total(kind);
            m.put(kind.statName(), total);
            m.put(kind.statName() + "_details", totalDetails(kind.statName(), t.rate(kind), total, history, dataRates));
        }
        if (withCounts) {
            m.put("recv_cnt", t.recvCnt());
            m.put("send_cnt", t.sendCnt());
        }
    }

    static Map<String, Object> overview(OverviewView o, String node) {
        return overview(o, node, null, null, null);
    }

    /** The overview; with windows its message-count details and queue totals carry samples. */
    static Map<String, Object> overview(OverviewView o, String node, SampleWindow msgRates, QueueLengths totals,
                                        LengthWindow lengths) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("management_version", RABBITMQ_API_VERSION);
        m.put("rates_mode", o.ratesMode());
        m.put("exchange_types", List.of(exchangeType("direct"), exchangeType("fanout"), exchangeType("headers"),
                exchangeType("topic")));
        m.put("product_version", o.version());
        m.put("product_name", o.product());
        m.put("rabbitmq_version", RABBITMQ_API_VERSION);
        m.put("cluster_name", node);
        m.put("erlang_version", "none (FerryMQ runs on Java " + Runtime.version().feature() + ")");
        m.put("erlang_full_version", "none (Java " + Runtime.version() + ")");
        m.put("release_series_support_status", "supported");
        m.put("sample_retention_policies", Map.of("global", List.of(600, 3600), "basic", List.of(600), "detailed", List.of(600)));
        m.put("churn_rates", Map.of());
        m.put("disable_stats", false);
        m.put("enable_queue_totals", false);
        m.put("message_stats", messageStats(o.counters(), msgRates));
        if (lengths == null) {
            m.put("queue_totals", Map.of(
                    "messages", o.messages(), "messages_details", details(o.lengthRates().messages()),
                    "messages_ready", o.ready(), "messages_ready_details", details(o.lengthRates().ready()),
                    "messages_unacknowledged", o.unacked(), "messages_unacknowledged_details", details(o.lengthRates().unacked())));
        } else {
            m.put("queue_totals", Map.of(
                    "messages", o.messages(),
                    "messages_details", LengthWindow.details(totals, QueueLengths.Length.MESSAGES, o.messages(), lengths),
                    "messages_ready", o.ready(),
                    "messages_ready_details", LengthWindow.details(totals, QueueLengths.Length.READY, o.ready(), lengths),
                    "messages_unacknowledged", o.unacked(),
                    "messages_unacknowledged_details", LengthWindow.details(totals, QueueLengths.Length.UNACKED, o.unacked(), lengths)));
        }
        m.put("object_totals", Map.of("channels", o.channels(), "connections", o.connections(),
                "consumers", o.consumers(), "exchanges", o.exchanges(), "queues", o.queues()));
        m.put("statistics_db_event_queue", 0);
        m.put("node", node);
        List<Map<String, Object>> listeners = new ArrayList<>();
        List<Map<String, Object>> contexts = new ArrayList<>();
        for (OverviewView.Listener l : o.listeners()) {
            if (l.protocol().startsWith("http")) {
                contexts.add(Map.of("ssl_opts", List.of(), "node", node, "description", "FerryMQ Management",
                        "path", "/", "port", String.valueOf(l.port())));
            } else {
                listeners.add(Map.of("node", node, "protocol", l.protocol(), "ip_address", l.host(), "port", l.port(),
                        "socket_opts", Map.of()));
            }
        }
        m.put("listeners", listeners);
        m.put("contexts", contexts);
        return m;
    }

    private static Map<String, Object> exchangeType(String name) {
        return Map.of("name", name, "description", "AMQP " + name + " exchange, as per the AMQP specification",
                "enabled", true);
    }

    static Map<String, Object> queue(QueueView q, String node) {
        return queue(q, node, null);
    }

    /** A queue; with a {@link LengthWindow} its length details carry samples. */
    static Map<String, Object> queue(QueueView q, String node, LengthWindow window) {
        return queue(q, node, window, null);
    }

    /** A queue; with windows its length details and message-count details carry samples. */
    static Map<String, Object> queue(QueueView q, String node, LengthWindow window, SampleWindow msgRates) {
        return queue(q, node, window, msgRates, msgRates == null ? List.of() : q.counters().history());
    }

    static Map<String, Object> queue(QueueView q, String node, LengthWindow window, SampleWindow msgRates,
                                     List<RateSample> history) {
        QueueLengths lengths = q.counters().lengths();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("arguments", q.arguments());
        m.put("auto_delete", q.autoDelete());
        m.put("consumer_capacity", q.consumers() > 0 ? 1.0 : 0.0);
        m.put("consumer_utilisation", q.consumers() > 0 ? 1.0 : null);
        m.put("consumers", q.consumers());
        m.put("durable", q.durable());
        m.put("effective_policy_definition", Map.of());
        m.put("exclusive", q.exclusive());
        m.put("exclusive_consumer_tag", null);
        m.put("head_message_timestamp", null);
        m.put("message_bytes", q.readyBytes());
        m.put("message_bytes_paged_out", 0);
        m.put("message_bytes_persistent", 0);
        m.put("message_bytes_ram", q.readyBytes());
        m.put("message_bytes_ready", q.readyBytes());
        m.put("message_bytes_unacknowledged", 0);
        m.put("message_stats", messageStats(q.counters(), msgRates, history));
        m.put("messages", q.messages());
        m.put("messages_details", LengthWindow.details(lengths, QueueLengths.Length.MESSAGES, q.messages(), window));
        m.put("messages_paged_out", q.pagedOut());
        m.put("messages_persistent", 0);
        m.put("messages_ram", q.messages() - q.pagedOut());
        m.put("messages_ready", q.ready());
        m.put("messages_ready_details", LengthWindow.details(lengths, QueueLengths.Length.READY, q.ready(), window));
        m.put("messages_ready_ram", q.ready() - q.pagedOut());
        m.put("messages_unacknowledged", q.unacked());
        m.put("messages_unacknowledged_details", LengthWindow.details(lengths, QueueLengths.Length.UNACKED, q.unacked(), window));
        m.put("messages_unacknowledged_ram", q.unacked());
        m.put("name", q.name());
        m.put("node", node);
        m.put("operator_policy", null);
        m.put("policy", null);
        m.put("single_active_consumer_tag", null);
        m.put("state", "running");
        m.put("type", "classic");
        m.put("vhost", q.vhost());
        return m;
    }

    static Map<String, Object> exchange(ExchangeView e) {
        return exchange(e, null);
    }

    /** An exchange; with a {@code msg_rates_age} window its {@code publish_in_details} carry samples. */
    static Map<String, Object> exchange(ExchangeView e, SampleWindow msgRates) {
        return exchange(e, msgRates, msgRates == null ? List.of() : e.counters().history());
    }

    static Map<String, Object> exchange(ExchangeView e, SampleWindow msgRates, List<RateSample> history) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("arguments", e.arguments());
        m.put("auto_delete", e.autoDelete());
        m.put("durable", e.durable());
        m.put("incoming", List.of());
        m.put("internal", e.internal());
        if (!e.name().isEmpty()) {
            Map<String, Object> stats = new LinkedHashMap<>();
            long published = e.counters().total(MessageCounters.Kind.PUBLISH);
            stats.put("publish_in", published);
            stats.put("publish_in_details", countDetails(e.counters(), MessageCounters.Kind.PUBLISH, published,
                    history, msgRates));
            m.put("message_stats", stats);
        }
        m.put("name", e.name());
        m.put("outgoing", List.of());
        m.put("type", e.type());
        m.put("user_who_performed_action", "rmq-internal");
        m.put("vhost", e.vhost());
        return m;
    }

    static Map<String, Object> binding(BindingView b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", b.source());
        m.put("vhost", b.vhost());
        m.put("destination", b.destination());
        m.put("destination_type", b.destinationType());
        m.put("routing_key", b.routingKey());
        m.put("arguments", b.arguments());
        m.put("properties_key", b.propertiesKey());
        return m;
    }

    static Map<String, Object> vhost(VhostView v) {
        return vhost(v, null, null, List.of(), null, List.of());
    }

    /**
     * A vhost as RabbitMQ 3.10 shows it: its queues' lengths and its message counts, each with
     * {@code _details}; with {@code lengths_age} / {@code msg_rates_age} windows those carry
     * samples over {@code history} (the vhost's kept rate samples); its clients' octets
     * ({@code recv_oct}, {@code send_oct}) likewise with {@code data_rates_age} over {@code dataHistory}.
     */
    static Map<String, Object> vhost(VhostView v, LengthWindow lengthWindow, SampleWindow msgRates,
                                     List<RateSample> history, SampleWindow dataRates, List<RateSample> dataHistory) {
        QueueLengths lengths = v.counters().lengths();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.name());
        m.put("description", "");
        m.put("tags", List.of());
        m.put("default_queue_type", "classic");
        m.put("tracing", false);
        putTraffic(m, v.traffic(), false, dataRates, dataHistory);
        m.put("messages", v.messages());
        m.put("messages_details", LengthWindow.details(lengths, QueueLengths.Length.MESSAGES, v.messages(), lengthWindow));
        m.put("messages_ready", v.ready());
        m.put("messages_ready_details", LengthWindow.details(lengths, QueueLengths.Length.READY, v.ready(), lengthWindow));
        m.put("messages_unacknowledged", v.unacked());
        m.put("messages_unacknowledged_details", LengthWindow.details(lengths, QueueLengths.Length.UNACKED, v.unacked(),
                lengthWindow));
        m.put("cluster_state", Map.of());
        m.put("metadata", Map.of("description", "", "tags", List.of()));
        m.put("message_stats", messageStats(v.counters(), msgRates, history));
        return m;
    }

    /**
     * {@code value} (an object, a list of objects, or a page with {@code items}) without its objects'
     * {@code message_stats}: what RabbitMQ answers with {@code rates_mode = none}.
     */
    @SuppressWarnings("unchecked")
    static Object withoutMessageStats(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(RabbitShapes::withoutMessageStats).toList();
        }
        if (value instanceof Map<?, ?> map && (map.containsKey("message_stats") || map.get("items") instanceof List<?>)) {
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
            copy.remove("message_stats");
            if (copy.get("items") instanceof List<?> items) {
                copy.put("items", withoutMessageStats(items));
            }
            return copy;
        }
        return value;
    }

    static Map<String, Object> user(UserView u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", u.name());
        m.put("password_hash", u.passwordHash());
        m.put("hashing_algorithm", UserView.HASHING_ALGORITHM);
        m.put("tags", new ArrayList<>(new TreeSet<>(u.tags())));
        m.put("limits", Map.of());
        return m;
    }

    static Map<String, Object> permission(PermissionDefinition p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user", p.user());
        m.put("vhost", p.vhost());
        m.put("configure", p.configure());
        m.put("write", p.write());
        m.put("read", p.read());
        return m;
    }

    static Map<String, Object> connection(ConnectionView c, String node) {
        return connection(c, node, null, List.of(), null, List.of());
    }

    /**
     * A connection; with a {@code msg_rates_age} window its {@code message_stats} details carry
     * samples over {@code history}, with a {@code data_rates_age} window its octet details over
     * {@code dataHistory}.
     */
    static Map<String, Object> connection(ConnectionView c, String node, SampleWindow msgRates, List<RateSample> history,
                                          SampleWindow dataRates, List<RateSample> dataHistory) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("auth_mechanism", c.authMechanism());
        m.put("channel_max", c.channelMax());
        m.put("channels", c.channels());
        m.put("client_properties", c.clientProperties());
        m.put("connected_at", c.connectedAtMillis());
        m.put("frame_max", c.frameMax());
        m.put("host", c.host());
        m.put("name", c.name());
        m.put("node", node);
        m.put("peer_host", c.peerHost());
        m.put("peer_port", c.peerPort());
        m.put("port", c.port());
        m.put("protocol", c.protocol());
        putTraffic(m, c.traffic(), true, dataRates, dataHistory);
        putTls(m, c.tlsSession());
        m.put("state", c.state());
        m.put("timeout", c.heartbeatSeconds());
        m.put("type", "network");
        m.put("user", c.user());
        m.put("user_provided_name", c.clientProperties().get("connection_name"));
        m.put("user_who_performed_action", c.user());
        m.put("vhost", c.vhost());
        m.put("message_stats", messageStats(c.counters(), msgRates, history));
        return m;
    }

    /** RabbitMQ's TLS fields of a connection: {@code ssl}, and the others null on a plain or vm:// connection. */
    private static void putTls(Map<String, Object> m, TlsSessionView tls) {
        m.put("ssl", tls != null);
        m.put("ssl_protocol", tls == null ? null : tls.protocol());
        m.put("ssl_key_exchange", tls == null ? null : tls.keyExchange());
        m.put("ssl_cipher", tls == null ? null : tls.cipher());
        m.put("ssl_hash", tls == null ? null : tls.hash());
        m.put("peer_cert_subject", tls == null ? null : tls.peerCertSubject());
        m.put("peer_cert_issuer", tls == null ? null : tls.peerCertIssuer());
        m.put("peer_cert_validity", tls == null ? null : tls.peerCertValidity());
    }

    static Map<String, Object> channel(ChannelView ch, String node) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("connection_details", Map.of("name", ch.connectionName(), "peer_host", peerHost(ch.connectionName()),
                "peer_port", peerPort(ch.connectionName())));
        m.put("confirm", ch.confirm());
        m.put("consumer_count", ch.consumerCount());
        m.put("global_prefetch_count", ch.globalPrefetchCount());
        m.put("messages_unacknowledged", ch.unackedCount());
        m.put("messages_uncommitted", 0);
        m.put("message_stats", Map.of());
        m.put("messages_unconfirmed", 0);
        m.put("name", ch.name());
        m.put("node", node);
        m.put("number", ch.number());
        m.put("prefetch_count", ch.prefetchCount());
        m.put("state", "running");
        m.put("transactional", ch.transactional());
        m.put("user", ch.user());
        m.put("user_who_performed_action", ch.user());
        m.put("vhost", ch.vhost());
        return m;
    }

    static Map<String, Object> consumer(ConsumerView c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ack_required", c.ackRequired());
        m.put("active", true);
        m.put("activity_status", "up");
        m.put("arguments", c.arguments());
        m.put("channel_details", Map.of("connection_name", c.connectionName(), "name", c.channelName(),
                "number", channelNumber(c.channelName()), "node", NODE_PLACEHOLDER, "peer_host", peerHost(c.connectionName()),
                "peer_port", peerPort(c.connectionName()), "user", ""));
        m.put("consumer_tag", c.consumerTag());
        m.put("exclusive", c.exclusive());
        m.put("prefetch_count", c.prefetchCount());
        m.put("queue", Map.of("name", c.queue(), "vhost", c.vhost()));
        m.put("ferrymq_unacknowledged", c.unackedCount());
        return m;
    }

    static Map<String, Object> message(MessageView v, String encoding) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("payload_bytes", v.size());
        m.put("redelivered", v.redelivered());
        m.put("exchange", v.exchange());
        m.put("routing_key", v.routingKey());
        m.put("message_count", Math.max(0, v.remaining()));
        m.put("properties", v.properties());
        boolean text = !"base64".equals(encoding) && isUtf8(v.body());
        m.put("payload", text ? new String(v.body(), java.nio.charset.StandardCharsets.UTF_8)
                : Base64.getEncoder().encodeToString(v.body()));
        m.put("payload_encoding", text ? "string" : "base64");
        return m;
    }

    static boolean isUtf8(byte[] bytes) {
        try {
            java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private static String peerHost(String connectionName) {
        int colon = connectionName.indexOf(" -> ");
        String peer = colon < 0 ? connectionName : connectionName.substring(0, colon);
        int port = peer.lastIndexOf(':');
        return port < 0 ? peer : peer.substring(0, port);
    }

    private static int peerPort(String connectionName) {
        int colon = connectionName.indexOf(" -> ");
        String peer = colon < 0 ? connectionName : connectionName.substring(0, colon);
        int port = peer.lastIndexOf(':');
        try {
            return port < 0 ? 0 : Integer.parseInt(peer.substring(port + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int channelNumber(String channelName) {
        int open = channelName.lastIndexOf('(');
        try {
            return Integer.parseInt(channelName.substring(open + 1, channelName.length() - 1));
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
