package org.ferrymq.jms.provider.amqp;

import java.io.IOException;

import com.rabbitmq.client.impl.AMQImpl;
import com.rabbitmq.client.impl.Method;
import com.rabbitmq.client.impl.MethodArgumentWriter;

import org.ferrymq.broker.amqp.codec.AmqpTxXa;

/**
 * FerryMQ's {@code tx.xa} as a RabbitMQ Java client method, so the unmodified client can send it
 * with {@code Channel.rpc}; the broker answers with a standard {@code basic.get-ok}, which the
 * client decodes as usual. The class and method ids and the argument bytes come from the
 * broker's codec ({@link AmqpTxXa}), the one definition of the wire format. Immutable.
 */
final class TxXaMethod extends Method {
    private final AmqpTxXa request;

    TxXaMethod(AmqpTxXa request) {
        this.request = request;
    }

    @Override
    public int protocolClassId() {
        return AmqpTxXa.CLASS_ID;
    }

    @Override
    public int protocolMethodId() {
        return AmqpTxXa.METHOD_ID;
    }

    @Override
    public String protocolMethodName() {
        return request.amqpName();
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
        for (byte b : request.argumentBytes()) {   // no bit fields, so octet by octet is the same bytes
            writer.writeOctet(b);
        }
    }
}
