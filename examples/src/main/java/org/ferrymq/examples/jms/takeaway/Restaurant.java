package org.ferrymq.examples.jms.takeaway;

import java.util.function.Consumer;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import org.ferrymq.examples.jms.JmsBroker;
import org.ferrymq.examples.takeaway.TakeawayTopology;

/**
 * Takeaway in JMS, the restaurant: takes every city's orders, one at a time, from the JMS queue
 * {@code takeaway.restaurant} (the durable queue of the AMQP design, bound to {@code orders} with
 * {@code order.created.*}), and announces on {@code notifications/} that it accepted each.
 */
public final class Restaurant {

    private Restaurant() {
    }

    public static void main(String[] argv) throws Exception {
        JmsBroker broker = JmsBroker.fromEnvironment();
        broker.declare(TakeawayTopology::declareNotifications, TakeawayTopology::declareRestaurantQueue);
        cook(broker.connectionFactory(), order -> System.out.println(
                " [x] Order " + order.id() + ": cooking '" + order.dish() + "' for " + order.city()));
        System.out.println(" [*] Waiting for orders. To exit press CTRL+C");
        Thread.currentThread().join(); // the listener runs on the session's thread until CTRL+C
    }

    /**
     * Needs the queue, its binding and the exchanges, which JMS cannot declare
     * ({@link TakeawayTopology#declareRestaurantQueue}). Closing the returned connection stops it.
     */
    public static Connection cook(ConnectionFactory factory, Consumer<Order> onOrder) throws JMSException {
        Connection connection = factory.createConnection();
        try {
            OrderStation.open(connection, TakeawayTopology.RESTAURANT_QUEUE,
                    order -> "order " + order.id() + ": accepted by the restaurant", onOrder);
            return connection;
        } catch (JMSException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }
}
