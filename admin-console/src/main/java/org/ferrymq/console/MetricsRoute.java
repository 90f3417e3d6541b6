package org.ferrymq.console;

import java.util.List;

import io.javalin.Javalin;
import io.javalin.http.Context;

import org.ferrymq.broker.management.BrokerManagement;
import org.ferrymq.broker.management.MessageCounters;
import org.ferrymq.broker.management.OverviewView;
import org.ferrymq.broker.management.QueueView;
import org.ferrymq.broker.management.TrafficCounters;
import org.ferrymq.broker.management.VhostView;

/**
 * Prometheus metrics in the text exposition format, named as {@code rabbitmq_prometheus} names
 * them where they mean the same, so RabbitMQ's Grafana dashboards work: {@code /metrics}
 * aggregates (as rabbitmq_prometheus does by default), {@code /metrics/per-object} adds a series
 * per queue with {@code vhost} and {@code queue} labels. Like rabbitmq_prometheus these are served
 * without login (scrapers rarely log in); they show counts, never names of users or messages
 * beyond queue names in per-object mode.
 */
final class MetricsRoute {
    private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";
    private final Api api;

    MetricsRoute(Api api) {
        this.api = api;
    }

    void register(Javalin app) {
        app.get("/metrics", ctx -> scrape(ctx, false));
        app.get("/metrics/per-object", ctx -> scrape(ctx, true));
    }

