package org.ferrymq.ra.outbound;

import static org.ferrymq.jms.JmsExceptions.unchecked;

import jakarta.jms.JMSConsumer;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;

/** A JMSConsumer of a {@link ContextHandle}: synchronous receive only. */
final class ContextConsumer implements JMSConsumer {
    private final MessageConsumer consumer;

    ContextConsumer(MessageConsumer consumer) {
        this.consumer = consumer;
    }

    @Override public String getMessageSelector() { return unchecked(consumer::getMessageSelector); }
    @Override public MessageListener getMessageListener() { throw ContainerRules.refusedRuntime("JMSConsumer.getMessageListener"); }
    @Override public void setMessageListener(MessageListener listener) { throw ContainerRules.refusedRuntime("JMSConsumer.setMessageListener"); }
    @Override public Message receive() { return unchecked(consumer::receive); }
    @Override public Message receive(long timeout) { return unchecked(() -> consumer.receive(timeout)); }
    @Override public Message receiveNoWait() { return unchecked(consumer::receiveNoWait); }
    @Override public void close() { unchecked(() -> { consumer.close(); return null; }); }
    @Override public <T> T receiveBody(Class<T> c) { return body(receive(), c); }
    @Override public <T> T receiveBody(Class<T> c, long timeout) { return body(receive(timeout), c); }
    @Override public <T> T receiveBodyNoWait(Class<T> c) { return body(receiveNoWait(), c); }

    private static <T> T body(Message m, Class<T> c) {
        return m == null ? null : unchecked(() -> m.getBody(c));
    }
}
