package org.ferrymq.broker.amqp.codec;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A minimal AMQP server made only of the codec, to capture what real clients send: it accepts
 * one connection, answers the handshake and the few synchronous methods a client script uses
 * (queue.declare, confirm.select, channel/connection close), acks publishes in confirm mode,
 * and records every command it decoded. Not a broker: no routing, no storage.
 */
final class AmqpScriptedServer implements AutoCloseable {
    private final ServerSocket server;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "amqp-scripted-server");
        t.setDaemon(true);
        return t;
    });
    private final CompletableFuture<Capture> capture;

    /** What the client sent: its protocol header, every command, and all its bytes. */
    record Capture(AmqpProtocolHeader header, List<AmqpCommand> commands, byte[] bytes) {
        <M extends AmqpMethod> M first(Class<M> type) {
            return commands.stream().map(AmqpCommand::method).filter(type::isInstance).map(type::cast).findFirst()
                    .orElseThrow(() -> new AssertionError("client sent no " + type.getSimpleName() + ": " + commands));
        }

        AmqpCommand firstWithContent() {
            return commands.stream().filter(AmqpCommand::hasContent).findFirst()
                    .orElseThrow(() -> new AssertionError("client sent no content: " + commands));
        }
    }

    AmqpScriptedServer() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        capture = CompletableFuture.supplyAsync(this::serveOne, thread);
    }

    int port() {
        return server.getLocalPort();
    }

    Capture capture(Duration timeout) throws Exception {
        return capture.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private Capture serveOne() {
        try (Socket socket = server.accept(); AmqpSocketPeer peer = new AmqpSocketPeer(socket, true)) {
            AmqpProtocolHeader header = (AmqpProtocolHeader) peer.next(Duration.ofSeconds(10));
            peer.send(buf -> AmqpFrameWriter.writeMethod(buf, 0, new AmqpConnectionStart(0, 9, Map.of(
                    "product", "FerryMQ codec test",
                    "capabilities", Map.of("publisher_confirms", true, "basic.nack", true,
                            "consumer_cancel_notify", true, "exchange_exchange_bindings", true,
                            "authentication_failure_close", true)), "PLAIN AMQPLAIN", "en_US")));
            List<AmqpCommand> commands = new ArrayList<>();
            Map<Integer, AmqpCommandAssembler> assemblers = new HashMap<>();
            Map<Integer, Long> confirmSequence = new HashMap<>();
            while (true) {
                Object next = peer.next(Duration.ofSeconds(10));
                if (next == null || next == AmqpSocketPeer.CLOSED) {
                    return new Capture(header, commands, peer.receivedBytes());
                }
                AmqpFrame frame = (AmqpFrame) next;
                AmqpCommand command = assemblers.computeIfAbsent(frame.channel(), c -> new AmqpCommandAssembler(1 << 20))
                        .accept(frame);
                if (command == null) {
                    continue;
                }
                commands.add(command);
                int ch = command.channel();
                AmqpMethod reply = reply(command, confirmSequence);
                if (reply != null) {
                    peer.send(buf -> AmqpFrameWriter.writeMethod(buf, ch, reply));
                }
                if (reply instanceof AmqpConnectionCloseOk) {
                    return new Capture(header, commands, peer.receivedBytes());
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static AmqpMethod reply(AmqpCommand command, Map<Integer, Long> confirmSequence) {
        AmqpMethod method = command.method();
        int ch = command.channel();
        if (method instanceof AmqpConnectionStartOk) {
            return new AmqpConnectionTune(2047, 131072, 0);
        } else if (method instanceof AmqpConnectionOpen) {
            return new AmqpConnectionOpenOk();
        } else if (method instanceof AmqpChannelOpen) {
            return AmqpChannelOpenOk.INSTANCE;
        } else if (method instanceof AmqpConfirmSelect select) {
            confirmSequence.put(ch, 0L);
            return select.noWait() ? null : AmqpConfirmSelectOk.INSTANCE;
        } else if (method instanceof AmqpQueueDeclare declare) {
            return declare.noWait() ? null : new AmqpQueueDeclareOk(declare.queue(), 0, 0);
        } else if (method instanceof AmqpBasicPublish) {
            return confirmSequence.containsKey(ch) ? new AmqpBasicAck(confirmSequence.merge(ch, 1L, Long::sum), false) : null;
        } else if (method instanceof AmqpChannelClose) {
            return AmqpChannelCloseOk.INSTANCE;
        } else if (method instanceof AmqpConnectionClose) {
            return AmqpConnectionCloseOk.INSTANCE;
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
        thread.shutdownNow();
    }
}
