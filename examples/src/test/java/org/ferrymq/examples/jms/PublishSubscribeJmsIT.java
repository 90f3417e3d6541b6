package org.ferrymq.examples.jms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import jakarta.jms.JMSContext;
import org.ferrymq.examples.jms.publishsubscribe.EmitLog;
import org.ferrymq.examples.jms.publishsubscribe.ReceiveLogs;
import org.ferrymq.examples.support.ExampleBroker;
import org.ferrymq.examples.support.PythonScript;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JMS topic {@code logs/} on the tutorial's fanout exchange: every subscriber gets every message. */
@Timeout(30)
class PublishSubscribeJmsIT {
    private static final String EXCHANGE = org.ferrymq.examples.publishsubscribe.EmitLog.EXCHANGE_NAME;

    @RegisterExtension
    static final ExampleBroker broker = new ExampleBroker();
    @RegisterExtension
    final JmsClients jms = new JmsClients(broker);

    @BeforeEach
    void declareExchange() throws Exception {
        broker.deleteExchanges(EXCHANGE);
        jms.jmsBroker().declare(org.ferrymq.examples.publishsubscribe.EmitLog::declareExchange);
    }

    @AfterEach
    void deleteExchange() throws Exception {
        broker.deleteExchanges(EXCHANGE);
    }

    @Test
    void eachOfTwoSubscribersGetsEveryMessage() throws Exception {
        Received<String> first = new Received<>();
        Received<String> second = new Received<>();
        ReceiveLogs.subscribe(jms.context(), first);
        ReceiveLogs.subscribe(jms.context(), second);

        JMSContext emitter = jms.context();
        List<String> logs = List.of("info: one", "warning: two", "error: three");
        for (String log : logs) {
            EmitLog.emit(emitter, log);
        }

        assertThat(first.awaitCount(3, Duration.ofSeconds(10)).settle(Duration.ofMillis(200)).items())
                .containsExactlyElementsOf(logs);
        assertThat(second.awaitCount(3, Duration.ofSeconds(10)).items()).containsExactlyElementsOf(logs);
    }

    @Test
    void messagePublishedWhileNobodySubscribesIsDropped() throws Exception {
        JMSContext emitter = jms.context();
        EmitLog.emit(emitter, "nobody hears this");

        Received<String> late = new Received<>();
        ReceiveLogs.subscribe(jms.context(), late);
        EmitLog.emit(emitter, "this one is heard");

        assertThat(late.awaitCount(1, Duration.ofSeconds(10)).settle(Duration.ofMillis(200)).items())
                .containsExactly("this one is heard");
    }

    @Test
    void pikaSubscriberGetsTheJmsLog() throws Exception {
        try (PythonScript subscriber = PythonScript.startConsumer(broker, 1, "receive_logs.py").awaitReady()) {
            EmitLog.emit(jms.context(), "info: from JMS");

            subscriber.awaitExit(Duration.ofSeconds(15), 0);
            assertThat(subscriber.printedBodies()).containsExactly("info: from JMS");
        }
    }

    @Test
    void jmsSubscriberGetsThePikaLog() throws Exception {
        Received<String> subscriber = new Received<>();
        ReceiveLogs.subscribe(jms.context(), subscriber);

        PythonScript.run(broker, "emit_log.py", "info:", "from", "pika");

        assertThat(subscriber.awaitCount(1, Duration.ofSeconds(10)).items()).containsExactly("info: from pika");
    }
}
