package org.ferrymq.jms;

import jakarta.jms.CompletionListener;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueSender;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;

import org.ferrymq.jms.destination.FerryDestination;

/** Holds a producer's settings and hands each send to its session's {@link MessageSender}. */
public class FerryMessageProducer implements MessageProducer, QueueSender, TopicPublisher {
    private final FerrySession session;
    private final FerryDestination destination;
    private volatile SendParameters parameters = SendParameters.DEFAULTS;
    private volatile boolean closed;

    FerryMessageProducer(FerrySession session, FerryDestination destination) {
        this.session = session;
        this.destination = destination;
    }

    private SendParameters p() throws JMSException {
        checkOpen();
        return parameters;
    }

    @Override
    public void setDisableMessageID(boolean value) throws JMSException {
        SendParameters p = p();
        parameters = new SendParameters(p.deliveryMode(), p.priority(), p.timeToLive(), p.deliveryDelay(), value, p.disableTimestamp());
    }

    @Override public boolean getDisableMessageID() throws JMSException { return p().disableMessageId(); }

    @Override
    public void setDisableMessageTimestamp(boolean value) throws JMSException {
        SendParameters p = p();
        parameters = new SendParameters(p.deliveryMode(), p.priority(), p.timeToLive(), p.deliveryDelay(), p.disableMessageId(), value);
    }

    @Override public boolean getDisableMessageTimestamp() throws JMSException { return p().disableTimestamp(); }

    @Override
    public void setDeliveryMode(int deliveryMode) throws JMSException {
        SendParameters next = p().with(deliveryMode, parameters.priority(), parameters.timeToLive());
        next.validate();
        parameters = next;
    }

    @Override public int getDeliveryMode() throws JMSException { return p().deliveryMode(); }

    @Override
    public void setPriority(int priority) throws JMSException {
        SendParameters next = p().with(parameters.deliveryMode(), priority, parameters.timeToLive());
        next.validate();
        parameters = next;
    }

    @Override public int getPriority() throws JMSException { return p().priority(); }

    @Override
    public void setTimeToLive(long timeToLive) throws JMSException {
        SendParameters next = p().with(parameters.deliveryMode(), parameters.priority(), timeToLive);
        next.validate();
        parameters = next;
    }

    @Override public long getTimeToLive() throws JMSException { return p().timeToLive(); }

    @Override
    public void setDeliveryDelay(long deliveryDelay) throws JMSException {
        SendParameters p = p();
        SendParameters next = new SendParameters(p.deliveryMode(), p.priority(), p.timeToLive(), deliveryDelay, p.disableMessageId(), p.disableTimestamp());
        next.validate();
        parameters = next;
    }

    @Override public long getDeliveryDelay() throws JMSException { return p().deliveryDelay(); }

    @Override
    public Destination getDestination() throws JMSException {
        checkOpen();
        return destination;
    }

    @Override public Queue getQueue() throws JMSException { return (Queue) getDestination(); }
    @Override public Topic getTopic() throws JMSException { return (Topic) getDestination(); }

    // ---- sends to the producer's destination ----

    @Override
    public void send(Message message) throws JMSException {
        send(message, p().deliveryMode(), parameters.priority(), parameters.timeToLive());
    }

    @Override
    public void send(Message message, int deliveryMode, int priority, long timeToLive) throws JMSException {
        session.send(this, ownDestination(), message, p().with(deliveryMode, priority, timeToLive), null);
    }

    @Override
    public void send(Message message, CompletionListener listener) throws JMSException {
        send(message, p().deliveryMode(), parameters.priority(), parameters.timeToLive(), listener);
    }

    @Override
    public void send(Message message, int deliveryMode, int priority, long timeToLive, CompletionListener listener) throws JMSException {
        requireListener(listener);
        session.send(this, ownDestination(), message, p().with(deliveryMode, priority, timeToLive), listener);
    }

    // ---- sends to a destination given per call ----

    @Override
    public void send(Destination target, Message message) throws JMSException {
        send(target, message, p().deliveryMode(), parameters.priority(), parameters.timeToLive());
    }

    @Override
    public void send(Destination target, Message message, int deliveryMode, int priority, long timeToLive) throws JMSException {
        session.send(this, perCallDestination(target), message, p().with(deliveryMode, priority, timeToLive), null);
    }

    @Override
    public void send(Destination target, Message message, CompletionListener listener) throws JMSException {
        send(target, message, p().deliveryMode(), parameters.priority(), parameters.timeToLive(), listener);
    }

    @Override
    public void send(Destination target, Message message, int deliveryMode, int priority, long timeToLive,
                     CompletionListener listener) throws JMSException {
        requireListener(listener);
        session.send(this, perCallDestination(target), message, p().with(deliveryMode, priority, timeToLive), listener);
    }

    // ---- TopicPublisher / QueueSender ----

    @Override public void publish(Message message) throws JMSException { send(message); }
    @Override public void publish(Message message, int mode, int priority, long ttl) throws JMSException { send(message, mode, priority, ttl); }
    @Override public void publish(Topic topic, Message message) throws JMSException { send(topic, message); }
    @Override public void publish(Topic topic, Message message, int mode, int priority, long ttl) throws JMSException { send(topic, message, mode, priority, ttl); }
    @Override public void send(Queue queue, Message message) throws JMSException { send((Destination) queue, message); }
    @Override public void send(Queue queue, Message message, int mode, int priority, long ttl) throws JMSException { send((Destination) queue, message, mode, priority, ttl); }

    private Destination ownDestination() throws JMSException {
        checkOpen();
        if (destination == null) {
            throw new UnsupportedOperationException("this producer has no destination; name one in send()");
        }
        return destination;
    }

    private Destination perCallDestination(Destination target) throws JMSException {
        checkOpen();
        if (destination != null) {
            throw new UnsupportedOperationException("this producer sends to " + destination + "; it cannot name another destination");
        }
        if (target == null) {
            throw new InvalidDestinationException("no destination given");
        }
        return target;
    }

    private static void requireListener(CompletionListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("a CompletionListener is required");
        }
    }

    @Override
    public void close() throws IllegalStateException {
        if (session.isCompletionThread()) {
            // spec 7.3.8: a CompletionListener must not close the producer that called it
            throw new IllegalStateException("a CompletionListener must not close its own MessageProducer");
        }
        if (closed) {
            return;
        }
        closed = true;
        session.awaitPendingSends(this);   // spec 7.3: close blocks until its CompletionListeners have run
        session.removed(this);
    }

    void markClosed() {
        closed = true;
    }

    private void checkOpen() throws IllegalStateException {
        if (closed || session.isClosed()) {
            throw new IllegalStateException("the producer is closed");
        }
    }
}
