package org.ferrymq.broker.amqp.server;

import java.util.concurrent.CompletionStage;

import org.ferrymq.broker.amqp.codec.AmqpMethod;
import org.ferrymq.broker.amqp.codec.AmqpQueueBind;
import org.ferrymq.broker.amqp.codec.AmqpQueueBindOk;
import org.ferrymq.broker.amqp.codec.AmqpQueueDeclare;
import org.ferrymq.broker.amqp.codec.AmqpQueueDeclareOk;
import org.ferrymq.broker.amqp.codec.AmqpQueueDelete;
import org.ferrymq.broker.amqp.codec.AmqpQueueDeleteOk;
import org.ferrymq.broker.amqp.codec.AmqpQueuePurge;
import org.ferrymq.broker.amqp.codec.AmqpQueuePurgeOk;
import org.ferrymq.broker.amqp.codec.AmqpQueueUnbind;
import org.ferrymq.broker.amqp.codec.AmqpQueueUnbindOk;
import org.ferrymq.broker.errors.AmqpException;
import org.ferrymq.broker.errors.ReplyCode;
import org.ferrymq.broker.model.MessageQueue;
import org.ferrymq.broker.model.ServerNames;
import org.ferrymq.broker.model.VirtualHost;
import org.ferrymq.broker.security.ResourceKind;
import org.ferrymq.broker.security.VhostPermissions;

/** The queue class (spec 1.7): declare, bind, unbind, purge, delete. */
final class QueueCommands {
    private final AmqpChannel channel;

    QueueCommands(AmqpChannel channel) {
        this.channel = channel;
    }

    CompletionStage<?> handle(AmqpMethod method) {
        AmqpConnection connection = channel.connection();
        VirtualHost vhost = connection.vhost();
        VhostPermissions permissions = connection.permissions();
        if (method instanceof AmqpQueueDeclare declare) {
            return declare(declare, vhost, permissions);
        }
        if (method instanceof AmqpQueueBind bind) {
            String queue = channel.queueName(bind.queue(), bind);
            String key = bind.queue().isEmpty() && bind.routingKey().isEmpty() ? queue : bind.routingKey();
            permissions.requireWrite(ResourceKind.QUEUE, queue);
            permissions.requireRead(ResourceKind.EXCHANGE, bind.exchange());
            vhost.bindQueue(queue, bind.exchange(), key, bind.arguments(), connection);
            if (!bind.noWait()) {
                channel.send(new AmqpQueueBindOk());
            }
            return null;
        }
        if (method instanceof AmqpQueueUnbind unbind) {
            String queue = channel.queueName(unbind.queue(), unbind);
            permissions.requireWrite(ResourceKind.QUEUE, queue);
            permissions.requireRead(ResourceKind.EXCHANGE, unbind.exchange());
            vhost.unbindQueue(queue, unbind.exchange(), unbind.routingKey(), unbind.arguments(), connection);
            channel.send(new AmqpQueueUnbindOk());
            return null;
        }
        if (method instanceof AmqpQueuePurge purge) {
            String queue = channel.queueName(purge.queue(), purge);
            permissions.requireRead(ResourceKind.QUEUE, queue);
            return vhost.queue(queue, connection).purge().thenAcceptAsync(count -> {
                if (!purge.noWait() && channel.isOpen()) {
                    channel.send(new AmqpQueuePurgeOk(count));
                }
            }, connection.eventLoop());
        }
        if (method instanceof AmqpQueueDelete delete) {
            String queue = channel.queueName(delete.queue(), delete);
            permissions.requireConfigure(ResourceKind.QUEUE, queue);
            return vhost.deleteQueue(queue, delete.ifUnused(), delete.ifEmpty(), connection).thenAcceptAsync(count -> {
                if (!delete.noWait() && channel.isOpen()) {
                    channel.send(new AmqpQueueDeleteOk(count));
                }
            }, connection.eventLoop());
        }
        throw new AmqpException(ReplyCode.COMMAND_INVALID, "unexpected " + method.amqpName());
    }

    private CompletionStage<?> declare(AmqpQueueDeclare declare, VirtualHost vhost, VhostPermissions permissions) {
        AmqpConnection connection = channel.connection();
        if (DirectReplyTo.isReplyName(declare.queue())) {
            return declareReplyQueue(declare, vhost);
        }
        boolean serverNamed = declare.queue().isEmpty() && !declare.passive();
        String name = serverNamed ? ServerNames.queueName() : declare.queue();
        if (!declare.passive()) {
            // RabbitMQ checks a server-named queue against its generated name too
            permissions.requireConfigure(ResourceKind.QUEUE, name);
        }
        MessageQueue queue = vhost.declareQueue(name, serverNamed, declare.passive(), declare.durable(),
                declare.exclusive(), declare.autoDelete(), declare.arguments(), connection);
        channel.lastDeclaredQueue(queue.name());
        if (declare.noWait()) {
            return null;
        }
        return queue.counts().thenAcceptAsync(counts -> {
            if (channel.isOpen()) {
                channel.send(new AmqpQueueDeclareOk(counts.queue(), counts.messageCount(), counts.consumerCount()));
            }
        }, connection.eventLoop());
    }

    /**
     * queue.declare of the direct reply-to pseudo-queue, or of a reply address: RabbitMQ answers
     * 0 messages, 1 consumer while it exists (whatever the flags), and 404 otherwise.
     */
    private CompletionStage<?> declareReplyQueue(AmqpQueueDeclare declare, VirtualHost vhost) {
        if (!channel.connection().directReplyTo().declarable(declare.queue())) {
            throw AmqpException.notFound("no queue '" + declare.queue() + "' in vhost '" + vhost.name() + "'");
        }
        channel.lastDeclaredQueue(declare.queue());
        if (!declare.noWait()) {
            channel.send(new AmqpQueueDeclareOk(declare.queue(), 0, 1));
        }
        return null;
    }
}
