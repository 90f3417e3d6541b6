package org.ferrymq.ra.it.app;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.annotation.Resource;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;

/**
 * The test MDB (deployed under several names by ejb-jar.xml, each with its own activation
 * config): it reports every delivery to the queue {@code results.<destination>} (the queue or
 * topic name the message was sent to) through the adapter's
 * pooled connection factory, with the thread and the time it ran; a message with property
 * {@code fail=true} makes it throw (the report names its module too), one with {@code sleepMs} makes it work that long.
 */
public class EchoMdb implements MessageListener {
    @Resource(lookup = "java:/jms/ferrymq/CF")
    private ConnectionFactory factory;

    @Override
    public void onMessage(Message message) {
        try {
            long start = System.currentTimeMillis();
            if (message.propertyExists("sleepMs")) {
                Thread.sleep(message.getLongProperty("sleepMs"));
            }
            String text = message instanceof TextMessage t ? t.getText() : message.getBody(String.class);
            String mdbName = message.getJMSDestination() instanceof jakarta.jms.Queue q ? q.getQueueName()
                    : ((jakarta.jms.Topic) message.getJMSDestination()).getTopicName();
            try (JMSContext ctx = factory.createContext()) {
                ctx.createProducer()
                        .setProperty("mdb", mdbName)
                        .setProperty("module", moduleName())
                        .setProperty("start", start)
                        .setProperty("end", System.currentTimeMillis())
                        .setProperty("thread", Thread.currentThread().getName())
                        .setProperty("redelivered", message.getJMSRedelivered())
                        .setProperty("deliveryCount", message.propertyExists("JMSXDeliveryCount") ? message.getIntProperty("JMSXDeliveryCount") : -1)
                        .send(ctx.createQueue("results." + mdbName), text);
            }
            if (message.propertyExists("fail") && message.getBooleanProperty("fail")) {
                throw new IllegalStateException("the bean fails on purpose (fail=true)");
            }
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The application module the bean runs in (which of two apps sharing a subscription got a message). */
    private static String moduleName() {
        try {
            return (String) new InitialContext().lookup("java:module/ModuleName");
        } catch (NamingException e) {
            return "?";
        }
    }
}
