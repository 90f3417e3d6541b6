package org.ferrymq.broker.it.extensions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.it.extensions.Messages.publishConfirmed;
import static org.ferrymq.broker.it.support.AmqpAssertions.assertChannelError;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RabbitMQ's consumer priorities: the {@code x-priority} consume argument. A queue delivers to
 * its highest-priority consumers while they have prefetch credit, round-robin among equals, and
 * only then to lower ones; a consumer without the argument has priority 0 (priorities may be
 * negative). A priority that is not an integer is a 406.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ConsumerPriorityIT {
    @RegisterExtension
    static final BrokerTarget broker = BrokerTarget.any();

    private static final Duration WAIT = Duration.ofSeconds(5);

    private String queue(Channel ch) throws Exception {
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, null);
        return q;
    }

    /** A consumer on its own channel with this prefetch (0 = none) and priority (null = no argument); never acks. */
    private List<String> consumer(String q, int prefetch, Integer priority, boolean autoAck) throws Exception {
        Channel ch = broker.connection().createChannel();
        if (prefetch > 0) {
            ch.basicQos(prefetch);
        }
        List<String> got = new CopyOnWriteArrayList<>();
        Map<String, Object> args = priority == null ? null : Map.of("x-priority", priority);
        ch.basicConsume(q, autoAck, "", false, false, args,
                (tag, d) -> got.add(new String(d.getBody(), StandardCharsets.UTF_8)), tag -> { });
        return got;
    }

    private static String[] bodies(int n) {
        String[] bodies = new String[n];
        for (int i = 0; i < n; i++) {
            bodies[i] = "m" + i;
        }
        return bodies;
    }

    @Test
    void higherPriorityConsumerTakesEverythingWhileItHasCredit() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch);
        List<String> low = consumer(q, 0, null, true);
        List<String> high = consumer(q, 0, 10, true);
        List<String> lowest = consumer(q, 0, -5, true);

        publishConfirmed(ch, q, bodies(20));

        Eventually.await("all 20 delivered", WAIT, () -> high.size() + low.size() + lowest.size() == 20);
        assertThat(high).hasSize(20);
        assertThat(low).isEmpty();
        assertThat(lowest).isEmpty();
    }

    @Test
    void lowerPriorityConsumerGetsWhatTheBlockedHigherOneCannotTake() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch);
        List<String> low = consumer(q, 100, 1, false);
        List<String> high = consumer(q, 2, 5, false);

        publishConfirmed(ch, q, bodies(6));

        Eventually.await("all 6 delivered", WAIT, () -> high.size() + low.size() == 6);
        assertThat(high).containsExactly("m0", "m1");
        assertThat(low).containsExactly("m2", "m3", "m4", "m5");
    }

    @Test
    void consumersOfEqualPriorityShareRoundRobin() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch);
        List<String> lowOne = consumer(q, 0, 0, true);
        List<String> a = consumer(q, 0, 3, true);
        List<String> b = consumer(q, 0, 3, true);

        publishConfirmed(ch, q, bodies(10));

        Eventually.await("all 10 delivered", WAIT, () -> a.size() + b.size() + lowOne.size() == 10);
        assertThat(lowOne).isEmpty();
        assertThat(a).hasSize(5);
        assertThat(b).hasSize(5);
    }

    @Test
    void priorityThatIsNotAnIntegerIs406() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch);
        String text = assertChannelError(406, 60, 20, () -> ch.basicConsume(q, true, "", false, false,
                Map.of("x-priority", "high"), (tag, d) -> { }, tag -> { }));
        assertThat(text).isEqualTo("PRECONDITION_FAILED - invalid arg 'x-priority' for queue '" + q + "' in vhost '"
                + broker.vhost() + "': \"expected integer, got longstr\"");
        Channel again = broker.channel();
        String doubleText = assertChannelError(406, 60, 20, () -> again.basicConsume(q, true, "", false, false,
                Map.of("x-priority", 1.5d), (tag, d) -> { }, tag -> { }));
        assertThat(doubleText).endsWith("\"expected integer, got double\"");
    }
}
