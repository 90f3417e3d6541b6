package org.ferrymq.jms.simplified;

import static org.ferrymq.jms.JmsExceptions.unchecked;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageListener;

import org.ferrymq.jms.FerryMessageConsumer;

/** A JMSConsumer over a classic MessageConsumer. */
final class FerryJmsConsumer implements JMSConsumer {
    private final MessageConsumer consumer;

    FerryJmsConsumer(MessageConsumer consumer) {
        this.consumer = consumer;
    }

    @Override public String getMessageSelector() { return unchecked(consumer::getMessageSelector); }
    @Override public MessageListener getMessageListener() { return unchecked(consumer::getMessageListener); }
    @Override public void setMessageListener(MessageListener listener) { unchecked(() -> { consumer.setMessageListener(listener); return null; }); }
    @Override public Message receive() { return unchecked(consumer::receive); }
    @Override public Message receive(long timeout) { return unchecked(() -> consumer.receive(timeout)); }
    @Override public Message receiveNoWait() { return unchecked(consumer::receiveNoWait); }
    @Override public void close() { unchecked(() -> { consumer.close(); return null; }); }
    @Override public <T> T receiveBody(Class<T> c) { return receiveBody(c, 0); }
    @Override public <T> T receiveBodyNoWait(Class<T> c) { return receiveBody(c, -1); }

    @Override
    public <T> T receiveBody(Class<T> c, long timeout) {
        if (consumer instanceof FerryMessageConsumer own) {
            return unchecked(() -> own.receiveBody(c, timeout));
        }
        return body(timeout < 0 ? receiveNoWait() : receive(timeout), c);
    }

    private static <T> T body(Message m, Class<T> c) {
        if (m == null) {
            return null;
        }
        try {
            if (!m.isBodyAssignableTo(c)) {
                throw new MessageFormatRuntimeException("the message body cannot be read as " + c.getName());
            }
            return m.getBody(c);
        } catch (JMSException e) {
            throw FerryJmsContext.runtime(e);
        }
    }
}
