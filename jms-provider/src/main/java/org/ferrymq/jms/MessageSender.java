package org.ferrymq.jms;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;

import org.ferrymq.jms.destination.FerryDestination;
import org.ferrymq.jms.message.FerryMessage;
import org.ferrymq.jms.message.WireMapping;
import org.ferrymq.jms.provider.MandatoryPublishes;
import org.ferrymq.jms.provider.ProviderException;
import org.ferrymq.jms.provider.WireMessage;

/**
 * How one session sends: stamps the JMS headers, maps the message to AMQP, publishes it on the
 * session's channel and, for a PERSISTENT synchronous send, waits for the publisher confirm (unless the
 * factory says {@code blockOnDurableSend=false}, as Artemis's option of that name).
 * A delivery delay routes the message through a hold queue (see {@link Topology#delayQueue}).
 * Asynchronous sends call their CompletionListener, in send order, on the session's completion thread;
 * each outstanding one is remembered with the producer that sent it, because closing that producer
 * (or the session) must wait for its CompletionListeners (spec 7.3).
 */
final class MessageSender {
    /** AMQP reply code of a publish to an exchange that does not exist. */
    private static final int NOT_FOUND = 404;
    private final FerrySession session;
    /** Outstanding asynchronous sends: completed once their CompletionListener has returned, with their producer. */
    private final Map<CompletableFuture<Void>, FerryMessageProducer> pending = new ConcurrentHashMap<>();

    MessageSender(FerrySession session) {
        this.session = session;
    }

    void send(FerryMessageProducer producer, Destination target, Message message, SendParameters p, CompletionListener listener)
            throws JMSException {
        if (message == null) {
            throw new MessageFormatException("cannot send a null message");
        }
        if (target == null) {
            throw new InvalidDestinationException("no destination given");
        }
        FerryDestination destination = org.ferrymq.jms.destination.Destinations.ferry(target);
        p.validate();
        session.acks().refuseInLostBranch();   // it would be published outside the transaction
        FerryConnection connection = session.connection();
        connection.checkNotDeleted(destination);
        FerryMessage m = message instanceof FerryMessage own ? own : ForeignMessages.copy(message);
        long now = System.currentTimeMillis();
        stamp(message, destination, p, now, connection);
        if (m != message) {
            stamp(m, destination, p, now, connection);
            m.setJMSMessageID(message.getJMSMessageID());
        }
        if (destination.isQueue()) {
            connection.topology().ensureQueue(destination.routingKey());
        } else {
            connection.topology().checkExchange(destination.exchange());
        }
        CompletableFuture<Void> done;
        if (p.deliveryDelay() > 0 && p.timeToLive() > 0 && p.timeToLive() <= p.deliveryDelay()) {
            done = CompletableFuture.completedFuture(null);   // expires before it is due: nobody may ever see it
        } else {
            done = publish(destination, m, p);
        }
        if (listener != null) {
            track(producer, done, message, listener);
        } else if (p.deliveryMode() == DeliveryMode.PERSISTENT && !connection.config().blockOnDurableSend()) {
            reportIfRefused(done, message);
        } else if (p.deliveryMode() == DeliveryMode.PERSISTENT) {
            try {
                await(done);
            } catch (InvalidDestinationException gone) {
                if (!returnedUnroutable(gone)) {
                    throw gone;
                }
                // the queue was deleted behind this connection's back, after it was declared: declare
                // it again and send once more, rather than report success for a message nobody got
                connection.topology().ensureQueue(destination.routingKey());
                await(publish(destination, m, p));
            }
        }
    }

    /** A send to a queue goes out mandatory: a basic.return means its queue is gone (see MandatoryPublishes). */
    private static boolean returnedUnroutable(JMSException e) {
        return String.valueOf(MandatoryPublishes.NO_ROUTE).equals(e.getErrorCode());
    }

    /**
     * The one place a send that found its destination gone (a basic.return: its queue was deleted;
     * a 404: its exchange was) makes the connection forget it, so the next send declares or checks
     * it again: whether or not anyone waits for the send. The outcome completes only after that,
     * with the publish's own failure, so a sender that waits and then sends again finds the
     * destination already forgotten.
     */
    private CompletableFuture<Void> forgetDestinationIfGone(CompletableFuture<Void> published, FerryDestination destination) {
        CompletableFuture<Void> outcome = new CompletableFuture<>();
        published.whenComplete((ok, failure) -> {
            if (failure instanceof ProviderException e
                    && (e.replyCode() == MandatoryPublishes.NO_ROUTE || e.replyCode() == NOT_FOUND)) {
                session.connection().topology().forget(destination);
            }
            if (failure != null) {
                outcome.completeExceptionally(failure);
            } else {
                outcome.complete(null);
            }
        });
        return outcome;
    }

