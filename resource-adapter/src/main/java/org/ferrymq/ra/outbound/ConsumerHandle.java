package org.ferrymq.ra.outbound;

import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.QueueReceiver;
import jakarta.jms.Topic;
import jakarta.jms.TopicSubscriber;

/**
 * A consumer created through a {@link SessionHandle}: synchronous receive only (a container
 * forbids message listeners); closed with its session handle.
 *
 * <p>Threading: the application thread that owns the session handle.
 */
final class ConsumerHandle implements QueueReceiver, TopicSubscriber {
    private final SessionHandle session;
    private final MessageConsumer consumer;

    ConsumerHandle(SessionHandle session, MessageConsumer consumer) {
        this.session = session;
        this.consumer = consumer;
    }

    @Override public String getMessageSelector() throws JMSException { return consumer.getMessageSelector(); }
    @Override public MessageListener getMessageListener() throws JMSException { throw ContainerRules.refused("MessageConsumer.getMessageListener"); }
    @Override public void setMessageListener(MessageListener listener) throws JMSException { throw ContainerRules.refused("MessageConsumer.setMessageListener"); }
    @Override public Message receive() throws JMSException { return consumer.receive(); }
    @Override public Message receive(long timeout) throws JMSException { return consumer.receive(timeout); }
    @Override public Message receiveNoWait() throws JMSException { return consumer.receiveNoWait(); }

    @Override
    public Queue getQueue() throws JMSException {
        if (!(consumer instanceof QueueReceiver r)) {
            throw new IllegalStateException("not a queue receiver");
        }
        return r.getQueue();
    }

    @Override
    public Topic getTopic() throws JMSException {
        if (!(consumer instanceof TopicSubscriber s)) {
            throw new IllegalStateException("not a topic subscriber");
        }
        return s.getTopic();
    }

    @Override
    public boolean getNoLocal() throws JMSException {
        return consumer instanceof TopicSubscriber s && s.getNoLocal();
    }

    @Override
    public void close() throws JMSException {
        session.forget(this);
        consumer.close();
    }

    void closeQuietly() {
        try {
            consumer.close();
        } catch (JMSException | RuntimeException ignored) {
            // the managed connection's session goes on; a broken consumer dies with it
        }
    }
}
