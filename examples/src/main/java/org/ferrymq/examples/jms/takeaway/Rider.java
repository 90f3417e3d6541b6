package org.ferrymq.examples.jms.takeaway;

import java.util.function.Consumer;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import org.ferrymq.examples.jms.JmsBroker;
import org.ferrymq.examples.takeaway.TakeawayTopology;

/**
 * Takeaway in JMS, the riders of one city: compete for that city's orders on the JMS queue
 * {@code takeaway.rider.<city>} (bound to {@code orders} with {@code order.created.<city>}) and
 * announce on {@code notifications/} that a rider is on the way. Argument: [city].
 */
public final class Rider {

    private Rider() {
    }

    public static void main(String[] argv) throws Exception {
        String city = argv.length > 0 ? argv[0] : "beijing";
        JmsBroker broker = JmsBroker.fromEnvironment();
        broker.declare(TakeawayTopology::declareNotifications, channel -> TakeawayTopology.declareRiderQueue(channel, city));
        deliver(broker.connectionFactory(), city, order -> System.out.println(
                " [x] Order " + order.id() + ": picking up '" + order.dish() + "' in " + city));
        System.out.println(" [*] Waiting for orders in " + city + ". To exit press CTRL+C");
        Thread.currentThread().join(); // the listener runs on the session's thread until CTRL+C
    }

    /** Needs {@link TakeawayTopology#declareRiderQueue}; closing the returned connection stops the rider. */
    public static Connection deliver(ConnectionFactory factory, String city, Consumer<Order> onOrder)
            throws JMSException {
        Connection connection = factory.createConnection();
        try {
            OrderStation.open(connection, TakeawayTopology.riderQueue(city),
                    order -> "order " + order.id() + ": a rider is on the way", onOrder);
            return connection;
        } catch (JMSException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }
}
