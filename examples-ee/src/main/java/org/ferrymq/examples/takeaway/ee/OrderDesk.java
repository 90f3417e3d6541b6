package org.ferrymq.examples.takeaway.ee;

import java.util.UUID;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;

/**
 * Takes an order: one JTA transaction writes the row and sends the order through the adapter's
 * pooled factory, so the order is in the database if and only if the kitchen gets it.
 */
@Stateless
public class OrderDesk {
    @Resource(lookup = Takeaway.CONNECTION_FACTORY)
    private ConnectionFactory factory;

    @EJB
    private OrderStore store;

    public String place(String city, String dish) {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        store.placed(id, city, dish);
        try (JMSContext ctx = factory.createContext()) {
            ctx.createProducer().setProperty(Takeaway.ORDER_ID, id).send(ctx.createTopic(Takeaway.orderTopic(city)), dish);
        }
        return id;
    }
}
