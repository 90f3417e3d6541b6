package org.ferrymq.broker.amqp.server;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.ferrymq.broker.amqp.codec.AmqpBasicAck;
import org.ferrymq.broker.amqp.codec.AmqpBasicNack;
import org.ferrymq.broker.amqp.codec.AmqpBasicPublish;
import org.ferrymq.broker.amqp.codec.AmqpBasicReturn;
import org.ferrymq.broker.amqp.codec.AmqpCommand;
import org.ferrymq.broker.amqp.codec.AmqpConfirmSelect;
import org.ferrymq.broker.amqp.codec.AmqpConfirmSelectOk;
import org.ferrymq.broker.amqp.codec.AmqpMethod;
import org.ferrymq.broker.amqp.codec.AmqpTxCommit;
import org.ferrymq.broker.amqp.codec.AmqpTxCommitOk;
import org.ferrymq.broker.amqp.codec.AmqpTxRollback;
import org.ferrymq.broker.amqp.codec.AmqpTxRollbackOk;
import org.ferrymq.broker.amqp.codec.AmqpTxSelect;
import org.ferrymq.broker.amqp.codec.AmqpTxSelectOk;
import org.ferrymq.broker.errors.AmqpException;
import org.ferrymq.broker.management.MessageCounters;
import org.ferrymq.broker.errors.ReplyCode;
import org.ferrymq.broker.model.DurableAnswer;
import org.ferrymq.broker.model.EnqueueCallback;
import org.ferrymq.broker.model.Message;
import org.ferrymq.broker.model.MessageQueue;
import org.ferrymq.broker.model.VirtualHost;
import org.ferrymq.broker.model.exchange.Exchange;
import org.ferrymq.broker.security.ResourceKind;

/**
 * basic.publish on one channel, with the channel's publishing mode: plain, publisher confirms
 * (confirm.select) or transactional (tx.select), which exclude each other.
 *
 * <p>Confirms for messages routed in one read batch are coalesced into one {@code basic.ack}
 * with {@code multiple=true}, sent just before the connection flushes.
 *
 * <p>Owned by the channel's event loop.
 */
final class Publisher {
    private final AmqpChannel channel;
    private ConfirmTracker confirms;
    /** Writes the confirms ConfirmTracker says are due; one for the channel's life, not one per flush. */
    private final ConfirmTracker.ConfirmSender confirmSender = new ConfirmTracker.ConfirmSender() {
        @Override
        public void confirmed(long count) {
            if (channel.connection().countsMessages()) {
                channel.connection().counters().add(MessageCounters.Kind.CONFIRM, count);
                channel.connection().vhostCounters().add(MessageCounters.Kind.CONFIRM, count);
            }
        }

        @Override
        public void ack(long deliveryTag, boolean multiple) {
            channel.send(new AmqpBasicAck(deliveryTag, multiple));
        }

        @Override
        public void nack(long deliveryTag) {
            channel.send(new AmqpBasicNack(deliveryTag, false, false));
        }
    };
    private ChannelTransaction transaction;
    /** The last exchange this channel was allowed to publish to: a regex match per message is costly. */
    private String permittedExchange;

    /** Whether this channel waits for the queues it feeds (credit flow). */
    final ChannelFlow flow;

    Publisher(AmqpChannel channel) {
        this.channel = channel;
        this.flow = new ChannelFlow(channel);
    }

    boolean confirming() {
        return confirms != null;
    }

    boolean inTransaction() {
        return transaction != null;
    }

    ChannelTransaction transaction() {
        return transaction;
    }

