package org.ferrymq.jms.destination;

import jakarta.jms.JMSException;
import jakarta.jms.TemporaryTopic;

/** A topic with a unique routing key on amq.topic, owned by the connection that created it. */
public class FerryTemporaryTopic extends FerryTopic implements TemporaryTopic {
    private static final long serialVersionUID = 1L;
    private final transient TemporaryDeleter deleter;

    public FerryTemporaryTopic(String routingKey, TemporaryDeleter deleter) {
        super(DEFAULT_EXCHANGE, routingKey);
        this.deleter = deleter;
    }

    @Override
    public void delete() throws JMSException {
        if (deleter != null) {
            deleter.delete(this);
        }
    }
}
