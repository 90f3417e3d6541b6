package org.ferrymq.examples.jms.workqueue;

import java.time.Duration;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import org.ferrymq.examples.jms.JmsBroker;

/**
 * Work queue in JMS: a worker that takes one task and dies before acknowledging it. The broker
 * gets the task back when the connection goes, and the next worker receives it with
 * {@code JMSRedelivered=true}.
 */
public final class CrashingWorker {

    private CrashingWorker() {
    }

    public static void main(String[] argv) throws Exception {
        JmsBroker broker = JmsBroker.fromEnvironment();
        broker.declare(org.ferrymq.examples.workqueue.NewTask::declareQueue);
        System.out.println(" [*] Waiting for a task to crash on. To exit press CTRL+C");
        Task task = takeOneTaskAndDie(broker.connectionFactory(), Duration.ofDays(1));
        System.out.println(" [x] Received '" + (task == null ? null : task.body()) + "', crashing without an ack");
        Runtime.getRuntime().halt(1);
    }

    /** Receives one task (null if none within {@code timeout}) and closes the connection without acknowledging it. */
    public static Task takeOneTaskAndDie(ConnectionFactory factory, Duration timeout) throws JMSException {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(Worker.FAIR_QUEUE));
            connection.start();
            Message message = consumer.receive(timeout.toMillis());
            return message == null ? null : Task.from(message);
        } // no acknowledge(): closing the connection hands the task back to the broker
    }
}
