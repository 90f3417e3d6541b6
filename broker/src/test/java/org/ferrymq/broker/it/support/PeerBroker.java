package org.ferrymq.broker.it.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

import org.junit.jupiter.api.Assumptions;

/**
 * The RabbitMQ 3.10 peer named by the environment variable {@code RABBITMQ_PEER_URI} (or the
 * system property {@code ferrymq.peer.uri}), for tests that run the same raw frames against
 * FerryMQ and RabbitMQ to prove both answer alike. Without the variable, or when nothing
 * listens there, the RabbitMQ half of such a test is skipped (aborted), never passed.
 */
public final class PeerBroker {
    private PeerBroker() {
    }

    /** The peer's URI, or null when none is configured. */
    public static URI uri() {
        String uri = System.getProperty("ferrymq.peer.uri", System.getenv("RABBITMQ_PEER_URI"));
        return uri == null || uri.isBlank() ? null : URI.create(uri.trim());
    }

    /** A raw client connected to the peer; aborts the test when there is none. */
    public static RawAmqpClient raw() throws IOException {
        URI uri = uri();
        Assumptions.assumeTrue(uri != null, "RABBITMQ_PEER_URI is not set");
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(uri.getHost(), port(uri)), 2000);
        } catch (IOException e) {
            Assumptions.abort("no RabbitMQ peer at " + uri + ": " + e);
        }
        return new RawAmqpClient(uri.getHost(), port(uri));
    }

    public static int port(URI uri) {
        return uri.getPort() == -1 ? 5672 : uri.getPort();
    }

    public static String username() {
        URI uri = uri();
        return uri == null || uri.getUserInfo() == null ? "guest" : uri.getUserInfo().split(":", 2)[0];
    }

    public static String password() {
        URI uri = uri();
        if (uri == null || uri.getUserInfo() == null) {
            return "guest";
        }
        String[] parts = uri.getUserInfo().split(":", 2);
        return parts.length > 1 ? parts[1] : "";
    }
}
