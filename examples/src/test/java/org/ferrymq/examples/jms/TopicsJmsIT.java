package org.ferrymq.examples.jms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import jakarta.jms.JMSContext;
import org.ferrymq.examples.jms.topics.EmitLogTopic;
import org.ferrymq.examples.jms.topics.ReceiveLogsTopic;
import org.ferrymq.examples.support.ExampleBroker;
import org.ferrymq.examples.support.PythonScript;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * JMS topics {@code logs3/<pattern>} on the tutorial's topic exchange with {@code #.news},
 * {@code *.weather} and {@code europe.#}: each subscriber gets exactly the matching keys.
 */
@Timeout(30)
class TopicsJmsIT {
    /** Each message's body is its key; keys nobody wants first, each subscriber's last key late. */
    private static final List<String> KEYS = List.of(
            "asia.sports", "weather", "asia.rain.weather", "news", "usa.news", "asia.weather",
            "europe", "europe.sports.news", "europe.weather");
    private static final List<String> NEWS = List.of("news", "usa.news", "europe.sports.news");
    private static final List<String> WEATHER = List.of("asia.weather", "europe.weather");
    private static final List<String> EUROPE = List.of("europe", "europe.sports.news", "europe.weather");

    @RegisterExtension
    static final ExampleBroker broker = new ExampleBroker();
    @RegisterExtension
    final JmsClients jms = new JmsClients(broker);

    @BeforeEach
    void declareExchange() throws Exception {
        broker.deleteExchanges(EmitLogTopic.EXCHANGE_NAME);
        jms.jmsBroker().declare(org.ferrymq.examples.topics.EmitLogTopic::declareExchange);
    }

    @AfterEach
    void deleteExchange() throws Exception {
        broker.deleteExchanges(EmitLogTopic.EXCHANGE_NAME);
    }

    @Test
    void eachSubscriberGetsExactlyTheMatchingKeys() throws Exception {
        Received<LogLine> news = new Received<>();
        Received<LogLine> weather = new Received<>();
        Received<LogLine> europe = new Received<>();
        ReceiveLogsTopic.subscribe(jms.context(), "#.news", news);
        ReceiveLogsTopic.subscribe(jms.context(), "*.weather", weather);
        ReceiveLogsTopic.subscribe(jms.context(), "europe.#", europe);

        JMSContext emitter = jms.context();
        for (String key : KEYS) {
            EmitLogTopic.emit(emitter, key, key);
        }

        europe.awaitCount(EUROPE.size(), Duration.ofSeconds(10)).settle(Duration.ofMillis(300));
        assertThat(keys(europe)).containsExactlyElementsOf(EUROPE);
        assertThat(keys(news.awaitCount(NEWS.size(), Duration.ofSeconds(10)))).containsExactlyElementsOf(NEWS);
        assertThat(keys(weather.awaitCount(WEATHER.size(), Duration.ofSeconds(10)))).containsExactlyElementsOf(WEATHER);
        assertThat(europe.items()).allSatisfy(log -> assertThat(log.text()).isEqualTo(log.routingKey()));
    }

    @Test
    void pikaSubscriberGetsTheMatchingJmsKeys() throws Exception {
        try (PythonScript weather = PythonScript.startConsumer(broker, WEATHER.size(), "receive_logs_topic.py", "*.weather")
                .awaitReady()) {
            JMSContext emitter = jms.context();
            for (String key : KEYS) {
                EmitLogTopic.emit(emitter, key, key);
            }

            weather.awaitExit(Duration.ofSeconds(15), 0);
            assertThat(weather.printedBodies()).containsExactlyElementsOf(WEATHER);
        }
    }

    @Test
    void jmsSubscriberGetsTheMatchingPikaKeys() throws Exception {
        Received<LogLine> news = new Received<>();
        ReceiveLogsTopic.subscribe(jms.context(), "#.news", news);

        PythonScript.run(broker, "emit_log_topic.py", "europe.weather", "rain");
        PythonScript.run(broker, "emit_log_topic.py", "usa.news", "election");

        assertThat(news.awaitCount(1, Duration.ofSeconds(10)).settle(Duration.ofMillis(200)).items())
                .containsExactly(new LogLine("usa.news", "election"));
    }

    private static List<String> keys(Received<LogLine> received) {
        return received.items().stream().map(LogLine::routingKey).toList();
    }
}
