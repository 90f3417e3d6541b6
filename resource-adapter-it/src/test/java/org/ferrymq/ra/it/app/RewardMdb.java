package org.ferrymq.ra.it.app;

import java.io.StringReader;

import jakarta.annotation.Resource;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/**
 * The multiplayer game's reward worker (examples/README, "The multiplayer game") as an MDB on the
 * durable queue {@code game.rewards}: a job {@code {"quest":..,"player":..,"seq":..}} becomes the
 * reward {@code {"type":"reward","quest":..,"player":..,"item":..,"qty":1}} (the item by the
 * quest's room sequence, as in every other worker), sent to the job's JMSReplyTo with its
 * JMSCorrelationID through the adapter's pooled factory. In the container transaction the
 * reward and the job's acknowledgement commit together: a bean that fails before the commit
 * sends nothing, the job comes back, and the quest is rewarded exactly once.
 *
 * <p>Env entry {@code crashBeforeCommit} (ejb-jar.xml): throw after sending, on each job's first
 * delivery, as a worker that dies before acking would. Threads: the adapter's session threads.
 */
public class RewardMdb implements MessageListener {
    private static final String[] ITEMS = {"sword", "shield", "potion", "gem"};

    @Resource(lookup = "java:/jms/ferrymq/CF")
    private ConnectionFactory factory;

    @Resource(name = "crashBeforeCommit")
    private Boolean crashBeforeCommit = Boolean.FALSE;

    @Override
    public void onMessage(Message job) {
        try {
            String text = job instanceof TextMessage t ? t.getText() : job.getBody(String.class);
            JsonObject reward;
            try (JsonReader reader = Json.createReader(new StringReader(text))) {
                JsonObject body = reader.readObject();
                long seq = body.getJsonNumber("seq").longValue();
                reward = Json.createObjectBuilder().add("type", "reward").add("quest", body.getString("quest"))
                        .add("player", body.getString("player")).add("item", ITEMS[(int) Math.floorMod(seq, 4L)])
                        .add("qty", 1).build();
            } catch (RuntimeException malformed) {
                System.out.println("RewardMdb: dropping a malformed job: " + malformed);
                return;   // acked with the transaction: a bad job is not retried forever
            }
            if (job.getJMSReplyTo() != null) {
                try (JMSContext ctx = factory.createContext()) {
                    ctx.createProducer().setJMSCorrelationID(job.getJMSCorrelationID())
                            .setDeliveryMode(jakarta.jms.DeliveryMode.NON_PERSISTENT)
                            .send(job.getJMSReplyTo(), reward.toString());
                }
            }
            String quest = reward.getString("quest");
            if (Boolean.TRUE.equals(crashBeforeCommit) && !job.getJMSRedelivered()) {
                System.out.println("RewardMdb: crashing before the commit of quest " + quest);
                throw new IllegalStateException("the reward worker dies before its commit (crashBeforeCommit)");
            }
            System.out.println("RewardMdb: " + reward.getString("player") + " gets a " + reward.getString("item")
                    + " for quest " + quest + (job.getJMSRedelivered() ? " (redelivered)" : ""));
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
