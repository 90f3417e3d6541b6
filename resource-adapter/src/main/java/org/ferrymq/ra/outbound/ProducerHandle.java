package org.ferrymq.ra.outbound;

import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
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

/**
 * A producer created through a {@link SessionHandle}: it keeps its own settings and destination
 * and sends each message through the managed connection's producer for the session current at
 * that moment, so a send inside a JTA transaction joins it.
 *
 * <p>Threading: the application thread that owns the session handle.
 */
final class ProducerHandle implements QueueSender, TopicPublisher {
    private final SessionHandle session;
    private final Destination destination;
    private boolean disableMessageID;
    private boolean disableMessageTimestamp;
    private int deliveryMode = DeliveryMode.PERSISTENT;
    private int priority = Message.DEFAULT_PRIORITY;
    private long timeToLive = Message.DEFAULT_TIME_TO_LIVE;
    private long deliveryDelay = Message.DEFAULT_DELIVERY_DELAY;
    private boolean closed;

    ProducerHandle(SessionHandle session, Destination destination) {
        this.session = session;
        this.destination = destination;
    }

    private void checkOpen() throws IllegalStateException {
        if (closed || session.isClosed()) {
            throw new IllegalStateException("the producer is closed");
        }
    }

    @Override public void setDisableMessageID(boolean v) throws JMSException { checkOpen(); disableMessageID = v; }
    @Override public boolean getDisableMessageID() throws JMSException { checkOpen(); return disableMessageID; }
    @Override public void setDisableMessageTimestamp(boolean v) throws JMSException { checkOpen(); disableMessageTimestamp = v; }
    @Override public boolean getDisableMessageTimestamp() throws JMSException { checkOpen(); return disableMessageTimestamp; }

    @Override
    public void setDeliveryMode(int mode) throws JMSException {
        checkOpen();
        if (mode != DeliveryMode.PERSISTENT && mode != DeliveryMode.NON_PERSISTENT) {
            throw new JMSException("invalid delivery mode " + mode);
        }
        deliveryMode = mode;
    }

    @Override public int getDeliveryMode() throws JMSException { checkOpen(); return deliveryMode; }

    @Override
    public void setPriority(int p) throws JMSException {
        checkOpen();
        if (p < 0 || p > 9) {
            throw new JMSException("priority must be 0..9, was " + p);
        }
        priority = p;
    }

    @Override public int getPriority() throws JMSException { checkOpen(); return priority; }
    @Override public void setTimeToLive(long ttl) throws JMSException { checkOpen(); timeToLive = ttl; }
    @Override public long getTimeToLive() throws JMSException { checkOpen(); return timeToLive; }
    @Override public void setDeliveryDelay(long delay) throws JMSException { checkOpen(); deliveryDelay = delay; }
    @Override public long getDeliveryDelay() throws JMSException { checkOpen(); return deliveryDelay; }
    @Override public Destination getDestination() throws JMSException { checkOpen(); return destination; }
    @Override public Queue getQueue() throws JMSException { return (Queue) getDestination(); }
    @Override public Topic getTopic() throws JMSException { return (Topic) getDestination(); }

    @Override
    public void close() {
        closed = true;
    }

    private Destination ownDestination() throws JMSException {
        if (destination == null) {
            throw new java.lang.UnsupportedOperationException("this producer has no destination: name one in send()");
        }
        return destination;
    }

    private Destination given(Destination d) throws JMSException {
        if (destination != null) {
            throw new java.lang.UnsupportedOperationException("this producer sends to " + destination + " only");
        }
        if (d == null) {
            throw new InvalidDestinationException("no destination given");
        }
        return d;
    }

    private void doSend(Destination d, Message m, int mode, int prio, long ttl, CompletionListener listener) throws JMSException {
        checkOpen();
        MessageProducer p = session.physicalProducer();
        p.setDisableMessageID(disableMessageID);
        p.setDisableMessageTimestamp(disableMessageTimestamp);
        p.setDeliveryDelay(deliveryDelay);
        if (listener == null) {
            p.send(d, m, mode, prio, ttl);
        } else {
            p.send(d, m, mode, prio, ttl, listener);
        }
    }

    @Override public void send(Message m) throws JMSException { doSend(ownDestination(), m, deliveryMode, priority, timeToLive, null); }
    @Override public void send(Message m, int mode, int prio, long ttl) throws JMSException { doSend(ownDestination(), m, mode, prio, ttl, null); }
    @Override public void send(Destination d, Message m) throws JMSException { doSend(given(d), m, deliveryMode, priority, timeToLive, null); }
    @Override public void send(Destination d, Message m, int mode, int prio, long ttl) throws JMSException { doSend(given(d), m, mode, prio, ttl, null); }
    @Override public void send(Message m, CompletionListener l) throws JMSException { doSend(ownDestination(), m, deliveryMode, priority, timeToLive, l); }
    @Override public void send(Message m, int mode, int prio, long ttl, CompletionListener l) throws JMSException { doSend(ownDestination(), m, mode, prio, ttl, l); }
    @Override public void send(Destination d, Message m, CompletionListener l) throws JMSException { doSend(given(d), m, deliveryMode, priority, timeToLive, l); }
    @Override public void send(Destination d, Message m, int mode, int prio, long ttl, CompletionListener l) throws JMSException { doSend(given(d), m, mode, prio, ttl, l); }
    @Override public void send(Queue q, Message m) throws JMSException { send((Destination) q, m); }
    @Override public void send(Queue q, Message m, int mode, int prio, long ttl) throws JMSException { send((Destination) q, m, mode, prio, ttl); }
    @Override public void publish(Message m) throws JMSException { send(m); }
    @Override public void publish(Message m, int mode, int prio, long ttl) throws JMSException { send(m, mode, prio, ttl); }
    @Override public void publish(Topic t, Message m) throws JMSException { send((Destination) t, m); }
    @Override public void publish(Topic t, Message m, int mode, int prio, long ttl) throws JMSException { send((Destination) t, m, mode, prio, ttl); }
}
