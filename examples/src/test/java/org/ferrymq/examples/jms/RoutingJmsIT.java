package org.ferrymq.examples.jms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import jakarta.jms.JMSContext;
import org.ferrymq.examples.jms.routing.EmitLogDirect;
import org.ferrymq.examples.jms.routing.ReceiveLogsDirect;
import org.ferrymq.examples.support.ExampleBroker;
import org.ferrymq.examples.support.PythonScript;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** JMS topics {@code logs2/<severity>} on the tutorial's direct exchange: each subscriber gets its severities. */
@Timeout(30)
class RoutingJmsIT {
    @RegisterExtension
    static final ExampleBroker broker = new ExampleBroker();
    @RegisterExtension
    final JmsClients jms = new JmsClients(broker);

    @BeforeEach
    void declareExchange() throws Exception {
        broker.deleteExchanges(EmitLogDirect.EXCHANGE_NAME);
        jms.jmsBroker().declare(org.ferrymq.examples.routing.EmitLogDirect::declareExchange);
    }

    @AfterEach
    void deleteExchange() throws Exception {
        broker.deleteExchanges(EmitLogDirect.EXCHANGE_NAME);
    }

    @Test
    void eachSubscriberGetsExactlyItsSeverities() throws Exception {
        Received<LogLine> errors = new Received<>();
        Received<LogLine> everything = new Received<>();
        jms.closeAfterTest(ReceiveLogsDirect.subscribe(jms.factory(), List.of("error"), errors));
        jms.closeAfterTest(ReceiveLogsDirect.subscribe(jms.factory(), List.of("info", "warning", "error"), everything));

        JMSContext emitter = jms.context();
        EmitLogDirect.emit(emitter, "debug", "nobody wants this");
        EmitLogDirect.emit(emitter, "info", "all good");
        EmitLogDirect.emit(emitter, "warning", "disk 90% full");
        EmitLogDirect.emit(emitter, "error", "disk full");

        assertThat(everything.awaitCount(3, Duration.ofSeconds(10)).settle(Duration.ofMillis(300)).items())
                .containsExactlyInAnyOrder(new LogLine("info", "all good"), new LogLine("warning", "disk 90% full"),
                        new LogLine("error", "disk full"));
        assertThat(errors.awaitCount(1, Duration.ofSeconds(10)).items()).containsExactly(new LogLine("error", "disk full"));
    }

    @Test
    void jmsSubscriberGetsPikasErrorOnly() throws Exception {
        Received<LogLine> errors = new Received<>();
        jms.closeAfterTest(ReceiveLogsDirect.subscribe(jms.factory(), List.of("error"), errors));

        PythonScript.run(broker, "emit_log_direct.py", "info", "all good");
        PythonScript.run(broker, "emit_log_direct.py", "error", "disk full");

        assertThat(errors.awaitCount(1, Duration.ofSeconds(10)).settle(Duration.ofMillis(200)).items())
                .containsExactly(new LogLine("error", "disk full"));
    }

    @Test
    void pikaSubscriberGetsTheJmsError() throws Exception {
        try (PythonScript subscriber = PythonScript.startConsumer(broker, 1, "receive_logs_direct.py", "error")
                .awaitReady()) {
            JMSContext emitter = jms.context();
            EmitLogDirect.emit(emitter, "info", "all good");
            EmitLogDirect.emit(emitter, "error", "disk full");

            subscriber.awaitExit(Duration.ofSeconds(15), 0);
            assertThat(subscriber.printedBodies()).containsExactly("disk full");
        }
    }
}
