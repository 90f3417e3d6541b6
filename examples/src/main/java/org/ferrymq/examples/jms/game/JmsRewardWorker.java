package org.ferrymq.examples.jms.game;

import java.io.IOException;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.ferrymq.examples.game.GameJson;
import org.ferrymq.examples.game.GameTopology;
import org.ferrymq.examples.game.RewardWorker;
import org.ferrymq.examples.game.Rewards;
import org.ferrymq.examples.jms.JmsBroker;

/**
 * The reward worker in JMS: a transacted session on {@code game.rewards?prefetch=1}; the reward
 * goes to the job's JMSReplyTo with the job's JMSCorrelationID, and {@code commit()} takes the
 * job and sends the reward together, so a worker that dies first rewards nothing and the job
 * goes, redelivered, to another worker. The same job and reply format as the pika and Java AMQP
 * workers ({@link Rewards}). {@code GAME_CRASH_BEFORE_COMMIT=1}: halt before the first commit.
 *
 * <p>Threads: the session's listener thread.
 */
public final class JmsRewardWorker {
    private JmsRewardWorker() {
    }

    /**
     * Starts a worker session on {@code connection} (started here); {@code crash}, when non-null, is
     * given the reward about to be committed and runs instead of the commit.
     */
    public static Session start(Connection connection, RewardWorker.Listener listener, Consumer<ObjectNode> crash)
            throws JMSException {
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer replies = session.createProducer(null);
        session.createConsumer(session.createQueue(GameTopology.REWARDS_QUEUE + "?prefetch=1")).setMessageListener(job -> {
            try {
                ObjectNode reward;
                try {
                    reward = Rewards.grant(JmsGameMessages.body(job));
                } catch (IOException malformed) {
                    session.commit();   // a bad job is dropped, not retried forever
                    return;
                }
                if (job.getJMSReplyTo() != null) {
                    TextMessage reply = session.createTextMessage(GameJson.text(reward));
                    reply.setJMSCorrelationID(job.getJMSCorrelationID());
                    replies.send(job.getJMSReplyTo(), reply, jakarta.jms.DeliveryMode.NON_PERSISTENT,
                            Message.DEFAULT_PRIORITY, Message.DEFAULT_TIME_TO_LIVE);
                }
                if (crash != null) {
                    crash.accept(reward);
                    return;
                }
                session.commit();
                listener.rewarded(reward, job.getJMSRedelivered());
            } catch (JMSException e) {
                try {
                    session.rollback();
                } catch (JMSException ignored) {
                    // the connection is gone; the broker returns the job to the queue
                }
            }
        });
        connection.start();
        return session;
    }

    public static void main(String[] argv) throws Exception {
        JmsBroker broker = JmsBroker.fromEnvironment();
        broker.declare(GameTopology::declareExchanges);
        Consumer<ObjectNode> crash = "1".equals(System.getenv("GAME_CRASH_BEFORE_COMMIT"))
                ? RewardWorker::crashBeforeCommit : null;
        start(broker.connectionFactory().createConnection(), (reward, redelivered) -> System.out.println(
                " [x] " + RewardWorker.describe(reward, redelivered)),
                crash);
        System.out.println(" [*] Reward worker (JMS) waiting for quests. To exit press CTRL+C");
    }
}
