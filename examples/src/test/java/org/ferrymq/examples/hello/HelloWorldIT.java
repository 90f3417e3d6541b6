package org.ferrymq.examples.hello;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.ferrymq.examples.support.ExampleBroker;
import org.ferrymq.examples.support.Inbox;
import org.ferrymq.examples.support.PythonScript;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(60)
class HelloWorldIT {
    @RegisterExtension
    static final ExampleBroker broker = new ExampleBroker();

    @BeforeEach
    @AfterEach
    void deleteQueue() throws Exception {
        broker.deleteQueues(Send.QUEUE_NAME);
    }

    @Test
    void javaReceiverGetsWhatJavaSenderSent() throws Exception {
        Inbox inbox = new Inbox();
        Receive.receive(broker.channel(), inbox);

        Send.send(broker.channel(), "Hello World!");

        assertThat(inbox.awaitCount(1, Duration.ofSeconds(10)).settle(Duration.ofMillis(200)).bodies())
                .containsExactly("Hello World!");
        assertThat(inbox.deliveries().get(0).getEnvelope().isRedeliver()).isFalse();
    }

    @Test
    void pythonReceiverGetsWhatPythonSenderSent() throws Exception {
        try (PythonScript receive = PythonScript.startConsumer(broker, 1, "receive.py").awaitReady()) {
            assertThat(PythonScript.run(broker, "send.py")).contains(" [x] Sent 'Hello World!'");

            receive.awaitExit(Duration.ofSeconds(20), 0);
            assertThat(receive.lines()).contains(" [x] Received b'Hello World!'");
        }
    }

    @Test
    void pythonMessageWaitsInTheQueueUntilAReceiverComes() throws Exception {
        PythonScript.run(broker, "send.py");

        try (PythonScript receive = PythonScript.startConsumer(broker, 1, "receive.py")) {
            receive.awaitExit(Duration.ofSeconds(20), 0);
            assertThat(receive.printedBodies()).containsExactly("Hello World!");
        }
    }
}