    /**
     * basic.publish. Answers null, or a stage that completes when a queue the message went to
     * lets publishers go on again (credit flow): the channel handles nothing else until then.
     */
    CompletionStage<?> publish(AmqpBasicPublish publish, AmqpCommand command) {
        if (publish.immediate()) {
            throw new AmqpException(ReplyCode.NOT_IMPLEMENTED, "immediate=true");
        }
        VirtualHost vhost = channel.connection().vhost();
        String exchangeName = publish.exchange();
        Exchange exchange = null;
        if (!exchangeName.isEmpty()) {
            exchange = vhost.exchange(exchangeName);
            if (exchange.internal()) {
                throw AmqpException.accessRefused("cannot publish to internal exchange '" + exchangeName
                        + "' in vhost '" + vhost.name() + "'");
            }
        }
        if (!exchangeName.equals(permittedExchange)) {
            channel.connection().permissions().requireWrite(ResourceKind.EXCHANGE, exchangeName);
            permittedExchange = exchangeName;
        }
        checkExpiration(command.properties().expiration());
        String userId = command.properties().userId();
        if (userId != null && !userId.equals(channel.connection().userName())) {
            throw AmqpException.preconditionFailed("user_id property set to '" + userId + "' but authenticated user was '"
                    + channel.connection().userName() + "'");
        }
        channel.connection().publishing(command.body().length);
        // rates: one adder increment each, no lock (see MessageCounters); nothing with rates_mode none
        if (channel.connection().countsMessages()) {
            channel.connection().counters().increment(MessageCounters.Kind.PUBLISH);
            channel.connection().vhostCounters().increment(MessageCounters.Kind.PUBLISH);
            if (exchange != null) {
                exchange.counters().increment(MessageCounters.Kind.PUBLISH);
            }
        }
        Message published = withReplyAddress(new Message(channel.connection().nextMessageId(), exchangeName,
                publish.routingKey(), command.properties(), command.rawProperties(), command.body()));
        // read CC/BCC (and refuse a bad one) before BCC is stripped
        List<String> extraKeys = SenderSelectedKeys.of(published.headers());
        if (transaction != null) {
            transaction.publishOnCommit(publish, published); // held with BCC: keys are read again at commit
            return null;
        }
        Message message = SenderSelectedKeys.withoutBcc(published);
        List<MessageQueue> queues = route(publish, message, extraKeys);
        if (channel.xa.inBranch()) {
            // held by the XA branch until it commits; a confirm says only that the branch has it
            channel.xa.published(message, queues);
            if (confirms != null) {
                confirms.register(0);
            }
            return null;
        }
        // stored before it is enqueued, so an ack can never reach the store ahead of the add
        CompletableFuture<Void> onDisk = vhost.persist(message, queues);
        if (confirms == null) {
            for (int i = 0, n = queues.size(); i < n; i++) {
                queues.get(i).enqueue(message);
            }
            return flow.afterPublish(queues);
        }
        int answers = onDisk == null ? 0 : 1;
        for (MessageQueue queue : queues) {
            if (queue.mayRefuse()) {
                answers++;
            }
        }
        long seq = confirms.register(answers);
        DurableAnswer durable = null;
        if (onDisk != null) {
            // confirmed once on disk, or once every durable queue is done with it (RabbitMQ's rule)
            durable = new DurableAnswer(storingQueues(queues),
                    ok -> channel.deliveries.submit(() -> confirms.answer(seq, ok)));
            DurableAnswer whenWritten = durable;
            onDisk.whenComplete((ok, failure) -> whenWritten.written(failure == null));
        }
        for (MessageQueue queue : queues) {
            EnqueueCallback callback = queue.mayRefuse()
                    ? accepted -> channel.deliveries.submit(() -> confirms.answer(seq, accepted))
                    : EnqueueCallback.NONE;
            queue.enqueue(message, callback, durable);   // a queue that does not store it ignores the answer
        }
        return flow.afterPublish(queues);
    }

    /**
     * Direct reply-to: a request whose reply_to is the pseudo-queue carries this channel's reply
     * address instead; without a reply consumer on the channel that is RabbitMQ's 406.
     */
    private Message withReplyAddress(Message message) {
        if (!DirectReplyTo.PSEUDO_QUEUE.equals(message.properties().replyTo())) {
            return message;
        }
        DirectReplyTo.Consumer replies = channel.deliveries.replyConsumer();
        if (replies == null) {
            throw AmqpException.preconditionFailed("fast reply consumer does not exist");
        }
        return Message.of(message.id(), message.exchange(), message.routingKey(),
                message.properties().withReplyTo(replies.address()), message.body());
    }

