package org.ferrymq.jms.provider.amqp;

import java.io.IOException;

import com.rabbitmq.client.impl.AMQImpl;
import com.rabbitmq.client.impl.LongStringHelper;
import com.rabbitmq.client.impl.Method;
import com.rabbitmq.client.impl.MethodArgumentWriter;

import org.ferrymq.jms.provider.XaRequest;

/**
 * FerryMQ's {@code tx.xa} (class 90, method 100) as a RabbitMQ Java client method, so the
 * unmodified client can send it with {@code Channel.rpc}; the broker answers with a standard
 * {@code basic.get-ok}, which the client decodes as usual. Immutable.
 */
final class TxXaMethod extends Method {
    private final XaRequest request;

    TxXaMethod(XaRequest request) {
        this.request = request;
    }

    @Override
    public int protocolClassId() {
        return 90;
    }

    @Override
    public int protocolMethodId() {
        return 100;
    }

    @Override
    public String protocolMethodName() {
        return "tx.xa";
    }

    @Override
    public boolean hasContent() {
        return false;
    }

    @Override
    public Object visit(AMQImpl.MethodVisitor visitor) {
        throw new UnsupportedOperationException("tx.xa is only ever sent");
    }

    @Override
    public void writeArgumentsTo(MethodArgumentWriter writer) throws IOException {
        writer.writeShort(request.operation());
        writer.writeLong(request.flags());
        writer.writeLong(request.formatId());
        writer.writeLongstr(LongStringHelper.asLongString(request.globalId()));
        writer.writeLongstr(LongStringHelper.asLongString(request.branchQualifier()));
        writer.writeLong(request.timeoutSeconds());
    }
}
