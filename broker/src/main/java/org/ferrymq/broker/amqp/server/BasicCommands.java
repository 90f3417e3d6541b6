package org.ferrymq.broker.amqp.server;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.ferrymq.broker.amqp.codec.AmqpBasicAck;
import org.ferrymq.broker.amqp.codec.AmqpBasicCancel;
import org.ferrymq.broker.amqp.codec.AmqpBasicCancelOk;
import org.ferrymq.broker.amqp.codec.AmqpBasicConsume;
import org.ferrymq.broker.amqp.codec.AmqpBasicConsumeOk;
import org.ferrymq.broker.amqp.codec.AmqpBasicDeliver;
import org.ferrymq.broker.amqp.codec.AmqpBasicGet;
import org.ferrymq.broker.amqp.codec.AmqpBasicGetEmpty;
import org.ferrymq.broker.amqp.codec.AmqpBasicGetOk;
import org.ferrymq.broker.amqp.codec.AmqpBasicNack;
import org.ferrymq.broker.amqp.codec.AmqpBasicPublish;
import org.ferrymq.broker.amqp.codec.AmqpBasicQos;
import org.ferrymq.broker.amqp.codec.AmqpBasicQosOk;
import org.ferrymq.broker.amqp.codec.AmqpBasicRecover;
import org.ferrymq.broker.amqp.codec.AmqpBasicRecoverAsync;
import org.ferrymq.broker.amqp.codec.AmqpBasicRecoverOk;
import org.ferrymq.broker.amqp.codec.AmqpBasicReject;
import org.ferrymq.broker.amqp.codec.AmqpCommand;
import org.ferrymq.broker.amqp.codec.AmqpMethod;
import org.ferrymq.broker.errors.AmqpException;
import org.ferrymq.broker.errors.ReplyCode;
import org.ferrymq.broker.model.Message;
import org.ferrymq.broker.model.MessageQueue;
import org.ferrymq.broker.model.MessageSelection;
import org.ferrymq.broker.model.ServerNames;
import org.ferrymq.broker.security.ResourceKind;
import org.ferrymq.selector.Selector;

/** The basic class (spec 1.8): qos, consume, cancel, get, ack, nack, reject, recover; publish goes to {@link Publisher}. */
final class BasicCommands {
    private final AmqpChannel channel;

    BasicCommands(AmqpChannel channel) {
        this.channel = channel;
    }

    CompletionStage<?> handle(AmqpCommand command) {
        AmqpMethod method = command.method();
        if (method instanceof AmqpBasicPublish publish) {
            return channel.publisher.publish(publish, command);
        }
        if (method instanceof AmqpBasicAck ack) {
            settle(ack.deliveryTag(), ack.multiple(), Settlement.ACK);
        } else if (method instanceof AmqpBasicNack nack) {
            settle(nack.deliveryTag(), nack.multiple(), nack.requeue() ? Settlement.REQUEUE : Settlement.DISCARD);
        } else if (method instanceof AmqpBasicReject reject) {
            settle(reject.deliveryTag(), false, reject.requeue() ? Settlement.REQUEUE : Settlement.DISCARD);
        } else if (method instanceof AmqpBasicQos qos) {
            qos(qos);
        } else if (method instanceof AmqpBasicConsume consume) {
            return consume(consume);
        } else if (method instanceof AmqpBasicCancel cancel) {
            return cancel(cancel);
        } else if (method instanceof AmqpBasicGet get) {
            return get(get);
        } else if (method instanceof AmqpBasicRecover recover) {
            recover(recover.requeue());
            channel.send(new AmqpBasicRecoverOk());
        } else if (method instanceof AmqpBasicRecoverAsync recover) {
            recover(recover.requeue());
        } else {
            throw new AmqpException(ReplyCode.COMMAND_INVALID, "unexpected " + method.amqpName());
        }
        return null;
    }

    private void qos(AmqpBasicQos qos) {
        if (qos.prefetchSize() != 0) {
            throw new AmqpException(ReplyCode.NOT_IMPLEMENTED, "prefetch_size!=0 (" + qos.prefetchSize() + ")");
        }
        channel.deliveries.qos(qos.prefetchCount(), qos.global());
        channel.send(new AmqpBasicQosOk());
    }

    private CompletionStage<?> consume(AmqpBasicConsume consume) {
        String queueName = channel.queueName(consume.queue(), consume);
        boolean replies = queueName.equals(DirectReplyTo.PSEUDO_QUEUE);
        MessageQueue queue = replies ? null : channel.connection().vhost().queue(queueName, channel.connection());
        if (!replies) {
            channel.connection().permissions().requireRead(ResourceKind.QUEUE, queueName);
        }
        String tag = consume.consumerTag().isEmpty() ? ServerNames.consumerTag() : consume.consumerTag();
        if (channel.deliveries.hasConsumer(tag)) {
            throw new AmqpException(ReplyCode.NOT_ALLOWED, "attempt to reuse consumer tag '" + tag + "'");
        }
        if (replies) {
            channel.deliveries.consumeReplies(tag, consume.noAck());
            if (!consume.noWait()) {
                channel.send(new AmqpBasicConsumeOk(tag));
            }
            return null;
        }
        Selector selector = MessageSelection.fromArguments(consume.arguments());
        QueueBrowse browse = QueueBrowse.fromConsume(consume.arguments(), consume.noAck(), consume.exclusive());
        if (browse != null) {
            return browse(queue, tag, selector, browse, consume.noWait());
        }
        int priority = consumerPriority(consume.arguments(), queue);
        ChannelConsumer consumer = channel.deliveries.newConsumer(tag, queue, consume.noAck(), consume.exclusive(),
                priority, selector);
        CompletableFuture<Void> added = queue.addConsumer(consumer, () ->
                // runs on the queue's executor before its first delivery to this consumer,
                // and goes through the same outbox, so consume-ok always precedes the messages
                channel.deliveries.submit(() -> {
                    if (!consume.noWait() && channel.isOpen()) {
                        channel.send(new AmqpBasicConsumeOk(tag));
                    }
                }));
        return added.whenComplete((ok, error) -> {
            if (error != null) {
                channel.connection().eventLoop().execute(() -> channel.deliveries.removeConsumer(tag));
            }
        });
    }

