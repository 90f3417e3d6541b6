package org.ferrymq.examples.topics;

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
 * The topic exchange {@code logs3} with the tutorial's bindings {@code #.news}, {@code *.weather}
 * and {@code europe.#}: {@code *} is exactly one word, {@code #} zero or more.
 */
@Timeout(60)
class TopicsIT {
    /**
     * Routing keys (each message's body is its key), in publishing order: keys nobody wants first,
     * each subscriber's last expected key late, so a wrongly routed message arrives before a
     * script that stops after its expected count has seen them all.
     */
    private static final List<String> KEYS = List.of(
            "asia.sports", "weather", "asia.rain.weather", "news", "usa.news", "asia.weather",
            "europe", "europe.sports.news", "europe.weather");
    private static final List<String> NEWS = List.of("news", "usa.news", "europe.sports.news");
    private static final List<String> WEATHER = List.of("asia.weather", "europe.weather");
    private static final List<String> EUROPE = List.of("europe", "europe.sports.news", "europe.weather");

    @RegisterExtension
    static final ExampleBroker broker = new ExampleBroker();

    @BeforeEach
    @AfterEach
    void deleteExchange() throws Exception {
        broker.deleteExchanges(EmitLogTopic.EXCHANGE_NAME);
    }

    @Test
    void javaSubscribersGetExactlyTheMatchingKeys() throws Exception {
        Inbox news = new Inbox();
        Inbox weather = new Inbox();
        Inbox europe = new Inbox();
        ReceiveLogsTopic.subscribe(broker.channel(), List.of("#.news"), news);
        ReceiveLogsTopic.subscribe(broker.channel(), List.of("*.weather"), weather);
        ReceiveLogsTopic.subscribe(broker.channel(), List.of("europe.#"), europe);

        Channel producer = broker.channel();
        for (String key : KEYS) {
            EmitLogTopic.emit(producer, key, key);
        }

        assertThat(europe.awaitCount(EUROPE.size(), Duration.ofSeconds(10)).settle(Duration.ofMillis(300)).bodies())
                .containsExactlyElementsOf(EUROPE);
        assertThat(news.awaitCount(NEWS.size(), Duration.ofSeconds(10)).bodies()).containsExactlyElementsOf(NEWS);
        assertThat(weather.awaitCount(WEATHER.size(), Duration.ofSeconds(10)).bodies())
                .containsExactlyElementsOf(WEATHER);
    }

    @Test
    void javaSubscriberWithSeveralPatternsGetsEachMessageOnce() throws Exception {
        Inbox both = new Inbox();
        ReceiveLogsTopic.subscribe(broker.channel(), List.of("#.news", "europe.#"), both);

        Channel producer = broker.channel();
        for (String key : KEYS) {
            EmitLogTopic.emit(producer, key, key);
        }

        assertThat(both.awaitCount(5, Duration.ofSeconds(10)).settle(Duration.ofMillis(300)).bodies())
                .containsExactly("news", "usa.news", "europe", "europe.sports.news", "europe.weather");
    }

    @Test
    void pythonSubscribersGetExactlyTheMatchingKeys() throws Exception {
        try (PythonScript news = PythonScript.startConsumer(broker, NEWS.size(), "receive_logs_topic.py", "#.news")
                    .awaitReady();
             PythonScript weather = PythonScript.startConsumer(broker, WEATHER.size(),
                     "receive_logs_topic.py", "*.weather").awaitReady();
             PythonScript europe = PythonScript.startConsumer(broker, EUROPE.size(),
                     "receive_logs_topic.py", "europe.#").awaitReady()) {
            for (String key : KEYS) {
                PythonScript.run(broker, "emit_log_topic.py", key, key);
            }

            for (PythonScript subscriber : List.of(news, weather, europe)) {
                subscriber.awaitExit(Duration.ofSeconds(20), 0);
            }
            assertThat(news.printedBodies()).containsExactlyElementsOf(NEWS);
            assertThat(weather.printedBodies()).containsExactlyElementsOf(WEATHER);
            assertThat(europe.printedBodies()).containsExactlyElementsOf(EUROPE);
        }
    }
}
