package org.ferrymq.examples.jms.takeaway;

import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.ferrymq.examples.takeaway.TakeawayTopology;

/**
 * What the restaurant and the riders have in common: take orders from a durable queue one at a
 * time, announce a status update on {@code notifications/}, and commit. The session is
 * transacted, so the order's ack and the notice belong together: if the station dies before
 * {@code commit()}, the order comes back to the queue and the notice is never published.
 */
final class OrderStation {
    /** The fanout exchange {@code notifications}; the routing key does not matter. */
    static final String NOTIFICATIONS_TOPIC = TakeawayTopology.NOTIFICATIONS_EXCHANGE + "/";

    private OrderStation() {
    }

    /** Starts taking orders on a session of {@code connection}; closing the connection stops it. */
    static void open(Connection connection, String queue, Function<Order, String> notice, Consumer<Order> onOrder)
            throws JMSException {
        Session session = connection.createSession(Session.SESSION_TRANSACTED);
        MessageProducer notices = session.createProducer(session.createTopic(NOTIFICATIONS_TOPIC));
        notices.setDeliveryMode(DeliveryMode.NON_PERSISTENT); // a status update is not worth a disk write
        MessageConsumer orders = session.createConsumer(session.createQueue(queue + "?prefetch=1"));
        orders.setMessageListener(message -> {
            try {
                Order order = Order.from(message);
                onOrder.accept(order);
                notices.send(session.createTextMessage(notice.apply(order)));
                session.commit();
            } catch (JMSException | RuntimeException e) {
                rollback(session); // the order goes back to the queue, redelivered
            }
        });
        connection.start();
    }

    private static void rollback(Session session) {
        try {
            session.rollback();
        } catch (JMSException e) {
            // the session is gone: the broker requeues the order anyway
        }
    }
}
