package org.ferrymq.ra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.MessageProperties;
import org.ferrymq.examples.game.GameJson;
import org.ferrymq.examples.game.GamePlayer;
import org.ferrymq.examples.game.GameServer;
import org.ferrymq.examples.game.GameTopology;
import org.ferrymq.examples.game.Rewards;
import org.ferrymq.ra.it.app.RewardMdb;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The multiplayer game's reward worker as an MDB ({@link RewardMdb}) in WildFly, in a real game:
 * the examples' Java game server and two Java players on the external FerryMQ server; a defeat
 * completes a quest, the server puts the job on the durable queue {@code game.rewards}, and the
 * MDB, which fails before its commit on every job's first delivery, rewards the player exactly
 * once, through its reply queue; and a job put on the queue directly gets its reward with the
 * quest id as correlation id, once.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(600)
class RewardMdbIT {
    static final String BROKER = ExternalBroker.get().uri();

    @Deployment(name = "rar", order = 1, testable = false)
    static ResourceAdapterArchive rar() {
        declareGameTopology();   // before the MDB's activation: the game's own declarations (durable, no arguments)
        return Archives.rarFor(BROKER);
    }

    @Deployment(name = "app", order = 2, testable = false)
    static WebArchive app() {
        String ejbJar = """
                <ejb-jar xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0">
                  <enterprise-beans>
                    <message-driven>
                      <ejb-name>Rewards</ejb-name>
                      <ejb-class>%s</ejb-class>
                      <messaging-type>jakarta.jms.MessageListener</messaging-type>
                      <transaction-type>Container</transaction-type>
                      <activation-config>
                        <activation-config-property><activation-config-property-name>destination</activation-config-property-name><activation-config-property-value>game.rewards</activation-config-property-value></activation-config-property>
                        <activation-config-property><activation-config-property-name>destinationType</activation-config-property-name><activation-config-property-value>jakarta.jms.Queue</activation-config-property-value></activation-config-property>
                        <activation-config-property><activation-config-property-name>prefetch</activation-config-property-name><activation-config-property-value>1</activation-config-property-value></activation-config-property>
                      </activation-config>
                      <env-entry>
                        <env-entry-name>crashBeforeCommit</env-entry-name>
                        <env-entry-type>java.lang.Boolean</env-entry-type>
                        <env-entry-value>true</env-entry-value>
                      </env-entry>
                    </message-driven>
                  </enterprise-beans>
                </ejb-jar>
                """.formatted(RewardMdb.class.getName());
        return ShrinkWrap.create(WebArchive.class, "game-rewards.war").addClass(RewardMdb.class)
                .addAsWebInfResource(new StringAsset(ejbJar), "ejb-jar.xml")
                .addAsWebInfResource(new StringAsset(Archives.jbossEjb3(Archives.RAR)), "jboss-ejb3.xml");
    }

    private static Connection connect() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(URI.create(BROKER));
        return factory.newConnection("reward-mdb-it");
    }

    private static void declareGameTopology() {
        try (Connection connection = connect(); Channel channel = connection.createChannel()) {
            GameTopology.declare(channel, 1);
        } catch (Exception e) {
            throw new IllegalStateException("cannot declare the game's topology on " + BROKER, e);
        }
    }

    @Test
    void aCompletedQuestIsRewardedExactlyOnceByTheMdbThatFailedBeforeItsFirstCommit() throws Exception {
        List<AutoCloseable> open = new ArrayList<>();
        try {
            open.add(new GameServer(connect(), List.of("1"), List.of("1"), 50, 0, new GameServer.Listener() { }).start());
            GamePlayer alice = GamePlayer.join(connect(), "alice", "1");
            open.add(alice);
            await(() -> alice.view().seq() == 1, "alice's snapshot");
            GamePlayer bob = GamePlayer.join(connect(), "bob", "1");
            open.add(bob);
            await(() -> bob.view().seq() == 2, "bob's snapshot");
            bob.move(1, 0);
            bob.move(1, 0);             // bob at (6,1), next to alice at (7,0)
            for (int i = 0; i < 4; i++) {
                bob.attack("alice");    // the 4th, room seq 8, defeats alice: quest 1-8 for bob
            }

            await(() -> bob.view().rewards().size() == 1, "bob's reward from the MDB");
            Thread.sleep(1_000);        // a duplicate would have arrived by now
            assertEquals(List.of("1-8"), bob.view().rewards().stream().map(r -> r.path("quest").asText()).toList());
            String expectedItem = Rewards.grant("{\"quest\":\"1-8\",\"player\":\"bob\",\"seq\":8}".getBytes(StandardCharsets.UTF_8)).path("item").asText();
            assertEquals(expectedItem, bob.view().rewards().get(0).path("item").asText(), "the same item as every other worker gives");
            assertEquals(List.of(), alice.view().rewards());
            String serverLog = Files.readString(Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log"));
            assertTrue(serverLog.contains("RewardMdb: crashing before the commit of quest 1-8"), "the first delivery failed");
            assertTrue(serverLog.contains("RewardMdb: bob gets a " + expectedItem + " for quest 1-8 (redelivered)"),
                    "the redelivery rewarded");
            try (Connection admin = connect(); Channel channel = admin.createChannel()) {
                assertEquals(0, channel.queueDeclarePassive(GameTopology.REWARDS_QUEUE).getMessageCount(), "the job is gone");
            }
        } finally {
            for (int i = open.size() - 1; i >= 0; i--) {
                open.get(i).close();
            }
        }
    }

    /** The job as the game servers put it (persistent, reply_to, correlation_id = quest id): the answer comes back correlated. */
    @Test
    void theRewardGoesToTheJobsReplyToWithItsCorrelationId() throws Exception {
        try (Connection connection = connect(); Channel channel = connection.createChannel()) {
            String replies = channel.queueDeclare().getQueue();   // server-named, exclusive, like a player's
            BlockingQueue<Delivery> got = new LinkedBlockingQueue<>();
            channel.basicConsume(replies, true, (tag, delivery) -> got.add(delivery), tag -> { });
            channel.basicPublish("", GameTopology.REWARDS_QUEUE, MessageProperties.PERSISTENT_BASIC.builder()
                    .contentType("application/json").replyTo(replies).correlationId("7-42").build(),
                    "{\"quest\":\"7-42\",\"room\":\"7\",\"player\":\"carol\",\"defeated\":\"dave\",\"seq\":42}"
                            .getBytes(StandardCharsets.UTF_8));

            Delivery reward = got.poll(60, TimeUnit.SECONDS);
            assertNotNull(reward, "no reward within 60 s");
            assertEquals("7-42", reward.getProperties().getCorrelationId());
            JsonNode body = GameJson.parse(reward.getBody());
            assertEquals("reward", body.path("type").asText());
            assertEquals("carol", body.path("player").asText());
            assertEquals(Rewards.grant("{\"seq\":42}".getBytes(StandardCharsets.UTF_8)).path("item").asText(), body.path("item").asText());
            assertNull(got.poll(1, TimeUnit.SECONDS), "exactly one reward, though the first delivery failed");
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