    /** The queues a persistent message is written for (as {@code VirtualHost.persist} picks them). */
    private static int storingQueues(List<MessageQueue> queues) {
        int n = 0;
        for (int i = 0, size = queues.size(); i < size; i++) {
            if (queues.get(i).storeId() > 0) {
                n++;
            }
        }
        return n;
    }

    /**
     * RabbitMQ refuses an expiration that is not a non-negative integer of milliseconds up to ten
     * years, with the reason its integer parser gives.
     */
    private static void checkExpiration(String expiration) {
        if (expiration == null) {
            return;
        }
        String reason = expirationProblem(expiration);
        if (reason != null) {
            throw AmqpException.preconditionFailed("invalid expiration '" + expiration + "': " + reason);
        }
    }

    static String expirationProblem(String text) {
        int end = 0;
        if (end < text.length() && (text.charAt(end) == '-' || text.charAt(end) == '+')) {
            end++;
        }
        int digitsStart = end;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        if (end == digitsStart) {
            return "no_integer";
        }
        java.math.BigInteger value = new java.math.BigInteger(text.substring(0, end));
        if (end < text.length()) {
            return "{leftover_string,\"" + text.substring(end) + "\"}";
        }
        if (value.signum() < 0) {
            return "{value_negative," + value + "}";
        }
        if (value.compareTo(java.math.BigInteger.valueOf(org.ferrymq.broker.model.QueueArguments.MAX_TTL)) > 0) {
            return "{value_too_large," + value + "}";
        }
        return null;
    }

    /**
     * The queues a message reaches, through its routing key and RabbitMQ's sender-selected
     * distribution ({@code extraKeys}, read from the CC and BCC headers before BCC was stripped
     * from {@code message}); an unroutable mandatory message is returned to the publisher.
     */
    private List<MessageQueue> route(AmqpBasicPublish publish, Message message, List<String> extraKeys) {
        VirtualHost vhost = channel.connection().vhost();
        if (message.exchange().isEmpty()) {
            deliverReplies(message, extraKeys);
        }
        List<MessageQueue> queues = vhost.route(message.exchange(), message.routingKey(), message.headers(), message);
        if (!extraKeys.isEmpty()) {
            java.util.LinkedHashSet<MessageQueue> all = new java.util.LinkedHashSet<>(queues);
            for (String key : extraKeys) {
                all.addAll(vhost.route(message.exchange(), key, message.headers(), message));
            }
            queues = List.copyOf(all);
        }
        if (queues.isEmpty() && !publish.mandatory() && channel.connection().countsMessages()) {
            channel.connection().vhostCounters().increment(MessageCounters.Kind.DROP_UNROUTABLE);
        }
        if (queues.isEmpty() && publish.mandatory()) {
            if (channel.connection().countsMessages()) {
                channel.connection().counters().increment(MessageCounters.Kind.RETURN_UNROUTABLE);
                channel.connection().vhostCounters().increment(MessageCounters.Kind.RETURN_UNROUTABLE);
            }
            channel.output().methodWithContent(channel.number(), new AmqpBasicReturn(ReplyCode.NO_ROUTE.code(),
                    "NO_ROUTE", message.exchange(), message.routingKey()), message);
        }
        return queues;
    }

    /**
     * Replies through the default exchange to direct reply-to addresses (the routing key or a
     * CC/BCC key), each address once. As in RabbitMQ 3.10 they do not count as routed, so a
     * mandatory reply is also returned, whether or not its consumer still exists.
     */
    private void deliverReplies(Message message, List<String> extraKeys) {
        boolean byKey = DirectReplyTo.isAddress(message.routingKey());
        if (!byKey && extraKeys.isEmpty()) {
            return;
        }
        java.util.Set<String> addresses = new java.util.LinkedHashSet<>();
        if (byKey) {
            addresses.add(message.routingKey());
        }
        for (String key : extraKeys) {
            if (DirectReplyTo.isAddress(key)) {
                addresses.add(key);
            }
        }
        for (String address : addresses) {
            channel.connection().directReplyTo().deliver(address, message);
        }
    }

