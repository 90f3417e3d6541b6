package org.ferrymq.broker.amqp.server;

import java.util.concurrent.CompletionStage;

import org.ferrymq.broker.amqp.codec.AmqpExchangeBind;
import org.ferrymq.broker.amqp.codec.AmqpExchangeBindOk;
import org.ferrymq.broker.amqp.codec.AmqpExchangeDeclare;
import org.ferrymq.broker.amqp.codec.AmqpExchangeDeclareOk;
import org.ferrymq.broker.amqp.codec.AmqpExchangeDelete;
import org.ferrymq.broker.amqp.codec.AmqpExchangeDeleteOk;
import org.ferrymq.broker.amqp.codec.AmqpExchangeUnbind;
import org.ferrymq.broker.amqp.codec.AmqpExchangeUnbindOk;
import org.ferrymq.broker.amqp.codec.AmqpMethod;
import org.ferrymq.broker.errors.AmqpException;
import org.ferrymq.broker.errors.ReplyCode;
import org.ferrymq.broker.model.VirtualHost;
import org.ferrymq.broker.security.ResourceKind;
import org.ferrymq.broker.security.VhostPermissions;

/** The exchange class (spec 1.6): declare, delete, and exchange-to-exchange bind/unbind. */
final class ExchangeCommands {
    private final AmqpChannel channel;

    ExchangeCommands(AmqpChannel channel) {
        this.channel = channel;
    }

    CompletionStage<?> handle(AmqpMethod method) {
        VirtualHost vhost = channel.connection().vhost();
        VhostPermissions permissions = channel.connection().permissions();
        if (method instanceof AmqpExchangeDeclare declare) {
            if (!declare.passive()) {
                permissions.requireConfigure(ResourceKind.EXCHANGE, declare.exchange());
            }
            vhost.declareExchange(declare.exchange(), declare.type(), declare.passive(), declare.durable(),
                    declare.autoDelete(), declare.internal(), declare.arguments());
            replyUnlessNowait(declare.noWait(), new AmqpExchangeDeclareOk());
        } else if (method instanceof AmqpExchangeDelete delete) {
            permissions.requireConfigure(ResourceKind.EXCHANGE, delete.exchange());
            vhost.deleteExchange(delete.exchange(), delete.ifUnused());
            replyUnlessNowait(delete.noWait(), new AmqpExchangeDeleteOk());
        } else if (method instanceof AmqpExchangeBind bind) {
            permissions.requireWrite(ResourceKind.EXCHANGE, bind.destination());
            permissions.requireRead(ResourceKind.EXCHANGE, bind.source());
            vhost.bindExchange(bind.destination(), bind.source(), bind.routingKey(), bind.arguments());
            replyUnlessNowait(bind.noWait(), new AmqpExchangeBindOk());
        } else if (method instanceof AmqpExchangeUnbind unbind) {
            permissions.requireWrite(ResourceKind.EXCHANGE, unbind.destination());
            permissions.requireRead(ResourceKind.EXCHANGE, unbind.source());
            vhost.unbindExchange(unbind.destination(), unbind.source(), unbind.routingKey(), unbind.arguments());
            replyUnlessNowait(unbind.noWait(), new AmqpExchangeUnbindOk());
        } else {
            throw new AmqpException(ReplyCode.COMMAND_INVALID, "unexpected " + method.amqpName());
        }
        return null;
    }

    private void replyUnlessNowait(boolean nowait, AmqpMethod reply) {
        if (!nowait) {
            channel.send(reply);
        }
    }
}
