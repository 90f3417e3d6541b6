package org.ferrymq.testsupport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Command;
import com.rabbitmq.client.impl.AMQImpl;
import com.rabbitmq.client.impl.LongStringHelper;
import com.rabbitmq.client.impl.Method;
import com.rabbitmq.client.impl.MethodArgumentWriter;

/**
 * FerryMQ's {@code tx.xa} spoken with the unmodified RabbitMQ Java client, as the README's
 * extension table describes it: a method of class 90 id 100 sent through {@code Channel.rpc},
 * answered by a {@code basic.get-ok} whose message-count is the XA code. Test-only twin of what
 * the JMS provider does, so the broker's and the console's tests make real XA branches without
 * the provider (which neither may depend on). Stateless; each call runs on the caller's thread.
 */
public final class XaWire {
    public static final int START = 1, END = 2, PREPARE = 3, COMMIT = 4, ROLLBACK = 5, FORGET = 6, RECOVER = 7,
            IDENTIFY = 8;

    /** An Xid as the wire carries it: format id, global transaction id, branch qualifier. */
    public record Xid(int format, byte[] global, byte[] branch) {
        /** Format 4242, the given global id, branch qualifier {1}. */
        public static Xid of(String global) {
            return new Xid(4242, global.getBytes(StandardCharsets.UTF_8), new byte[] {1});
        }
    }

    /** The XA code (the get-ok's message-count) and the body (an error text, or recover's Xids). */
    public record Reply(int code, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The Xids of a recover reply. */
        public List<Xid> xids() {
            ByteBuffer in = ByteBuffer.wrap(body);
            int n = in.getInt();
            List<Xid> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int format = in.getInt();
                byte[] g = new byte[in.get() & 0xff];
                in.get(g);
                byte[] b = new byte[in.get() & 0xff];
                in.get(b);
                out.add(new Xid(format, g, b));
            }
            return out;
        }
    }

    private XaWire() {
    }

    /** Sends one {@code tx.xa} and waits for its reply; {@code timeout} in seconds (0: the broker's). */
    public static Reply call(Channel channel, int operation, Xid xid, int flags, int timeout) throws IOException {
        Command reply = channel.rpc(new TxXa(operation, flags, xid, timeout));
        AMQP.Basic.GetOk ok = (AMQP.Basic.GetOk) reply.getMethod();
        return new Reply(ok.getMessageCount(), reply.getContentBody() == null ? new byte[0] : reply.getContentBody());
    }

    /** As {@link #call(Channel, int, Xid, int, int)} with the broker's timeout. */
    public static Reply call(Channel channel, int operation, Xid xid, int flags) throws IOException {
        return call(channel, operation, xid, flags, 0);
    }

    /** The request: operation, flags, format id, global id, branch qualifier, timeout. */
    public static final class TxXa extends Method {
        private final int operation;
        private final int flags;
        private final Xid xid;
        private final int timeout;

        public TxXa(int operation, int flags, Xid xid, int timeout) {
            this.operation = operation;
            this.flags = flags;
            this.xid = xid == null ? new Xid(0, new byte[0], new byte[0]) : xid;
            this.timeout = timeout;
        }

        @Override public int protocolClassId() { return 90; }
        @Override public int protocolMethodId() { return 100; }
        @Override public String protocolMethodName() { return "tx.xa"; }
        @Override public boolean hasContent() { return false; }

        @Override
        public Object visit(AMQImpl.MethodVisitor visitor) {
            throw new UnsupportedOperationException("tx.xa is sent, never visited");
        }

        @Override
        public void writeArgumentsTo(MethodArgumentWriter writer) throws IOException {
            writer.writeShort(operation);
            writer.writeLong(flags);
            writer.writeLong(xid.format());
            writer.writeLongstr(LongStringHelper.asLongString(xid.global()));
            writer.writeLongstr(LongStringHelper.asLongString(xid.branch()));
            writer.writeLong(timeout);
        }
    }
}
