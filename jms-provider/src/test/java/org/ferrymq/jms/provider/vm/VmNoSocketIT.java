package org.ferrymq.jms.provider.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import com.rabbitmq.client.ConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.junit.jupiter.api.Test;

/**
 * vm:// uses no socket: while vm connections send and receive, the kernel shows no TCP
 * connection to the broker's AMQP port; one RabbitMQ-client connection over TCP shows up
 * in the same count (so the probe does see sockets). Linux only (reads /proc/net/tcp*).
 */
class VmNoSocketIT extends VmTestBase {

    @Test
    void messagesFlowWithoutAnyTcpConnectionToTheBroker() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "needs Linux /proc/net/tcp");
        int port = VmTestBroker.broker().amqpPort();
        int before = establishedTo(port);

        Connection c = started();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(VmTestBroker.name("no-socket"));
        MessageConsumer in = s.createConsumer(q);
        s.createProducer(q).send(s.createTextMessage("over a LocalChannel"));
        assertEquals("over a LocalChannel", ((TextMessage) in.receive(5000)).getText());
        assertEquals(before, establishedTo(port), "vm:// opened a TCP connection to the broker");

        ConnectionFactory tcp = new ConnectionFactory();
        tcp.setHost("127.0.0.1");
        tcp.setPort(port);
        try (com.rabbitmq.client.Connection socket = tcp.newConnection("vm-it-probe-check")) {
            assertTrue(socket.isOpen());
            assertEquals(before + 1, establishedTo(port), "the probe must see a real TCP connection");
        }
    }

    /** Established TCP connections whose local port is {@code port} (the broker's end of each). */
    private static int establishedTo(int port) throws IOException {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        int count = 0;
        for (String file : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            Path path = Path.of(file);
            if (!Files.isReadable(path)) {
                continue;
            }
            List<String> lines = Files.readAllLines(path);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && f[1].endsWith(hexPort) && "01".equals(f[3])) {
                    count++;
                }
            }
        }
        return count;
    }
}