    /** RabbitMQ's integer types: the ones x-priority may have. */
    private static boolean isInteger(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte;
    }

    /** The x-priority consume argument (0 if absent); not an integer is RabbitMQ's 406. */
    private static int consumerPriority(java.util.Map<String, Object> arguments, MessageQueue queue) {
        if (arguments == null || !arguments.containsKey("x-priority")) {
            return 0;
        }
        Object value = arguments.get("x-priority");
        if (!isInteger(value)) {
            throw AmqpException.preconditionFailed("invalid arg 'x-priority' for queue '" + queue.name() + "' in vhost '"
                    + queue.vhost() + "': \"expected integer, got "
                    + org.ferrymq.broker.model.exchange.FieldValues.amqpTypeName(value) + "\"");
        }
        long priority = ((Number) value).longValue();
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, priority));
    }

    /**
     * x-browse: consume-ok, copies of the matching ready messages (never marked delivered), then
     * basic.cancel to say the snapshot is complete. No consumer is registered at the queue.
     */
    private CompletionStage<?> browse(MessageQueue queue, String tag, Selector selector, QueueBrowse browse, boolean noWait) {
        if (!noWait) {
            channel.send(new AmqpBasicConsumeOk(tag));
        }
        return queue.browse(message -> MessageSelection.matches(selector, message), browse.limit()).thenAcceptAsync(messages -> {
            if (!channel.isOpen()) {
                return;
            }
            for (Message message : messages) {
                channel.output().methodWithContent(channel.number(), new AmqpBasicDeliver(tag,
                        channel.deliveries.untrackedTag(), false, message.exchange(), message.routingKey()), message);
            }
            if (channel.connection().consumerCancelNotify()) {
                channel.send(new AmqpBasicCancel(tag, true));
            }
        }, channel.connection().eventLoop());
    }

    private CompletionStage<?> cancel(AmqpBasicCancel cancel) {
        if (channel.deliveries.cancelReplies(cancel.consumerTag())) {
            if (!cancel.noWait()) {
                channel.send(new AmqpBasicCancelOk(cancel.consumerTag()));
            }
            return null;
        }
        ChannelConsumer consumer = channel.deliveries.removeConsumer(cancel.consumerTag());
        if (consumer == null) {
            // RabbitMQ answers cancel-ok for an unknown tag
            if (!cancel.noWait()) {
                channel.send(new AmqpBasicCancelOk(cancel.consumerTag()));
            }
            return null;
        }
        return consumer.queue().removeConsumer(consumer).thenRunAsync(() -> {
            if (!cancel.noWait() && channel.isOpen()) {
                channel.send(new AmqpBasicCancelOk(cancel.consumerTag()));
            }
        }, channel.connection().eventLoop());
    }

    private CompletionStage<?> get(AmqpBasicGet get) {
        String queueName = channel.queueName(get.queue(), get);
        MessageQueue queue = channel.connection().vhost().queue(queueName, channel.connection());
        channel.connection().permissions().requireRead(ResourceKind.QUEUE, queueName);
        return queue.get().thenAcceptAsync(result -> {
            if (!channel.isOpen()) {
                if (result.entry() != null) {
                    queue.requeue(List.of(result.entry()));
                }
                return;
            }
            if (result.entry() == null) {
                channel.send(new AmqpBasicGetEmpty(""));
                return;
            }
            long tag = channel.deliveries.recordGet(queue, result.entry(), get.noAck());
            Message message = DeliveryCountHeader.onWire(result.entry());
            channel.output().methodWithContent(channel.number(), new AmqpBasicGetOk(tag, result.entry().redelivered(),
                    message.exchange(), message.routingKey(), result.remaining()), message);
        }, channel.connection().eventLoop());
    }

    private void settle(long deliveryTag, boolean multiple, Settlement outcome) {
        List<Unacked> taken = channel.deliveries.take(deliveryTag, multiple);
        if (channel.xa.inBranch()) {
            channel.xa.consumed(taken, outcome);
            return;
        }
        if (channel.publisher.inTransaction()) {
            channel.publisher.transaction().settleOnCommit(taken, outcome);
            return;
        }
        channel.deliveries.settle(taken, outcome);
    }

    private void recover(boolean requeue) {
        if (!requeue) {
            throw new AmqpException(ReplyCode.NOT_IMPLEMENTED, "requeue=false");
        }
        channel.deliveries.recover();
    }
}