    private static void stamp(Message m, FerryDestination destination, SendParameters p, long now, FerryConnection connection)
            throws JMSException {
        m.setJMSDestination(destination);
        m.setJMSDeliveryMode(p.deliveryMode());
        m.setJMSPriority(p.priority());
        m.setJMSTimestamp(p.disableTimestamp() ? 0 : now);
        m.setJMSExpiration(p.timeToLive() > 0 ? now + p.timeToLive() : 0);
        m.setJMSDeliveryTime(now + p.deliveryDelay());
        m.setJMSMessageID(p.disableMessageId() ? null : connection.nextMessageId());
    }

    private CompletableFuture<Void> publish(FerryDestination destination, FerryMessage m, SendParameters p) throws JMSException {
        String exchange = destination.exchange();
        String routingKey = destination.routingKey();
        WireMessage wire;
        if (p.deliveryDelay() > 0) {
            // the hold queue's TTL is the delay; the message's own TTL travels as an absolute header
            wire = WireMapping.toWire(m, 0, true);
            routingKey = session.connection().topology().delayQueue(destination, p.deliveryDelay());
            exchange = "";
        } else {
            wire = WireMapping.toWire(m, p.timeToLive(), false);
        }
        String clientId = session.connection().clientIdOrNull();
        if (p.disableMessageId() || clientId != null) {   // where noLocal looks for the publisher
            java.util.Map<String, Object> headers = new java.util.LinkedHashMap<>(wire.headers());
            if (p.disableMessageId()) {
                headers.put(WireMapping.ORIGIN_HEADER, session.connection().connectionId());
            }
            if (clientId != null) {
                headers.put(WireMapping.CLIENT_ID_HEADER, clientId);
            }
            wire = new WireMessage(wire.contentType(), wire.contentEncoding(), headers, wire.deliveryMode(), wire.priority(),
                    wire.correlationId(), wire.replyTo(), wire.expiration(), wire.messageId(), wire.timestampMillis(),
                    wire.type(), wire.userId(), wire.appId(), wire.body());
        }
        try {
            // to the default exchange means to one queue: mandatory, so a deleted queue is noticed
            return forgetDestinationIfGone(session.channel().publish(exchange, routingKey, wire, exchange.isEmpty()),
                    destination);
        } catch (ProviderException e) {
            throw JmsExceptions.from(e);
        }
    }

    /** blockOnDurableSend=false: the send has returned; a refusal can only reach the ExceptionListener. */
    private void reportIfRefused(CompletableFuture<Void> done, Message message) {
        done.whenComplete((ok, failure) -> {
            if (failure != null) {
                String id;
                try {
                    id = message.getJMSMessageID();
                } catch (JMSException e) {
                    id = null;
                }
                JMSException cause = JmsExceptions.wrap("send failed", failure);
                JMSException refused = new JMSException("the broker did not accept persistent message "
                        + (id == null ? "(no message ID)" : id) + ", sent without waiting (blockOnDurableSend=false): "
                        + cause.getMessage(), cause.getErrorCode());
                refused.setLinkedException(cause);
                refused.initCause(cause);
                session.connection().report(refused);
            }
        });
    }

    private void await(CompletableFuture<Void> done) throws JMSException {
        try {
            done.get(session.connection().config().confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw JmsExceptions.wrap("send failed", e.getCause());
        } catch (TimeoutException e) {
            throw new JMSException("no publisher confirm within " + session.connection().config().confirmTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JMSException("interrupted while waiting for a publisher confirm");
        }
    }

    private void track(FerryMessageProducer producer, CompletableFuture<Void> done, Message message, CompletionListener listener) {
        CompletableFuture<Void> callback = new CompletableFuture<>();
        pending.put(callback, producer);
        done.whenComplete((ok, failure) -> session.threads().complete(() -> {
            try {
                if (failure == null) {
                    listener.onCompletion(message);
                } else {
                    listener.onException(message, JmsExceptions.wrap("send failed", failure));
                }
            } finally {
                pending.remove(callback);
                callback.complete(null);
            }
        }));
    }

    /** Waits (bounded) for outstanding asynchronous sends, as session close and commit must. */
    void awaitPending() {
        awaitCallbacks(pending.keySet().toArray(CompletableFuture[]::new));
    }

    /** Waits (bounded) for the outstanding asynchronous sends of one producer, as its close must. */
    void awaitPending(FerryMessageProducer producer) {
        awaitCallbacks(pending.entrySet().stream()
                .filter(e -> e.getValue() == producer)
                .map(Map.Entry::getKey)
                .toArray(CompletableFuture[]::new));
    }

    private void awaitCallbacks(CompletableFuture<?>[] callbacks) {
        long timeout = session.connection().config().confirmTimeout().toMillis();
        try {
            CompletableFuture.allOf(callbacks).get(timeout, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the listeners were told, or will be; closing goes on
        }
    }
}
