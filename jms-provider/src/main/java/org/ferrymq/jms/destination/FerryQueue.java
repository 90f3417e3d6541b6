package org.ferrymq.jms.destination;

import jakarta.jms.Queue;

/**
 * A JMS Queue: the AMQP queue of that name, reached through the default exchange (routing key =
 * queue name), exactly as a pika program publishing with {@code routing_key='orders'} does.
 */
public class FerryQueue extends FerryDestination implements Queue {
    private static final long serialVersionUID = 1L;

    public FerryQueue(String queueName) {
        this(queueName, 0);
    }

    public FerryQueue(String queueName, int prefetch) {
        super("", queueName, prefetch);
    }

    @Override
    public String getQueueName() {
        return routingKey();
    }

    @Override
    public boolean isQueue() {
        return true;
    }

    /** The plain queue name, as pika's RPC examples put it in reply_to. */
    @Override
    public String address() {
        return getQueueName();
    }
}
