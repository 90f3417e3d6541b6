package org.ferrymq.examples.jms.takeaway;

import java.util.function.Consumer;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import org.ferrymq.examples.jms.JmsBroker;
import org.ferrymq.examples.takeaway.TakeawayTopology;

/**
 * Takeaway in JMS, a notification channel (the customer's app, SMS, ...): a subscriber of the
 * topic {@code notifications/}, the fanout exchange every status update goes to, whichever
 * program (JMS, Java AMQP, pika) published it. Argument: [name].
 */
public final class Notifications {

    private Notifications() {
    }

    public static void main(String[] argv) throws Exception {
        String name = argv.length > 0 ? argv[0] : "app";
        JmsBroker broker = JmsBroker.fromEnvironment();
        broker.declare(TakeawayTopology::declareNotifications);
        JMSContext context = broker.connectionFactory().createContext();
        listen(context, notice -> System.out.println(" [x] " + name + ": '" + notice + "'"));
        System.out.println(" [*] " + name + " waiting for notifications. To exit press CTRL+C");
        Thread.currentThread().join(); // the listener runs on the context's thread until CTRL+C
    }

    /** Needs the exchange ({@link TakeawayTopology#declareNotifications}); subscribed when this returns. */
    public static JMSConsumer listen(JMSContext context, Consumer<String> onNotice) {
        JMSConsumer consumer = context.createConsumer(context.createTopic(OrderStation.NOTIFICATIONS_TOPIC));
        consumer.setMessageListener(message -> {
            try {
                onNotice.accept(message.getBody(String.class));
            } catch (JMSException e) {
                throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
            }
        });
        return consumer;
    }
}
