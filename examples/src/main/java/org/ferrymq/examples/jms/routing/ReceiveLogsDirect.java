package org.ferrymq.examples.jms.routing;

import java.util.List;
import java.util.function.Consumer;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageListener;
import jakarta.jms.Session;
import org.ferrymq.examples.jms.JmsBroker;
import org.ferrymq.examples.jms.LogLine;

/**
 * Routing in JMS, with the classic API: one session, one subscriber per severity
 * ({@code logs2/info}, {@code logs2/error}, ...), all with the same listener. A JMS subscriber has
 * one topic, so where {@code receive_logs_direct.py} binds one queue several times, this program
 * has one queue per severity; the session still runs the listener for one message at a time.
 * Arguments: severity... (default: info warning error).
 */
public final class ReceiveLogsDirect {

    private ReceiveLogsDirect() {
    }

    public static void main(String[] argv) throws Exception {
        List<String> severities = argv.length > 0 ? List.of(argv) : List.of("info", "warning", "error");
        JmsBroker broker = JmsBroker.fromEnvironment();
        broker.declare(org.ferrymq.examples.routing.EmitLogDirect::declareExchange);
        subscribe(broker.connectionFactory(), severities, log -> System.out.println(" [x] '" + log + "'"));
        System.out.println(" [*] Waiting for " + severities + " logs. To exit press CTRL+C");
        Thread.currentThread().join(); // the listener runs on the session's thread until CTRL+C
    }

    /** Subscribes to each severity; closing the returned connection ends the subscriptions. */
    public static Connection subscribe(ConnectionFactory factory, List<String> severities, Consumer<LogLine> onLog)
            throws JMSException {
        Connection connection = factory.createConnection();
        try {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageListener listener = message -> {
                try {
                    onLog.accept(LogLine.from(message)); // the routing key comes back in JMSDestination
                } catch (JMSException e) {
                    throw new IllegalStateException(e);
                }
            };
            for (String severity : severities) {
                session.createConsumer(session.createTopic(EmitLogDirect.topic(severity))).setMessageListener(listener);
            }
            connection.start();
            return connection;
        } catch (JMSException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }
}
