package org.ferrymq.jms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import com.rabbitmq.client.Channel;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A JMS Queue deleted behind a producer that already sent to it (an operator's queue.delete, a
 * pika program's): the connection remembers the queue as declared, so the next send goes to the
 * default exchange with no queue behind the routing key. The broker would confirm such a message
 * into nothing; the provider publishes queue sends mandatory, sees the basic.return, and declares
 * the queue again. Over amqp:// (FerryMQ, or the RabbitMQ peer) and vm://.
 */
@Timeout(60)
class DeletedQueueIT extends BrokerTestBase {

    static Stream<Arguments> transports() {
        return TestBroker.isExternal()
                ? Stream.of(Arguments.of("amqp", TestBroker.factory()))
                : Stream.of(Arguments.of("amqp", TestBroker.factory()), Arguments.of("vm", TestBroker.vmFactory()));
    }

    private static void deleteBehindTheProducer(String queue) throws Exception {
        try (Channel ch = TestBroker.admin().createChannel()) {
            ch.queueDelete(queue);
        }
    }

    /** The queue's message count, 0 while it does not exist. */
    private static long countOrZero(String queue) throws Exception {
        try {
            return TestBroker.messageCount(queue);
        } catch (java.io.IOException missing) {
            return 0;
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @MethodSource("transports")
    void aPersistentSendToADeletedQueueDeclaresItAgainAndIsNotLost(String transport, ConnectionFactory factory)
            throws Exception {
        String name = TestBroker.queueName("deleted-" + transport);
        try (Connection c = factory.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = s.createQueue(name);
            MessageProducer producer = s.createProducer(queue);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            producer.send(s.createTextMessage("before"));
            deleteBehindTheProducer(name);

            producer.send(s.createTextMessage("after"));

            assertEquals(1, TestBroker.messageCount(name), "the queue is back, with the message sent after the delete");
            c.start();
            try (MessageConsumer consumer = s.createConsumer(queue)) {
                TextMessage received = (TextMessage) consumer.receive(10_000);
                assertNotNull(received);
                assertEquals("after", received.getText());
            }
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @MethodSource("transports")
    void anAsynchronousSendToADeletedQueueIsReportedAndTheNextSendLands(String transport, ConnectionFactory factory)
            throws Exception {
        String name = TestBroker.queueName("deleted-async-" + transport);
        try (Connection c = factory.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = s.createProducer(s.createQueue(name));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            producer.send(s.createTextMessage("before"));
            deleteBehindTheProducer(name);

            CompletableFuture<Exception> outcome = new CompletableFuture<>();
            producer.send(s.createTextMessage("lost"), new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    outcome.complete(null);
                }

                @Override
                public void onException(Message message, Exception exception) {
                    outcome.complete(exception);
                }
            });
            Exception failure = outcome.get(20, TimeUnit.SECONDS);
            assertInstanceOf(InvalidDestinationException.class, failure, "the listener hears the message went nowhere");
            assertTrue(failure.getMessage().contains("returned"), failure.getMessage());

            producer.send(s.createTextMessage("next"));
            assertEquals(1, TestBroker.messageCount(name), "the next send declares the queue again");
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @MethodSource("transports")
    void nonPersistentSendsFindTheQueueAgainOnceTheReturnArrives(String transport, ConnectionFactory factory)
            throws Exception {
        String name = TestBroker.queueName("deleted-np-" + transport);
        try (Connection c = factory.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = s.createProducer(s.createQueue(name));
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            producer.send(s.createTextMessage("before"));
            deleteBehindTheProducer(name);

            // non-persistent sends do not wait: those in flight before the return arrives are at
            // most once, as the delivery mode says; the return makes a later one declare the queue
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int sent = 0;
            while (countOrZero(name) == 0 && System.nanoTime() < deadline) {
                producer.send(s.createTextMessage("again " + sent++));
                Thread.sleep(20);
            }
            assertTrue(countOrZero(name) > 0, "no send reached a queue in " + sent + " tries");
        }
    }
}
