package org.ferrymq.examples.jms.workqueue;

import java.time.Duration;
import java.util.function.Consumer;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import org.ferrymq.examples.jms.JmsBroker;

/**
 * Work queue in JMS with the classic API, to show the acknowledgement mode: a CLIENT_ACKNOWLEDGE
 * session acks a task only when {@code acknowledge()} is called after the work is done, and the
 * destination {@code hello2?prefetch=1} sets basic.qos(1), so the broker sends a worker its next
 * task only once it acked the previous one: a fast worker gets more tasks than a slow one (fair
 * dispatch). Argument: [seconds per task].
 */
public final class Worker {
    /** The task queue with a prefetch of one; a connection factory prefetch of 1 would do the same. */
    public static final String FAIR_QUEUE = NewTask.QUEUE_NAME + "?prefetch=1";

    private Worker() {
    }

    public static void main(String[] argv) throws Exception {
        Duration perTask = Duration.ofMillis((long) (1000 * (argv.length > 0 ? Double.parseDouble(argv[0]) : 1.0)));
        JmsBroker broker = JmsBroker.fromEnvironment();
        broker.declare(org.ferrymq.examples.workqueue.NewTask::declareQueue);
        work(broker.connectionFactory(), perTask, task -> System.out.println(
                " [x] Received '" + task.body() + "' (redelivered=" + task.redelivered() + ")"));
        System.out.println(" [*] Waiting for tasks. To exit press CTRL+C");
        Thread.currentThread().join(); // the listener runs on the session's thread until CTRL+C
    }

    /**
     * Starts a worker on its own connection (a process of its own, as far as the broker can tell);
     * closing the returned connection stops it and requeues a task it has not acknowledged.
     */
    public static Connection work(ConnectionFactory factory, Duration perTask, Consumer<Task> onTask)
            throws JMSException {
        Connection connection = factory.createConnection();
        try {
            Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(FAIR_QUEUE));
            consumer.setMessageListener(message -> {
                try {
                    onTask.accept(Task.from(message));
                    pretendToWork(perTask);
                    message.acknowledge(); // only now may the broker forget the task
                } catch (JMSException e) {
                    throw new IllegalStateException(e); // not acked: the broker redelivers it
                }
            });
            connection.start();
            return connection;
        } catch (JMSException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    static void pretendToWork(Duration perTask) {
        try {
            Thread.sleep(perTask.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
