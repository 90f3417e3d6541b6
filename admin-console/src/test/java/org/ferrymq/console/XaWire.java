package org.ferrymq.console;

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
 * FerryMQ's {@code tx.xa} wire extension spoken with the unmodified RabbitMQ Java client (class 90,
 * method 100 through {@code Channel.rpc}, answered by a {@code basic.get-ok} whose message-count is
 * the XA code), so the console's tests make real XA branches without the JMS provider (which the
 * console may not depend on). Twin of the broker tests' {@code it.xa.XaWire}.
 */
final class XaWire {
    static final int START = 1, END = 2, PREPARE = 3, COMMIT = 4, ROLLBACK = 5, RECOVER = 7;

    record Xid(int format, byte[] global, byte[] branch) {
        static Xid of(String global) {
            return new Xid(4242, global.getBytes(StandardCharsets.UTF_8), new byte[] {1});
        }
    }

    record Reply(int code, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        List<String> globalIds() {
            ByteBuffer in = ByteBuffer.wrap(body);
            int n = in.getInt();
            List<String> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                in.getInt();
                byte[] g = new byte[in.get() & 0xff];
                in.get(g);
                in.get(new byte[in.get() & 0xff]);
                out.add(new String(g, StandardCharsets.UTF_8));
            }
            return out;
        }
    }

    private XaWire() {
    }

    static Reply call(Channel channel, int operation, Xid xid, int flags) throws IOException {
        Command reply = channel.rpc(new TxXa(operation, flags, xid));
        AMQP.Basic.GetOk ok = (AMQP.Basic.GetOk) reply.getMethod();
        return new Reply(ok.getMessageCount(), reply.getContentBody() == null ? new byte[0] : reply.getContentBody());
    }

    /** The request: operation, flags, format id, global id, branch qualifier, timeout (0: the broker's). */
    private static final class TxXa extends Method {
        private final int operation;
        private final int flags;
        private final Xid xid;

        TxXa(int operation, int flags, Xid xid) {
            this.operation = operation;
            this.flags = flags;
            this.xid = xid == null ? new Xid(0, new byte[0], new byte[0]) : xid;
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
            writer.writeLong(0);
        }
    }
}