    /** confirm.* and tx.* methods. */
    CompletionStage<?> handleModeCommand(AmqpMethod method) {
        if (method instanceof AmqpConfirmSelect select) {
            if (transaction != null) {
                throw AmqpException.preconditionFailed("cannot switch from tx to confirm mode");
            }
            if (confirms == null) {
                confirms = new ConfirmTracker();
            }
            if (!select.noWait()) {
                channel.send(new AmqpConfirmSelectOk());
            }
        } else if (method instanceof AmqpTxSelect) {
            if (confirms != null) {
                throw AmqpException.preconditionFailed("cannot switch from confirm to tx mode");
            }
            if (transaction == null) {
                transaction = new ChannelTransaction();
            }
            channel.send(new AmqpTxSelectOk());
        } else if (method instanceof AmqpTxCommit) {
            CompletableFuture<Void> onDisk = commit();
            if (onDisk == null) {
                channel.send(new AmqpTxCommitOk());
                return null;
            }
            // commit-ok only once the transaction's persistent messages are on disk
            return onDisk.thenRunAsync(() -> {
                if (channel.isOpen()) {
                    channel.send(new AmqpTxCommitOk());
                }
            }, channel.connection().eventLoop());
        } else if (method instanceof AmqpTxRollback) {
            rollback();
            channel.send(new AmqpTxRollbackOk());
        } else {
            throw new AmqpException(ReplyCode.COMMAND_INVALID, "unexpected " + method.amqpName());
        }
        return null;
    }

    /** Applies the transaction; returns a future for its persistent messages reaching disk, or null. */
    private CompletableFuture<Void> commit() {
        requireTransaction();
        for (ChannelTransaction.HeldSettlement s : transaction.settlements()) {
            channel.deliveries.settle(s.deliveries(), s.outcome());
        }
        // publishes of one commit reach each queue in one task, so no consumer sees half of it
        Map<MessageQueue, java.util.ArrayList<Message>> byQueue = new HashMap<>();
        List<CompletableFuture<Void>> writes = new java.util.ArrayList<>();
        for (ChannelTransaction.HeldPublish held : transaction.publishes()) {
            List<String> extraKeys = SenderSelectedKeys.of(held.message().headers());
            Message message = SenderSelectedKeys.withoutBcc(held.message());
            List<MessageQueue> queues = route(held.publish(), message, extraKeys);
            CompletableFuture<Void> onDisk = channel.connection().vhost().persist(message, queues);
            if (onDisk != null) {
                writes.add(onDisk);
            }
            for (MessageQueue queue : queues) {
                byQueue.computeIfAbsent(queue, q -> new java.util.ArrayList<>()).add(message);
            }
        }
        byQueue.forEach(MessageQueue::enqueueAll);
        transaction.clear();
        return writes.isEmpty() ? null : CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
    }

    private void rollback() {
        requireTransaction();
        undoTransaction();
    }

    /** Forgets the held publishes and puts the deliveries held acks/rejects named back to unacked. */
    private void undoTransaction() {
        for (ChannelTransaction.HeldSettlement s : transaction.settlements()) {
            channel.deliveries.restore(s.deliveries());
        }
        transaction.clear();
    }

    private void requireTransaction() {
        if (transaction == null) {
            throw AmqpException.preconditionFailed("channel is not transactional");
        }
    }

    /** Sends the confirms that are due, in order. */
    void flushConfirms() {
        if (confirms == null) {
            return;
        }
        confirms.flush(confirmSender);
    }

    /**
     * The channel is closing: a pending transaction is abandoned as if rolled back. Acks, nacks
     * and rejects it held never happened, so those deliveries are unacked again and the channel's
     * release requeues them, redelivered, as RabbitMQ does.
     */
    void release() {
        if (transaction != null) {
            undoTransaction();
        }
    }
}