    private void scrape(Context ctx, boolean perObject) {
        StringBuilder out = new StringBuilder(perObject ? 1 << 20 : 4096);
        OverviewView o = api.management.overview();
        String cluster = escape(api.node);
        gauge(out, "rabbitmq_identity_info", "RabbitMQ node & cluster identity info",
                "{rabbitmq_node=\"" + cluster + "\",rabbitmq_cluster=\"" + cluster
                        + "\",rabbitmq_cluster_permanent_id=\"" + cluster + "\"}", 1);
        gauge(out, "rabbitmq_build_info", "RabbitMQ & Erlang/OTP version info",
                "{rabbitmq_version=\"" + RabbitShapes.RABBITMQ_API_VERSION + "\",product_name=\"FerryMQ\",product_version=\""
                        + escape(BrokerManagement.version()) + "\",prometheus_plugin_version=\"" + RabbitShapes.RABBITMQ_API_VERSION
                        + "\",erlang_version=\"none\"}", 1);
        gauge(out, "rabbitmq_queues", "Queues available", "", o.queues());
        gauge(out, "rabbitmq_connections", "Connections currently open", "", o.connections());
        gauge(out, "rabbitmq_channels", "Channels currently open", "", o.channels());
        gauge(out, "rabbitmq_consumers", "Consumers currently connected", "", o.consumers());
        MessageCounters c = o.counters();
        counter(out, "rabbitmq_global_messages_received_total", "Total number of messages received from publishers",
                c.total(MessageCounters.Kind.PUBLISH));
        counter(out, "rabbitmq_global_messages_delivered_total", "Total number of messages delivered to consumers",
                c.total(MessageCounters.Kind.DELIVER_GET));
        counter(out, "rabbitmq_global_messages_acknowledged_total", "Total number of message acknowledgements received from consumers",
                c.total(MessageCounters.Kind.ACK));
        counter(out, "rabbitmq_global_messages_redelivered_total", "Total number of messages redelivered to consumers",
                c.total(MessageCounters.Kind.REDELIVER));
        counter(out, "rabbitmq_global_messages_confirmed_total", "Total number of messages confirmed to publishers",
                c.total(MessageCounters.Kind.CONFIRM));
        counter(out, "rabbitmq_global_messages_unroutable_returned_total",
                "Total number of messages published as mandatory into an exchange and returned to the publisher as unroutable",
                c.total(MessageCounters.Kind.RETURN_UNROUTABLE));
        counter(out, "rabbitmq_global_messages_unroutable_dropped_total",
                "Total number of messages published as non-mandatory into an exchange and dropped as unroutable",
                c.total(MessageCounters.Kind.DROP_UNROUTABLE));
        // octets and socket reads/writes of every connection so far, closed ones included (the vhosts'
        // totals), so the counters never fall as rabbitmq_prometheus's sums over open connections do
        long[] traffic = new long[4];
        for (VhostView v : api.management.vhosts()) {
            TrafficCounters t = v.traffic();
            traffic[0] += t.recvOct();
            traffic[1] += t.sendOct();
            traffic[2] += t.recvCnt();
            traffic[3] += t.sendCnt();
        }
        counter(out, "rabbitmq_connection_incoming_bytes_total", "Total number of bytes received on a connection", traffic[0]);
        counter(out, "rabbitmq_connection_outgoing_bytes_total", "Total number of bytes sent on a connection", traffic[1]);
        counter(out, "rabbitmq_connection_incoming_packets_total", "Total number of packets received on a connection",
                traffic[2]);
        counter(out, "rabbitmq_connection_outgoing_packets_total", "Total number of packets sent on a connection", traffic[3]);
        Runtime rt = Runtime.getRuntime();
        gauge(out, "rabbitmq_process_resident_memory_bytes", "Memory used in bytes (JVM heap in use)", "",
                rt.totalMemory() - rt.freeMemory());
        gauge(out, "rabbitmq_resident_memory_limit_bytes", "Memory high watermark in bytes (JVM max heap)", "", rt.maxMemory());
        if (!perObject) {
            gauge(out, "rabbitmq_queue_messages_ready", "Messages ready to be delivered to consumers", "", o.ready());
            gauge(out, "rabbitmq_queue_messages_unacked", "Messages delivered to consumers but not yet acknowledged", "",
                    o.unacked());
            gauge(out, "rabbitmq_queue_messages", "Sum of ready and unacknowledged messages - total queue depth", "",
                    o.messages());
            gauge(out, "rabbitmq_queue_messages_bytes", "Size in bytes of ready and unacknowledged messages", "",
                    o.readyBytes());
            gauge(out, "rabbitmq_queue_consumers", "Consumers on a queue", "", o.consumers());
        } else {
            List<QueueView> queues = api.management.queues(null);
            header(out, "rabbitmq_queue_messages_ready", "gauge", "Messages ready to be delivered to consumers");
            queues.forEach(q -> sample(out, "rabbitmq_queue_messages_ready", labels(q), q.ready()));
            header(out, "rabbitmq_queue_messages_unacked", "gauge", "Messages delivered to consumers but not yet acknowledged");
            queues.forEach(q -> sample(out, "rabbitmq_queue_messages_unacked", labels(q), q.unacked()));
            header(out, "rabbitmq_queue_messages", "gauge", "Sum of ready and unacknowledged messages - total queue depth");
            queues.forEach(q -> sample(out, "rabbitmq_queue_messages", labels(q), q.messages()));
            header(out, "rabbitmq_queue_messages_bytes", "gauge", "Size in bytes of ready and unacknowledged messages");
            queues.forEach(q -> sample(out, "rabbitmq_queue_messages_bytes", labels(q), q.readyBytes()));
            header(out, "rabbitmq_queue_consumers", "gauge", "Consumers on a queue");
            queues.forEach(q -> sample(out, "rabbitmq_queue_consumers", labels(q), q.consumers()));
            header(out, "rabbitmq_queue_messages_published_total", "counter", "Total number of messages published to queues");
            queues.forEach(q -> sample(out, "rabbitmq_queue_messages_published_total", labels(q),
                    q.counters().total(MessageCounters.Kind.PUBLISH)));
        }
        ctx.contentType(TEXT_FORMAT).result(out.toString());
    }

    private static String labels(QueueView q) {
        return "{vhost=\"" + escape(q.vhost()) + "\",queue=\"" + escape(q.name()) + "\"}";
    }

    /** Label values escape backslash, double quote and newline (the text format's rules). */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String name, String labels, long value) {
        out.append(name).append(labels).append(' ').append(value).append('\n');
    }

    private static void gauge(StringBuilder out, String name, String help, String labels, long value) {
        header(out, name, "gauge", help);
        sample(out, name, labels, value);
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        header(out, name, "counter", help);
        sample(out, name, "", value);
    }
}
