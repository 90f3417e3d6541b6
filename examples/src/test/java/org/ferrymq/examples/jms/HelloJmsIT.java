package org.ferrymq.examples.jms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.jms.JMSContext;
import org.ferrymq.examples.jms.hello.Receive;
import org.ferrymq.examples.jms.hello.Send;
import org.ferrymq.examples.support.ExampleBroker;
import org.ferrymq.examples.support.PythonScript;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Hello world in JMS on the tutorial's queue {@code hello}, and with pika on the other end. */
@Timeout(30)
class HelloJmsIT {
    @RegisterExtension
    static final ExampleBroker broker = new ExampleBroker();
    @RegisterExtension
    final JmsClients jms = new JmsClients(broker);

    @BeforeEach
    void declareTheTutorialsQueue() throws Exception {
        broker.deleteQueues(Send.QUEUE_NAME);
        jms.jmsBroker().declare(Send::declareQueue);
    }

    @AfterEach
    void deleteQueue() throws Exception {
        broker.deleteQueues(Send.QUEUE_NAME);
    }

    @Test
    void jmsReceiverGetsWhatTheJmsSenderSent() throws Exception {
        JMSContext context = jms.context();
        Send.send(context, "Hello World!");

        assertThat(Receive.receive(context, Duration.ofSeconds(10))).isEqualTo("Hello World!");
        assertThat(Receive.receive(context, Duration.ofMillis(200))).as("the message was acknowledged").isNull();
    }

    @Test
    void messageWaitsInTheQueueUntilSomeoneReceives() throws Exception {
        Send.send(jms.context(), "sent while nobody listens");

        assertThat(broker.channel().queueDeclarePassive(Send.QUEUE_NAME).getMessageCount()).isEqualTo(1);
        assertThat(Receive.receive(jms.context(), Duration.ofSeconds(10))).isEqualTo("sent while nobody listens");
    }

    @Test
    void pikaReceiverGetsTheJmsTextMessage() throws Exception {
        try (PythonScript receiver = PythonScript.startConsumer(broker, 1, "receive.py").awaitReady()) {
            Send.send(jms.context(), "Hello World!");

            receiver.awaitExit(Duration.ofSeconds(15), 0);
            assertThat(receiver.printedBodies()).containsExactly("Hello World!");
        }
    }

    @Test
    void jmsReceiverGetsWhatPikaSent() throws Exception {
        PythonScript.run(broker, "send.py");

        assertThat(Receive.receive(jms.context(), Duration.ofSeconds(10))).isEqualTo("Hello World!");
    }
}
