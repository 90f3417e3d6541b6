package org.ferrymq.broker.it.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.it.durability.Probe.bodies;
import static org.ferrymq.broker.it.durability.Probe.bytes;
import static org.ferrymq.broker.it.durability.Probe.depth;
import static org.ferrymq.broker.it.durability.Probe.drain;
import static org.ferrymq.broker.it.durability.Probe.publishPersistent;
import static org.ferrymq.broker.it.durability.Probe.queueExists;
import static org.ferrymq.broker.it.support.AmqpAssertions.assertChannelError;
import static org.ferrymq.broker.it.support.AmqpAssertions.sync;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Durable queues come back after a restart with their arguments, and the arguments still act. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DurableQueueRestartIT {
    private static final int QUEUE = 50;
    private static final int DECLARE = 10;

    @RegisterExtension
    final RestartableBroker broker = new RestartableBroker();

    private static Map<String, Object> allArguments() {
        Map<String, Object> args = new HashMap<>();
        args.put("x-message-ttl", 60_000);
        args.put("x-dead-letter-exchange", "dlx");
        args.put("x-dead-letter-routing-key", "dead");
        args.put("x-max-length", 5);
        args.put("x-max-priority", 10);
        return args;
    }

    @Test
    void durableQueueWithArgumentsSurvivesAndKeepsThem() throws Exception {
        broker.channel().queueDeclare("argued", true, false, false, allArguments());

        broker.restart();

        Connection c = broker.connect();
        assertThat(queueExists(c, "argued")).isTrue();
        c.createChannel().queueDeclare("argued", true, false, false, allArguments()); // equivalent
        for (String changed : allArguments().keySet()) {
            Map<String, Object> different = allArguments();
            different.remove(changed);
            Channel ch = c.createChannel();
            String text = assertChannelError(406, QUEUE, DECLARE,
                    () -> ch.queueDeclare("argued", true, false, false, different));
            assertThat(text).as("redeclare without %s", changed).contains(changed);
        }
        Channel flags = c.createChannel();
        assertChannelError(406, QUEUE, DECLARE, () -> flags.queueDeclare("argued", false, false, false, allArguments()));
    }

    @Test
    void messageTtlAndDeadLetteringStillApplyAfterRestart() throws Exception {
        Channel ch = broker.channel();
        ch.exchangeDeclare("dlx", "direct", true);
        ch.queueDeclare("dead-letters", true, false, false, null);
        ch.queueBind("dead-letters", "dlx", "dead");
        ch.queueDeclare("short-lived", true, false, false,
                Map.of("x-message-ttl", 200, "x-dead-letter-exchange", "dlx", "x-dead-letter-routing-key", "dead"));

        broker.restart();

        Channel after = broker.channel();
        publishPersistent(after, "", "short-lived", "expires");
        sync(after);
        GetResponse dead = null;
        for (int i = 0; i < 50 && dead == null; i++) {
            Thread.sleep(100);
            dead = after.basicGet("dead-letters", true);
        }
        assertThat(dead).as("the expired message in the dead letter queue").isNotNull();
        assertThat(Probe.body(dead)).isEqualTo("expires");
        assertThat(dead.getEnvelope().getRoutingKey()).isEqualTo("dead");
        assertThat(dead.getProps().getHeaders()).containsKey("x-death");
        assertThat(depth(broker.connect(), "short-lived")).isZero();
    }

    @Test
    void rejectedMessageIsDeadLetteredAfterRestart() throws Exception {
        Channel ch = broker.channel();
        ch.exchangeDeclare("dlx", "fanout", true);
        ch.queueDeclare("dead-letters", true, false, false, null);
        ch.queueBind("dead-letters", "dlx", "");
        ch.queueDeclare("picky", true, false, false, Map.of("x-dead-letter-exchange", "dlx"));
        publishPersistent(ch, "", "picky", "before");
        sync(ch);

        broker.restart();

        Channel after = broker.channel();
        GetResponse r = after.basicGet("picky", false);
        assertThat(Probe.body(r)).isEqualTo("before");
        after.basicReject(r.getEnvelope().getDeliveryTag(), false);
        sync(after);
        Thread.sleep(200);
        assertThat(depth(broker.connect(), "dead-letters")).isEqualTo(1);

        broker.restart(); // the dead-lettered copy is persistent in a durable queue: it stays

        Connection c = broker.connect();
        assertThat(depth(c, "picky")).isZero();
        GetResponse dead = c.createChannel().basicGet("dead-letters", false);
        assertThat(Probe.body(dead)).isEqualTo("before");
        assertThat(dead.getProps().getDeliveryMode()).isEqualTo(2);
        assertThat(dead.getProps().getHeaders()).containsKey("x-death");
    }

    @Test
    void messagesWhoseQueueTtlRunsOutWhileTheBrokerIsDownAreDeadLetteredOnRestart() throws Exception {
        Channel ch = broker.channel();
        ch.exchangeDeclare("dlx", "fanout", true);
        ch.queueDeclare("dead-letters", true, false, false, null);
        ch.queueBind("dead-letters", "dlx", "");
        ch.queueDeclare("short-lived", true, false, false, Map.of("x-message-ttl", 1000, "x-dead-letter-exchange", "dlx"));
        publishPersistent(ch, "", "short-lived", "queue-ttl");
        sync(ch);
        broker.stop();
        Thread.sleep(1500); // longer than the TTL
        broker.start();

        Channel after = broker.channel();
        assertThat(bodies(drain(after, "short-lived"))).as("expired while the broker was down").isEmpty();
        Thread.sleep(200);
        assertThat(bodies(drain(after, "dead-letters"))).as("expired on recovery, then dead-lettered").containsExactly("queue-ttl");
    }

    @Test
    void messagesWhoseOwnExpirationRunsOutWhileTheBrokerIsDownAreGoneAfterRestart() throws Exception {
        Channel ch = broker.channel();
        ch.queueDeclare("per-message", true, false, false, null);
        ch.basicPublish("", "per-message", new AMQP.BasicProperties.Builder().deliveryMode(2).expiration("1000").build(),
                bytes("message-ttl"));
        publishPersistent(ch, "", "per-message", "no-ttl");
        sync(ch);
        broker.stop();
        Thread.sleep(1500); // longer than the expiration
        broker.start();

        assertThat(bodies(drain(broker.channel(), "per-message"))).as("expired while the broker was down").containsExactly("no-ttl");
    }

    @Test
    void messagesDroppedByMaxLengthStayDropped() throws Exception {
        Channel ch = broker.channel();
        ch.queueDeclare("bounded", true, false, false, Map.of("x-max-length", 3));
        publishPersistent(ch, "", "bounded", "1", "2", "3", "4", "5");
        sync(ch);

        broker.restart();

        assertThat(depth(broker.connect(), "bounded")).isEqualTo(3);
        Channel after = broker.channel();
        publishPersistent(after, "", "bounded", "6");
        sync(after);

        broker.restart();

        assertThat(bodies(drain(broker.channel(), "bounded"))).containsExactly("4", "5", "6");
    }

    @Test
    void maxLengthStillDropsTheHeadAfterRestart() throws Exception {
        Channel ch = broker.channel();
        ch.queueDeclare("bounded", true, false, false, Map.of("x-max-length", 3));
        publishPersistent(ch, "", "bounded", "1", "2");
        sync(ch);

        broker.restart();

        Channel after = broker.channel();
        publishPersistent(after, "", "bounded", "3", "4", "5");
        sync(after);
        assertThat(bodies(drain(after, "bounded"))).containsExactly("3", "4", "5");
    }

    @Test
    void priorityQueueRecoversMessagesInPriorityOrder() throws Exception {
        Channel ch = broker.channel();
        ch.queueDeclare("ranked", true, false, false, Map.of("x-max-priority", 10));
        String[][] published = {{"1", "low"}, {"9", "high-a"}, {"5", "middle"}, {"9", "high-b"}, {"0", "lowest"}};
        for (String[] m : published) {
            publishWithPriority(ch, Integer.parseInt(m[0]), m[1]);
        }
        sync(ch);

        broker.restart();

        Channel after = broker.channel();
        assertThat(bodies(drain(after, "ranked"))).as("priority order, FIFO within a priority")
                .containsExactly("high-a", "high-b", "middle", "low", "lowest");
        publishWithPriority(after, 2, "new-2");
        publishWithPriority(after, 7, "new-7");
        sync(after);
        assertThat(bodies(drain(after, "ranked"))).containsExactly("new-7", "new-2");
    }

    private static void publishWithPriority(Channel ch, int priority, String body) throws java.io.IOException {
        ch.basicPublish("", "ranked", new AMQP.BasicProperties.Builder().deliveryMode(2).priority(priority).build(), bytes(body));
    }
}
