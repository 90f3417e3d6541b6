package org.ferrymq.examples.takeaway.ee;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * One step of an order (the restaurant's, a rider's): in the container's transaction, records the
 * step in the database and publishes the notification, so a failure rolls back both and the
 * order is delivered again. Each instance runs on one adapter session's thread at a time.
 */
public abstract class StatusStep implements MessageListener {
    @Resource(lookup = Takeaway.CONNECTION_FACTORY)
    private ConnectionFactory factory;

    @EJB
    private OrderStore store;

    /** Writes this step's status and returns the notification's text. */
    protected abstract String record(OrderStore store, String id, String city, String dish);

    @Override
    public void onMessage(Message order) {
        try {
            String notification = record(store, Takeaway.orderId(order), Takeaway.city(order), order.getBody(String.class));
            try (JMSContext ctx = factory.createContext()) {
                ctx.createProducer().send(ctx.createTopic(Takeaway.NOTIFICATIONS), notification);
            }
        } catch (JMSException e) {
            throw new IllegalStateException("unreadable order " + order, e);
        }
    }
}
