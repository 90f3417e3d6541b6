package org.ferrymq.jms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import org.ferrymq.broker.FerryBroker;
import org.ferrymq.jms.FerryConnectionFactory;
import org.ferrymq.jms.FerryJmsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * PERSISTENT messages sent over JMS, to a queue and to an inactive durable subscription, are there
 * after the broker stops and a new one starts on the same data directory. Restarts its own embedded
 * FerryMQ, so FerryMQ only (the SIGKILL case is the server module's CrashRecoveryIT).
 */
@Timeout(60)
class PersistenceAcrossRestartIT {
    private static final String CLIENT_ID = "restart-it";

    @TempDir
    Path dataDir;

    @Test
    void persistentMessagesToAQueueAndADurableSubscriptionSurviveACleanRestart() throws Exception {
        int port = freePort();
        FerryConnectionFactory factory = new FerryConnectionFactory(FerryJmsConfig.builder()
                .brokerUri("amqp://guest:guest@127.0.0.1:" + port).automaticRecovery(false).build());
        FerryBroker broker = start(port);
        try {
            try (Connection c = factory.createConnection()) {
                c.setClientID(CLIENT_ID);
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                Topic topic = s.createTopic("restart-it.topic");
                s.createDurableConsumer(topic, "kept").close();   // inactive: its messages wait on disk
                MessageProducer p = s.createProducer(null);
                p.setDeliveryMode(DeliveryMode.PERSISTENT);
                for (int i = 1; i <= 3; i++) {
                    p.send(s.createQueue("restart-it.queue"), s.createTextMessage("queued " + i));   // each confirmed
                }
                for (int i = 1; i <= 2; i++) {
                    p.send(topic, s.createTextMessage("published " + i));
                }
            }
            broker.close();
            broker = start(port);

            try (Connection c = factory.createConnection()) {
                c.setClientID(CLIENT_ID);
                c.start();
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                assertEquals(List.of("queued 1", "queued 2", "queued 3"), drain(s.createConsumer(s.createQueue("restart-it.queue"))));
                MessageConsumer subscription = s.createDurableConsumer(s.createTopic("restart-it.topic"), "kept");
                assertEquals(List.of("published 1", "published 2"), drain(subscription));
                subscription.close();
                s.unsubscribe("kept");
            }
        } finally {
            broker.close();
        }
    }

    private static List<String> drain(MessageConsumer consumer) throws JMSException {
        List<String> texts = new ArrayList<>();
        for (Message m = consumer.receive(5000); m != null; m = consumer.receive(300)) {
            assertEquals(DeliveryMode.PERSISTENT, m.getJMSDeliveryMode());
            texts.add(((TextMessage) m).getText());
        }
        assertNotNull(texts.isEmpty() ? null : texts, "nothing survived the restart");
        assertNull(consumer.receiveNoWait());
        return texts;
    }

    private FerryBroker start(int port) {
        return FerryBroker.builder().host("127.0.0.1").amqpPort(port).dataDir(dataDir).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
