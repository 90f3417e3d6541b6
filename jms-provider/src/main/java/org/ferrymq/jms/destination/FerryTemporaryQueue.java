package org.ferrymq.jms.destination;

import jakarta.jms.JMSException;
import jakarta.jms.TemporaryQueue;

/**
 * A server-named exclusive queue that lives as long as its connection (AMQP exclusive queues
 * are deleted when their connection closes); only that connection may consume from it.
 */
public class FerryTemporaryQueue extends FerryQueue implements TemporaryQueue {
    private static final long serialVersionUID = 1L;
    private final transient TemporaryDeleter deleter;

    public FerryTemporaryQueue(String queueName, TemporaryDeleter deleter) {
        super(queueName);
        this.deleter = deleter;
    }

    @Override
    public void delete() throws JMSException {
        if (deleter != null) {
            deleter.delete(this);
        }
    }
}
