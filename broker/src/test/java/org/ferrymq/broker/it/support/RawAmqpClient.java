package org.ferrymq.broker.it.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * AMQP 0-9-1 spoken by hand over a plain socket (spec section 4.2 framing), for tests that must
 * do what a well-behaved client library never does: wrong protocol headers, silence, garbage,
 * oversized frames, methods on unopened channels.
 *
 * <p>Not thread-safe; one test thread drives it.
 */
public final class RawAmqpClient implements AutoCloseable {
    public static final byte[] AMQP_0_9_1 = {'A', 'M', 'Q', 'P', 0, 0, 9, 1};
    public static final int FRAME_METHOD = 1;
    public static final int FRAME_HEADER = 2;
    public static final int FRAME_BODY = 3;
    public static final int FRAME_HEARTBEAT = 8;
    public static final int FRAME_END = 0xCE;

    /** One frame as read from the wire. */
    public record Frame(int type, int channel, byte[] payload) {
        public boolean isMethod(int classId, int methodId) {
            return type == FRAME_METHOD && payload.length >= 4 && reader().u16() == classId
                    && ByteBuffer.wrap(payload, 2, 2).getShort() == methodId;
        }

        public int classId() {
            return reader().u16();
        }

        public int methodId() {
            Reader r = reader();
            r.u16();
            return r.u16();
        }

        /** A reader positioned after the class and method ids. */
        public Reader arguments() {
            Reader r = reader();
            r.u16();
            r.u16();
            return r;
        }

        public Reader reader() {
            return new Reader(payload);
        }
    }

    /** connection.close or channel.close arguments. */
    public record Close(int replyCode, String replyText, int classId, int methodId) {
    }

    /** connection.tune arguments. */
    public record Tune(int channelMax, long frameMax, int heartbeat) {
    }

