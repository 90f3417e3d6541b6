package org.ferrymq.examples.routing;

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

/**
 * The direct exchange {@code logs2}: one subscriber bound to error only, one to info, warning and
 * error; each gets exactly its keys, nobody gets debug.
 */
@Timeout(60)
class RoutingIT {
    /** Severity and message, in publishing order: the one key both subscribers share comes last,
     *  so a message routed to the wrong queue shows up before a script's last expected one. */
    private static final List<List<String>> LOGS = List.of(
            List.of("info", "info: one"),
            List.of("warning", "warning: two"),
            List.of("debug", "debug: nobody wants this"),
            List.of("error", "error: three"));

    @RegisterExtension
    static final ExampleBroker broker = new ExampleBroker();

    @BeforeEach
    @AfterEach
    void deleteExchange() throws Exception {
        broker.deleteExchanges(EmitLogDirect.EXCHANGE_NAME);
    }

    @Test
    void javaSubscribersGetExactlyTheirSeverities() throws Exception {
        Inbox errors = new Inbox();
        Inbox everything = new Inbox();
        ReceiveLogsDirect.subscribe(broker.channel(), List.of("error"), errors);
        ReceiveLogsDirect.subscribe(broker.channel(), List.of("info", "warning", "error"), everything);

        Channel producer = broker.channel();
        for (List<String> log : LOGS) {
            EmitLogDirect.emit(producer, log.get(0), log.get(1));
        }

        assertThat(errors.awaitCount(1, Duration.ofSeconds(10)).settle(Duration.ofMillis(300)).bodies())
                .containsExactly("error: three");
        assertThat(everything.awaitCount(3, Duration.ofSeconds(10)).bodies())
                .containsExactly("info: one", "warning: two", "error: three");
        assertThat(errors.deliveries().get(0).getEnvelope().getRoutingKey()).isEqualTo("error");
    }

    @Test
    void pythonSubscribersGetExactlyTheirSeverities() throws Exception {
        try (PythonScript errors = PythonScript.startConsumer(broker, 1, "receive_logs_direct.py", "error").awaitReady();
             PythonScript everything = PythonScript.startConsumer(broker, 3,
                     "receive_logs_direct.py", "info", "warning", "error").awaitReady()) {
            for (List<String> log : LOGS) {
                PythonScript.run(broker, "emit_log_direct.py", log.get(0), log.get(1));
            }

            errors.awaitExit(Duration.ofSeconds(20), 0);
            everything.awaitExit(Duration.ofSeconds(20), 0);
            assertThat(errors.printedBodies()).containsExactly("error: three");
            assertThat(everything.printedBodies()).containsExactly("info: one", "warning: two", "error: three");
        }
    }

    @Test
    void pythonReceiverWithoutSeveritiesShowsUsage() throws Exception {
        try (PythonScript receiver = PythonScript.start(broker, "receive_logs_direct.py")) {
            receiver.awaitExit(Duration.ofSeconds(20), 1);
            assertThat(receiver.lines()).anyMatch(line -> line.startsWith("Usage:"));
        }
    }
}
