package org.ferrymq.examples.jms.workqueue;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import org.ferrymq.examples.jms.JmsBroker;

/**
 * Work queue in JMS: puts one persistent task per argument on the durable queue {@code hello2}
 * (the tutorial's task queue, so {@code worker.py} and the JMS {@link Worker} both take them).
 * Arguments: task....
 */
public final class NewTask {
    public static final String QUEUE_NAME = org.ferrymq.examples.workqueue.NewTask.QUEUE_NAME;

    private NewTask() {
    }

    public static void main(String[] argv) throws Exception {
        String[] tasks = argv.length > 0 ? argv : new String[] {"Hello World!"};
        JmsBroker broker = JmsBroker.fromEnvironment();
        broker.declare(org.ferrymq.examples.workqueue.NewTask::declareQueue);
        try (JMSContext context = broker.connectionFactory().createContext()) {
            for (String task : tasks) {
                publish(context, task);
                System.out.println(" [x] Sent '" + task + "'");
            }
        }
    }

    /**
     * PERSISTENT (delivery-mode 2; also the JMS default, spelled out here) on a durable queue: the
     * task survives a broker restart. The send returns once the broker confirmed it.
     */
    public static void publish(JMSContext context, String task) {
        Queue queue = context.createQueue(QUEUE_NAME);
        JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
        producer.send(queue, task);
    }
}
