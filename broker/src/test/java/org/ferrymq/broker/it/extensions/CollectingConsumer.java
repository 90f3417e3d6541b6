package org.ferrymq.broker.it.extensions;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.Envelope;

/** A consumer that queues its deliveries for the test thread to take, with a timeout. */
final class CollectingConsumer extends DefaultConsumer {
    private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();

    CollectingConsumer(Channel channel) {
        super(channel);
    }

    @Override
    public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        deliveries.add(new Delivery(envelope, properties, body));
    }

    /** The next delivery; fails if none arrives within the timeout. */
    Delivery next(Duration timeout) throws InterruptedException {
        Delivery d = deliveries.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (d == null) {
            throw new AssertionError("no delivery within " + timeout.toMillis() + " ms");
        }
        return d;
    }

    /** The next delivery, or null if none arrives within the wait. */
    Delivery poll(Duration wait) throws InterruptedException {
        return deliveries.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    int pending() {
        return deliveries.size();
    }
}
