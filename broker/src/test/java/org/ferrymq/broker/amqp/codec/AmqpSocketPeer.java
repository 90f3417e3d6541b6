package org.ferrymq.broker.amqp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One end of an AMQP socket driven by the codec under test: frames are written with
 * {@link AmqpFrameWriter} and whatever the other end sends is decoded by {@link AmqpFrameDecoder}
 * (frames are symmetric, so the server-side decoder reads a server's frames too). Blocking,
 * single-threaded; for tests only.
 */
final class AmqpSocketPeer implements AutoCloseable {
    /** What {@link #next} returns when the other end closed or reset the socket. */
    static final Object CLOSED = "socket closed";

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final EmbeddedChannel decoder = new EmbeddedChannel(new AmqpFrameDecoder(0));
    private final Deque<Object> pending = new ArrayDeque<>();
    private final List<byte[]> received = new ArrayList<>();

    AmqpSocketPeer(Socket socket, boolean readsProtocolHeader) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        if (!readsProtocolHeader) { // reading a server: its frames come without a protocol header first
            decoder.writeInbound(Unpooled.wrappedBuffer(AmqpFrameWriter.PROTOCOL_HEADER));
            decoder.readInbound();
        }
    }

    static AmqpSocketPeer connect(URI uri) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
        socket.setTcpNoDelay(true);
        return new AmqpSocketPeer(socket, false);
    }

    /** Connects, authenticates with PLAIN, tunes to {@code frameMax}, opens the vhost and channel 1. */
    static AmqpSocketPeer handshake(URI uri, int frameMax) throws IOException {
        AmqpSocketPeer peer = connect(uri);
        String[] userInfo = uri.getUserInfo().split(":", 2);
        String vhost = uri.getPath() == null || uri.getPath().length() <= 1 ? "/" : uri.getPath().substring(1);
        peer.sendBytes(AmqpFrameWriter.PROTOCOL_HEADER);
        peer.expectMethod(AmqpConnectionStart.class);
        byte[] response = ("\0" + userInfo[0] + "\0" + userInfo[1]).getBytes(StandardCharsets.UTF_8);
        peer.send(buf -> AmqpFrameWriter.writeMethod(buf, 0,
                new AmqpConnectionStartOk(Map.of("product", "ferrymq-codec-test"), "PLAIN", response, "en_US")));
        AmqpConnectionTune tune = peer.expectMethod(AmqpConnectionTune.class);
        peer.send(buf -> {
            AmqpFrameWriter.writeMethod(buf, 0, new AmqpConnectionTuneOk(tune.channelMax(), frameMax, 0));
            AmqpFrameWriter.writeMethod(buf, 0, new AmqpConnectionOpen(vhost));
        });
        peer.expectMethod(AmqpConnectionOpenOk.class);
        peer.send(buf -> AmqpFrameWriter.writeMethod(buf, 1, AmqpChannelOpen.INSTANCE));
        peer.expectMethod(AmqpChannelOpenOk.class);
        return peer;
    }

    void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void send(Consumer<ByteBuf> writer) throws IOException {
        ByteBuf buf = Unpooled.buffer();
        writer.accept(buf);
        sendBytes(AmqpCodecTestSupport.bytesOf(buf));
    }

    /** The next frame (or protocol header) from the other end, {@link #CLOSED}, or null after {@code timeout}. */
    Object next(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] chunk = new byte[65536];
        while (pending.isEmpty()) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return null;
            }
            socket.setSoTimeout((int) Math.max(1, left));
            int n;
            try {
                n = in.read(chunk);
            } catch (SocketTimeoutException e) {
                return null;
            } catch (IOException e) { // connection reset
                return CLOSED;
            }
            if (n < 0) {
                return CLOSED;
            }
            byte[] bytes = java.util.Arrays.copyOf(chunk, n);
            received.add(bytes);
            decoder.writeInbound(Unpooled.wrappedBuffer(bytes));
            for (Object frame; (frame = decoder.readInbound()) != null; ) {
                pending.add(frame);
            }
        }
        return pending.poll();
    }

    /** The next method frame's method, skipping heartbeats; fails on anything else. */
    <M extends AmqpMethod> M expectMethod(Class<M> type) throws IOException {
        Object frame = next(Duration.ofSeconds(5));
        while (frame instanceof AmqpHeartbeatFrame) {
            frame = next(Duration.ofSeconds(5));
        }
        if (!(frame instanceof AmqpMethodFrame methodFrame) || !type.isInstance(methodFrame.method())) {
            throw new AssertionError("expected " + type.getSimpleName() + ", got " + frame);
        }
        return type.cast(methodFrame.method());
    }

    /** Every byte received so far, in order (for captures). */
    byte[] receivedBytes() {
        return AmqpCodecTestSupport.concat(received.toArray(new byte[0][]));
    }

    @Override
    public void close() throws IOException {
        socket.close();
        decoder.finishAndReleaseAll();
        for (Object frame : pending) {
            if (frame instanceof AmqpContentBodyFrame body) {
                body.payload().release();
            }
        }
    }
}
