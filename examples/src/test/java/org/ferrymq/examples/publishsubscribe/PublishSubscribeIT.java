package org.ferrymq.examples.publishsubscribe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import com.rabbitmq.client.Channel;
import org.ferrymq.examples.support.ExampleBroker;
import org.ferrymq.examples.support.Inbox;
import org.ferrymq.examples.support.PythonScript;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The fanout exchange {@code logs} gives every message to every subscriber's server-named queue. */
@Timeout(60)
class PublishSubscribeIT {
    private static final List<String> LOGS = List.of("info: one", "warning: two", "error: three");

    @RegisterExtension
    static final ExampleBroker broker = new ExampleBroker();

    @BeforeEach
    @AfterEach
    void deleteExchange() throws Exception {
        broker.deleteExchanges(EmitLog.EXCHANGE_NAME);
    }

    @Test
    void javaSubscribersEachGetEveryMessage() throws Exception {
        Inbox first = new Inbox();
        Inbox second = new Inbox();
        String firstQueue = ReceiveLogs.subscribe(broker.channel(), first);
        String secondQueue = ReceiveLogs.subscribe(broker.channel(), second);
        assertThat(firstQueue).isNotBlank().isNotEqualTo(secondQueue);

        Channel producer = broker.channel();
        for (String log : LOGS) {
            EmitLog.emit(producer, log);
        }

        for (Inbox subscriber : List.of(first, second)) {
            assertThat(subscriber.awaitCount(LOGS.size(), Duration.ofSeconds(10)).settle(Duration.ofMillis(200)).bodies())
                    .containsExactlyElementsOf(LOGS);
        }
    }

    @Test
    void pythonSubscribersEachGetEveryMessage() throws Exception {
        try (PythonScript first = PythonScript.startConsumer(broker, LOGS.size(), "receive_logs.py").awaitReady();
             PythonScript second = PythonScript.startConsumer(broker, LOGS.size(), "receive_logs.py").awaitReady()) {
            for (String log : LOGS) {
                assertThat(PythonScript.run(broker, "emit_log.py", log)).contains(" [x] Sent '" + log + "'");
            }

            for (PythonScript subscriber : List.of(first, second)) {
                subscriber.awaitExit(Duration.ofSeconds(20), 0);
                assertThat(subscriber.printedBodies()).containsExactlyElementsOf(LOGS);
            }
        }
    }

    @Test
    void messageWithoutSubscribersIsDropped() throws Exception {
        PythonScript.run(broker, "emit_log.py", "nobody listens");

        try (PythonScript late = PythonScript.startConsumer(broker, 1, "receive_logs.py").awaitReady()) {
            PythonScript.run(broker, "emit_log.py", "info: now");
            late.awaitExit(Duration.ofSeconds(20), 0);
            assertThat(late.printedBodies()).containsExactly("info: now");
        }
    }
}