    /**
     * client-properties declaring capabilities.authentication_failure_close, without which
     * RabbitMQ answers a failed login by just closing the socket.
     */
    public static final byte[] CLIENT_PROPERTIES = new Writer().shortStr("capabilities").u8('F')
            .table(new Writer().shortStr("authentication_failure_close").u8('t').u8(1).bytes()).bytes();

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    public RawAmqpClient(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(5000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    public void readTimeout(Duration timeout) throws SocketException {
        socket.setSoTimeout((int) timeout.toMillis());
    }

    public void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public void sendProtocolHeader() throws IOException {
        sendBytes(AMQP_0_9_1);
    }

    /** Reads exactly n bytes. */
    public byte[] readBytes(int n) throws IOException {
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    public Frame readFrame() throws IOException {
        int type = in.readUnsignedByte();
        int channel = in.readUnsignedShort();
        int size = in.readInt();
        byte[] payload = new byte[size];
        in.readFully(payload);
        int end = in.readUnsignedByte();
        if (end != FRAME_END) {
            throw new IOException("bad frame end " + end);
        }
        return new Frame(type, channel, payload);
    }

    /** The next frame that is not a heartbeat. */
    public Frame readNonHeartbeat() throws IOException {
        while (true) {
            Frame f = readFrame();
            if (f.type() != FRAME_HEARTBEAT) {
                return f;
            }
        }
    }

    public void sendFrame(int type, int channel, byte[] payload) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
        b.put((byte) type).putShort((short) channel).putInt(payload.length).put(payload).put((byte) FRAME_END);
        sendBytes(b.array());
    }

    public void sendMethod(int channel, int classId, int methodId, Writer args) throws IOException {
        Writer w = new Writer().u16(classId).u16(methodId);
        w.raw(args.bytes());
        sendFrame(FRAME_METHOD, channel, w.bytes());
    }

    public void sendHeartbeat() throws IOException {
        sendFrame(FRAME_HEARTBEAT, 0, new byte[0]);
    }

    /** Header, start/start-ok (PLAIN), tune/tune-ok with the given values; returns the server's tune. */
    public Tune negotiate(String user, String password, int channelMax, int frameMax, int heartbeat) throws IOException {
        sendProtocolHeader();
        Frame start = readFrame();
        expectMethod(start, 10, 10);
        byte[] response = ("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8);
        sendMethod(0, 10, 11, new Writer().table(CLIENT_PROPERTIES).shortStr("PLAIN").longStr(response).shortStr("en_US"));
        Frame tune = readFrame();
        expectMethod(tune, 10, 30);
        Reader r = tune.arguments();
        Tune serverTune = new Tune(r.u16(), r.u32(), r.u16());
        sendMethod(0, 10, 31, new Writer().u16(channelMax).u32(frameMax).u16(heartbeat));
        return serverTune;
    }

    /** {@link #negotiate} then connection.open on the vhost; returns the server's tune. */
    public Tune handshake(String user, String password, String vhost, int channelMax, int frameMax, int heartbeat)
            throws IOException {
        Tune t = negotiate(user, password, channelMax, frameMax, heartbeat);
        sendMethod(0, 10, 40, new Writer().shortStr(vhost).shortStr("").u8(0));
        expectMethod(readNonHeartbeat(), 10, 41);
        return t;
    }

    /** A full handshake as guest on "/" with the server's limits and no heartbeats. */
    public Tune handshake(BrokerTarget target) throws IOException {
        return handshake(target.username(), target.password(), target.vhost(), 2047, 131072, 0);
    }

    public void openChannel(int channel) throws IOException {
        sendMethod(channel, 20, 10, new Writer().shortStr(""));
        expectMethod(readNonHeartbeat(), 20, 11);
    }

    /** Reads frames (skipping heartbeats and anything else) until connection.close; returns its arguments. */
    public Close expectConnectionClose() throws IOException {
        while (true) {
            Frame f = readNonHeartbeat();
            if (f.channel() == 0 && f.isMethod(10, 50)) {
                Reader r = f.arguments();
                return new Close(r.u16(), r.shortStr(), r.u16(), r.u16());
            }
        }
    }

    /** Reads frames until connection.close (returned) or the end of the stream (null). */
    public Close closeOrEof() throws IOException {
        try {
            return expectConnectionClose();
        } catch (EOFException | SocketException e) {
            return null;
        }
    }

    /** Reads frames until channel.close on the channel; returns its arguments. */
    public Close expectChannelClose(int channel) throws IOException {
        while (true) {
            Frame f = readNonHeartbeat();
            if (f.channel() == channel && f.isMethod(20, 40)) {
                Reader r = f.arguments();
                return new Close(r.u16(), r.shortStr(), r.u16(), r.u16());
            }
            if (f.channel() == 0 && f.isMethod(10, 50)) {
                Reader r = f.arguments();
                throw new AssertionError("connection closed instead of channel: " + new Close(r.u16(), r.shortStr(), r.u16(), r.u16()));
            }
        }
    }

    public void sendConnectionCloseOk() throws IOException {
        sendMethod(0, 10, 51, new Writer());
    }

    /**
     * True if the server closes the socket within the timeout (any frames before that are
     * discarded); false if it is still open when the time is up.
     */
    public boolean closedWithin(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buf = new byte[4096];
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            socket.setSoTimeout((int) Math.max(1, left));
            try {
                if (in.read(buf) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                return false;
            } catch (SocketException e) {
                return true; // reset by peer
            }
        }
    }

    public static void expectMethod(Frame f, int classId, int methodId) {
        if (!f.isMethod(classId, methodId)) {
            String what = f.type() == FRAME_METHOD ? f.classId() + "." + f.methodId() : "frame type " + f.type();
            if (f.isMethod(10, 50)) {
                Reader r = f.arguments();
                what += " " + new Close(r.u16(), r.shortStr(), r.u16(), r.u16());
            }
            throw new AssertionError("expected method " + classId + "." + methodId + " but got " + what);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Encodes AMQP argument fields (spec section 4.2.5). */
    public static final class Writer {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

        public Writer u8(int v) {
            buf.write(v);
            return this;
        }

        public Writer u16(int v) {
            buf.write(v >>> 8);
            buf.write(v);
            return this;
        }

        public Writer u32(long v) {
            buf.write((int) (v >>> 24));
            buf.write((int) (v >>> 16));
            buf.write((int) (v >>> 8));
            buf.write((int) v);
            return this;
        }

        public Writer u64(long v) {
            u32(v >>> 32);
            return u32(v & 0xffffffffL);
        }

        public Writer shortStr(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            buf.write(b.length);
            buf.writeBytes(b);
            return this;
        }

        public Writer longStr(byte[] b) {
            u32(b.length);
            buf.writeBytes(b);
            return this;
        }

        /** A field table whose encoded entries are given (empty array for an empty table). */
        public Writer table(byte[] entries) {
            return longStr(entries);
        }

        public Writer raw(byte[] b) {
            buf.writeBytes(b);
            return this;
        }

        public byte[] bytes() {
            return buf.toByteArray();
        }
    }

    /** Decodes AMQP argument fields. */
    public static final class Reader {
        private final ByteBuffer b;

        public Reader(byte[] payload) {
            b = ByteBuffer.wrap(payload);
        }

        public int u8() {
            return b.get() & 0xff;
        }

        public int u16() {
            return b.getShort() & 0xffff;
        }

        public long u32() {
            return b.getInt() & 0xffffffffL;
        }

        public String shortStr() {
            byte[] s = new byte[u8()];
            b.get(s);
            return new String(s, StandardCharsets.UTF_8);
        }

        public byte[] longStr() {
            byte[] s = new byte[(int) u32()];
            b.get(s);
            return s;
        }

        /** Skips a field table. */
        public void skipTable() {
            longStr();
        }
    }

    /** Thrown by {@link #readFrame()} at end of stream. */
    public static boolean isEof(IOException e) {
        return e instanceof EOFException || e instanceof SocketException;
    }
}
