package org.ferrymq.examples.game;

import java.io.IOException;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import org.ferrymq.examples.BrokerAddress;

/**
 * A reward worker (RabbitMQ Java client): takes quest jobs from the durable work queue
 * {@code game.rewards} one at a time (prefetch 1, manual ack, competing with the other workers),
 * works out the reward and sends it to the job's {@code reply_to} with its {@code correlation_id}.
 * The reply and the job's ack go in one transaction: a worker that dies before
 * {@code tx.commit} sent nothing, and the job goes to another worker, so each quest is rewarded
 * exactly once.
 *
 * <p>{@code GAME_CRASH_BEFORE_COMMIT=1} makes it die (halt) before committing its first job: the
 * tutorial's crashing worker, for the tests and to watch redelivery.
 *
 * <p>Threads: the Java client's consumer thread for its channel.
 */
public final class RewardWorker {
    /** Called once per rewarded job, after the commit. */
    public interface Listener {
        void rewarded(ObjectNode reward, boolean redelivered);
    }

    private RewardWorker() {
    }

    /**
     * Starts working on a new transacted channel of {@code connection}; {@code crash}, when non-null,
     * is given the reward about to be committed and runs instead of the commit.
     */
    public static Channel start(Connection connection, Listener listener, Consumer<ObjectNode> crash) throws IOException {
        Channel channel = connection.createChannel();
        GameTopology.declareExchanges(channel);
        channel.txSelect();
        channel.basicQos(1);
        channel.basicConsume(GameTopology.REWARDS_QUEUE, false, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
                                       byte[] body) throws IOException {
                ObjectNode reward;
                try {
                    reward = Rewards.grant(body);
                } catch (IOException malformed) {
                    channel.basicReject(envelope.getDeliveryTag(), false);   // a bad job is dropped, not retried forever
                    channel.txCommit();
                    return;
                }
                if (properties.getReplyTo() != null) {
                    AMQP.BasicProperties reply = new AMQP.BasicProperties.Builder().contentType("application/json")
                            .correlationId(properties.getCorrelationId()).build();
                    channel.basicPublish("", properties.getReplyTo(), reply, GameJson.bytes(reward));
                }
                channel.basicAck(envelope.getDeliveryTag(), false);
                if (crash != null) {
                    crash.accept(reward);
                    return;
                }
                channel.txCommit();
                listener.rewarded(reward, envelope.isRedeliver());
            }
        });
        return channel;
    }

    /** "bob gets a sword for quest 1-8 (redelivered)": what every kind of worker prints per reward. */
    public static String describe(ObjectNode reward, boolean redelivered) {
        return reward.path("player").asText() + " gets a " + reward.path("item").asText() + " for quest "
                + reward.path("quest").asText() + (redelivered ? " (redelivered)" : "");
    }

    /** The tutorial's crashing worker: says which quest it leaves uncommitted and dies at once (exit code 3). */
    public static void crashBeforeCommit(ObjectNode reward) {
        System.out.println(" [!] crashing before the commit of quest " + reward.path("quest").asText());
        System.out.flush();
        Runtime.getRuntime().halt(3);
    }

    public static void main(String[] argv) throws Exception {
        Consumer<ObjectNode> crash = "1".equals(System.getenv("GAME_CRASH_BEFORE_COMMIT"))
                ? RewardWorker::crashBeforeCommit : null;
        start(BrokerAddress.fromEnvironment().connect(), (reward, redelivered) -> System.out.println(
                " [x] " + RewardWorker.describe(reward, redelivered)),
                crash);
        System.out.println(" [*] Reward worker (Java) waiting for quests. To exit press CTRL+C");
    }
}
