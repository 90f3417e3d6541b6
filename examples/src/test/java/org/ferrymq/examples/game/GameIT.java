package org.ferrymq.examples.game;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import jakarta.jms.Connection;
import org.ferrymq.examples.jms.game.JmsGamePlayer;
import org.ferrymq.examples.jms.game.JmsGameServer;
import org.ferrymq.examples.jms.game.JmsRewardWorker;
import org.ferrymq.examples.support.ExampleBroker;
import org.ferrymq.jms.FerryConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The multiplayer game end to end over real sockets: Java AMQP, JMS and pika servers, players and
 * reward workers on one broker (embedded FerryMQ, or {@code -Dferrymq.it.amqpUri=...}).
 *
 * <p>Join spawns are deterministic: in an empty room the first player joins at (7,0), the second
 * at (4,1), the third at (1,2); a player defeated at room seq s respawns at cell 7s mod 100.
 */
@Timeout(90)
class GameIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int ROOMS = 4;
    private static final Pattern ROOM_TAKEN = Pattern.compile("room (\\S+): now played here, from seq (\\d+)");

    @RegisterExtension
    static final ExampleBroker BROKER = new ExampleBroker();

    private final List<AutoCloseable> resources = new ArrayList<>();

    @BeforeEach
    @AfterEach
    void cleanUp() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception ignored) {
                // already stopped by the test
            }
        }
        resources.clear();
        List<String> queues = new ArrayList<>(List.of(GameTopology.UNKNOWN_ROOM_QUEUE, GameTopology.REWARDS_QUEUE));
        for (String room : GameTopology.rooms(ROOMS)) {
            queues.add(GameTopology.roomQueue(room));
            queues.add(GameTopology.snapshotQueue(room));
        }
        BROKER.deleteQueues(queues.toArray(String[]::new));
        BROKER.deleteExchanges(GameTopology.ACTIONS_EXCHANGE, GameTopology.UNROUTED_EXCHANGE, GameTopology.STATE_EXCHANGE);
    }

    @Test
    void playersJoinMoveAttackSeeEveryChangeInOrderAndReconnectToASnapshot() throws Exception {
        javaServer(List.of("1", "2", "3", "4"), new GameServer.Listener() { });
        RewardWorker.start(BROKER.connect(), (reward, redelivered) -> { }, null);
        GamePlayer alice = javaPlayer("alice", "1", 1);
        GamePlayer bob = javaPlayer("bob", "1", 2);
        GameProcess carol = owned(GameProcess.player(BROKER, "carol", "1"));
        await(() -> view(carol, "carol").seq() == 3, "carol's snapshot");
        assertThat(queueExists(carolQueue(carol))).isTrue();
        assertThat(view(carol, "carol").self().path("x").asInt()).isEqualTo(1);

        bob.move(1, 0);
        bob.move(1, 0);                 // bob at (6,1), next to alice at (7,0)
        for (int i = 0; i < 4; i++) {
            bob.attack("alice");        // 4 x 25: alice is defeated at seq 9, quest 1-9
        }
        carol.command("move 0 1");      // seq 10
        await(() -> alice.view().seq() == 10 && bob.view().seq() == 10 && view(carol, "carol").seq() == 10,
                "every player at seq 10");

        RoomView carolView = view(carol, "carol");
        for (RoomView v : List.of(alice.view(), bob.view(), carolView)) {
            assertThat(v.gaps()).as(v.me() + "'s gaps").isEmpty();
            assertThat(v.duplicates()).as(v.me() + "'s duplicates").isEmpty();
            assertThat(v.errors()).as(v.me() + "'s errors").isEmpty();
            assertThat(v.room().path("players")).isEqualTo(alice.view().room().path("players"));
        }
        assertThat(seqs(alice.view())).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(seqs(bob.view())).containsExactly(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(seqs(carolView)).containsExactly(4L, 5L, 6L, 7L, 8L, 9L, 10L);
        JsonNode defeat = alice.view().updates().get(7).path("event");
        assertThat(defeat.path("kind").asText()).isEqualTo("attack");
        assertThat(defeat.path("defeated").asBoolean()).isTrue();
        assertThat(defeat.path("quest").asText()).isEqualTo("1-9");
        assertThat(alice.view().self().path("hp").asInt()).isEqualTo(Room.MAX_HP);
        assertThat(alice.view().player("bob").path("score").asInt()).isEqualTo(1);

        await(() -> bob.view().rewards().size() == 1, "bob's reward");
        Thread.sleep(300);
        assertThat(bob.view().rewards()).singleElement().satisfies(reward -> {
            assertThat(reward.path("quest").asText()).isEqualTo("1-9");
            assertThat(reward.path("item").asText()).isEqualTo("shield");
        });
        assertThat(alice.view().rewards()).isEmpty();

        // the leaderboard, an RPC to the room's server over direct reply-to (Java and pika clients)
        assertThat(bob.leaderboard().path("players")).extracting(p -> p.path("name").asText() + " " + p.path("score").asInt())
                .containsExactly("bob 1", "alice 0", "carol 0");
        carol.command("leaderboard");
        await(() -> carol.count("\"type\":\"leaderboard\"") == 1, "carol's leaderboard");
        assertThat(carol.lines()).filteredOn(l -> l.contains("\"type\":\"leaderboard\"")).singleElement()
                .satisfies(l -> assertThat(l).contains("{\"name\":\"bob\",\"score\":1}"));
        assertThat(queueExists(GameTopology.roomQueue("1"))).isTrue();
        assertThat(seqs(alice.view())).as("a query changes nothing").endsWith(10L);

        // carol's connection dies: her queue goes with it; reconnecting gets a fresh snapshot, same place
        carol.command("disconnect");
        await(() -> !queueExists(carolQueue(carol)), "carol's queue deleted");
        GameProcess carolAgain = owned(GameProcess.player(BROKER, "carol", "1"));
        await(() -> view(carolAgain, "carol").seq() == 11, "carol's new snapshot");
        assertThat(view(carolAgain, "carol").self().path("y").asInt()).isEqualTo(3);
        await(() -> alice.view().seq() == 11, "alice sees carol rejoin");
        assertThat(alice.view().updates().get(alice.view().updates().size() - 1).path("event").path("kind").asText())
                .isEqualTo("rejoin");
    }

    /** The same bad actions against each of the three servers: the pika, the Java AMQP and the JMS one. */
    @ParameterizedTest(name = "{0} server")
    @ValueSource(strings = {"java", "jms", "pika"})
    void badActionsGetAnErrorToThatPlayerOnlyAndNeverStopTheServer(String server) throws Exception {
        GameProcess pikaServer = startServer(server);
        GamePlayer alice = javaPlayer("alice", "1", 1);
        GameProcess bob = owned(GameProcess.player(BROKER, "bob", "1"));
        await(() -> view(bob, "bob").seq() == 2, "bob's snapshot");

        alice.sendRaw("room.1.action.move", "{not json".getBytes(UTF_8), "bad-1");
        alice.sendRaw("room.77.action.move", "{\"player\":\"alice\",\"seq\":5,\"dx\":1,\"dy\":0}".getBytes(UTF_8), "bad-2");
        alice.move(0, -1);                                                                    // off the grid
        alice.sendRaw("room.1.action.dance", "{\"player\":\"alice\",\"seq\":7}".getBytes(UTF_8), "bad-4");
        alice.sendRaw("room.1.action.move", "{\"player\":\"dave\",\"seq\":1,\"dx\":1,\"dy\":0}".getBytes(UTF_8), "bad-5");
        alice.sendRaw("room.1.action.move", "{\"player\":\"alice\",\"seq\":9,\"dx\":2,\"dy\":0}".getBytes(UTF_8), "bad-6");
        bob.command("attack nobody");
        bob.command("raw room.1.action.move [1,2,3]");
        await(() -> alice.view().errors().size() == 6, "alice's 6 errors");
        await(() -> bob.count("\"type\":\"error\"") == 2, "bob's 2 errors");

        assertThat(alice.view().errors()).extracting(e -> e.path("code").asText())
                .containsExactlyInAnyOrder("malformed", "unknown-room", "off-grid", "unknown-action", "not-joined", "bad-move");
        assertThat(alice.view().errors()).filteredOn(e -> e.path("code").asText().equals("unknown-room"))
                .singleElement().satisfies(e -> assertThat(e.path("room").asText()).isEqualTo("77"));
        assertThat(view(bob, "bob").errors()).extracting(e -> e.path("code").asText())
                .containsExactly("unknown-target", "malformed");

        alice.move(1, 0);      // the server is still there, and nothing bad changed the room
        bob.command("move 1 0");
        await(() -> alice.view().seq() == 4 && view(bob, "bob").seq() == 4, "both moves seen");
        assertThat(alice.view().gaps()).isEmpty();
        assertThat(view(bob, "bob").gaps()).isEmpty();
        assertThat(alice.view().errors()).hasSize(6);
        assertThat(view(bob, "bob").errors()).hasSize(2);
        assertThat(alice.view().self().path("x").asInt()).isEqualTo(8);
        if (pikaServer != null) {
            assertThat(pikaServer.isAlive()).as("the pika server is still running").isTrue();
        }
    }

    /**
     * A game server killed with SIGKILL mid-game, in a process of its own, while two players send 60
     * confirmed moves each: a standby of another kind takes its rooms over. Each kind users copy is
     * the one killed once: the pika server, the Java (RabbitMQ client) one and the JMS one.
     */
    @ParameterizedTest(name = "a {0} server killed, a {1} standby takes over")
    @CsvSource({"pika, java", "java, jms", "jms, pika"})
    void aKilledServerHandsItsRoomsOverAndNoAcknowledgedActionIsLost(String killed, String standby) throws Exception {
        GameProcess first = serverProcess(killed);
        Supplier<Map<String, Long>> takenOver = standbyServer(standby);   // subscribes after the first: its standby
        GamePlayer one = javaPlayer("one", "1", 1);
        GamePlayer two = javaPlayer("two", "2", 1);
        GameProcess watcher = owned(GameProcess.player(BROKER, "watcher", "1"));
        await(() -> view(watcher, "watcher").seq() == 2, "the watcher's snapshot");

        int actions = 60;
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> movers = new ArrayList<>();
        for (GamePlayer player : List.of(one, two)) {
            Thread mover = new Thread(() -> {
                try {
                    for (int i = 0; i < actions; i++) {
                        player.move(i % 2 == 0 ? 1 : -1, 0);   // confirmed by the broker when it returns
                        Thread.sleep(5);
                    }
                } catch (Exception | Error e) {
                    failures.add(e);
                }
            });
            mover.start();
            movers.add(mover);
        }
        await(() -> one.view().seq() >= 20, "a game under way");
        assertThat(roomsTaken(first)).as("the rooms the " + killed + " server plays: " + first).containsKeys("1", "2");
        assertThat(takenOver.get()).as("the " + standby + " standby's rooms before the kill").isEmpty();
        first.kill();
        for (Thread mover : movers) {
            mover.join(WAIT.toMillis());
        }
        assertThat(failures).isEmpty();

        await(() -> one.view().seq() == 2 + actions && two.view().seq() == 1 + actions, "every move applied");
        await(() -> view(watcher, "watcher").seq() == 2 + actions, "the watcher saw every move");
        await(() -> takenOver.get().keySet().containsAll(List.of("1", "2")), "the " + standby + " standby's report");
        assertThat(takenOver.get().get("1")).isBetween(20L, 2L + actions);
        for (RoomView v : List.of(one.view(), two.view(), view(watcher, "watcher"))) {
            assertThat(v.gaps()).as(v.me() + "'s gaps").isEmpty();
            assertThat(v.duplicates()).as(v.me() + "'s duplicates").isEmpty();
            assertThat(v.errors()).as(v.me() + "'s errors").isEmpty();
        }
        // each move exactly once and in the order sent, across the handover too: the broker gives the
        // dead owner's unacked actions to the standby first, in order (RequeueOrderAfterCrashIT)
        for (GamePlayer player : List.of(one, two)) {
            assertThat(player.view().updates()).filteredOn(u -> u.path("event").path("player").asText().equals(player.name()))
                    .extracting(u -> u.path("event").path("action").asLong())
                    .containsExactlyElementsOf(range(2, actions + 1));
        }
    }

    /**
     * A reward worker dies (in a process of its own) after sending the reward and acking the job but
     * before its commit: nothing reaches the player, and a worker of another kind rewards the quest
     * exactly once, redelivered. Each kind of worker is the one that crashes once.
     */
    @ParameterizedTest(name = "a {0} worker crashes, a {1} worker rewards")
    @CsvSource({"pika, java", "java, jms", "jms, pika"})
    void aRewardIsGivenExactlyOnceWhenTheWorkerCrashesBeforeAcking(String crashing, String next) throws Exception {
        javaServer(List.of("1", "2", "3", "4"), new GameServer.Listener() { });
        GameProcess crashingWorker = workerProcess(crashing, Map.of("GAME_CRASH_BEFORE_COMMIT", "1"));
        GamePlayer alice = javaPlayer("alice", "1", 1);
        GamePlayer bob = javaPlayer("bob", "1", 2);
        bob.move(1, 0);
        bob.move(1, 0);
        for (int i = 0; i < 4; i++) {
            bob.attack("alice");
        }
        crashingWorker.awaitLine("crashing before the commit of quest 1-8", WAIT);
        assertThat(crashingWorker.awaitExit(WAIT)).as("the crashing worker's exit code").isEqualTo(3);
        Thread.sleep(300);
        assertThat(bob.view().rewards()).as("nothing was committed").isEmpty();

        Supplier<List<String>> rewarded = rewardWorker(next);
        await(() -> bob.view().rewards().size() == 1, "bob's reward");
        await(() -> rewarded.get().contains("bob gets a sword for quest 1-8 (redelivered)"),
                "the " + next + " worker's report of the redelivered job");
        Thread.sleep(500);   // a duplicate would have arrived by now
        assertThat(bob.view().rewards()).extracting(r -> r.path("quest").asText()).containsExactly("1-8");
        assertThat(bob.view().rewards().get(0).path("item").asText()).isEqualTo("sword");
        assertThat(alice.view().rewards()).isEmpty();
        assertThat(rewarded.get()).hasSize(1);
        try (com.rabbitmq.client.Connection admin = BROKER.connect(); Channel channel = admin.createChannel()) {
            assertThat(channel.queueDeclarePassive(GameTopology.REWARDS_QUEUE).getMessageCount()).isZero();
        }
    }

    @Test
    void pikaJmsAndJavaPlayersPlayOnAJmsServerThenOnAPikaServer() throws Exception {
        FerryConnectionFactory factory = new FerryConnectionFactory(
                "amqp://guest:guest@" + BROKER.host() + ":" + BROKER.port());
        try (com.rabbitmq.client.Connection admin = BROKER.connect(); Channel channel = admin.createChannel()) {
            GameTopology.declare(channel, ROOMS);   // what JMS cannot declare
        }
        Connection serverConnection = factory.createConnection();
        JmsGameServer jmsServer = new JmsGameServer(serverConnection, GameTopology.rooms(ROOMS),
                GameTopology.rooms(ROOMS), 50, 1_000, new GameServer.Listener() { }).start();
        resources.add(jmsServer);
        Connection workerConnection = factory.createConnection();
        resources.add(workerConnection);
        JmsRewardWorker.start(workerConnection, (reward, redelivered) -> { }, null);
        GameProcess pythonServer = owned(GameProcess.pika(BROKER, Map.of(), "server.py")
                .awaitLine(" [*] ", WAIT));   // after the JMS server: its standby

        GamePlayer alice = javaPlayer("alice", "1", 1);
        JmsGamePlayer jim = JmsGamePlayer.join(factory.createConnection(), "jim", "1");
        resources.add(jim);
        await(() -> jim.view().seq() == 2, "jim's snapshot");
        GameProcess carol = owned(GameProcess.player(BROKER, "carol", "1"));
        await(() -> view(carol, "carol").seq() == 3, "carol's snapshot");

        jim.move(1, 0);                      // jim (5,1)
        carol.command("move 1 0");           // carol (2,2)
        carol.command("move 1 0");           // carol (3,2)
        carol.command("move 1 0");           // carol (4,2), next to jim
        for (int i = 0; i < 4; i++) {
            carol.command("attack jim");     // the 4th, seq 11, defeats jim: quest 1-11 for carol
        }
        await(() -> alice.view().seq() == 11 && jim.view().seq() == 11 && view(carol, "carol").seq() == 11,
                "everyone at seq 11");
        await(() -> view(carol, "carol").rewards().size() == 1, "carol's reward from the JMS worker");
        assertThat(view(carol, "carol").rewards().get(0).path("quest").asText()).isEqualTo("1-11");
        assertThat(carol.lines()).anyMatch(l -> l.contains("\"type\":\"reward\""));

        assertThat(jim.leaderboard().path("players").get(0).path("name").asText())
                .as("JMS request/reply to the JMS server").isEqualTo("carol");
        carol.command("leaderboard");        // pika, direct reply-to, answered by the JMS server
        await(() -> carol.count("\"type\":\"leaderboard\"") == 1, "carol's leaderboard from the JMS server");

        jmsServer.close();                   // the pika server takes the rooms over
        alice.move(1, 0);
        jim.move(-1, 0);
        carol.command("move 0 1");
        await(() -> alice.view().seq() == 14 && jim.view().seq() == 14 && view(carol, "carol").seq() == 14,
                "everyone at seq 14 on the pika server");
        pythonServer.awaitLine("room 1: now played here, from seq 11", WAIT);
        assertThat(alice.leaderboard().path("players")).as("direct reply-to, answered by the pika server")
                .extracting(p -> p.path("name").asText() + " " + p.path("score").asInt())
                .containsExactly("carol 1", "alice 0", "jim 0");
        RoomView carolView = view(carol, "carol");
        for (RoomView v : List.of(alice.view(), jim.view(), carolView)) {
            assertThat(v.gaps()).as(v.me() + "'s gaps").isEmpty();
            assertThat(v.duplicates()).as(v.me() + "'s duplicates").isEmpty();
            assertThat(v.errors()).as(v.me() + "'s errors").isEmpty();
            assertThat(v.room().path("players")).isEqualTo(alice.view().room().path("players"));
        }
        assertThat(jim.view().self().path("hp").asInt()).isEqualTo(Room.MAX_HP);
        assertThat(alice.view().player("carol").path("score").asInt()).isEqualTo(1);
    }

    // --- helpers

    /** Starts a game server of the given kind owning every room; the pika one is returned (to check it lives on). */
    private GameProcess startServer(String kind) throws Exception {
        switch (kind) {
            case "java" -> javaServer(GameTopology.rooms(ROOMS), new GameServer.Listener() { });
            case "jms" -> jmsServer();
            case "pika" -> {
                return serverProcess("pika");
            }
            default -> throw new IllegalArgumentException(kind);
        }
        return null;
    }

    /** A game server of the given kind owning every room, in a process of its own (to be killed), once it consumes. */
    private GameProcess serverProcess(String kind) throws InterruptedException {
        Map<String, String> env = Map.of("GAME_ROOMS", String.valueOf(ROOMS));
        GameProcess server = switch (kind) {
            case "pika" -> GameProcess.pika(BROKER, env, "server.py");
            case "java" -> GameProcess.java(BROKER, env, GameServer.class);
            case "jms" -> GameProcess.java(BROKER, env, JmsGameServer.class);
            default -> throw new IllegalArgumentException(kind);
        };
        return owned(server).awaitLine(" [*] ", WAIT);
    }

    /**
     * A standby game server of the given kind for every room (in this JVM, or for pika a process):
     * what it reports, room to the seq it took the room over from.
     */
    private Supplier<Map<String, Long>> standbyServer(String kind) throws Exception {
        Map<String, Long> taken = new ConcurrentHashMap<>();
        GameServer.Listener listener = new GameServer.Listener() {
            @Override
            public void roomTaken(String room, long seq) {
                taken.put(room, seq);
            }
        };
        switch (kind) {
            case "java" -> javaServer(List.of(), listener);
            case "jms" -> jmsServer(listener);
            case "pika" -> {
                GameProcess pika = owned(GameProcess.pika(BROKER, Map.of("GAME_ROOMS", String.valueOf(ROOMS)), "server.py")
                        .awaitLine(" [*] ", WAIT));
                return () -> roomsTaken(pika);
            }
            default -> throw new IllegalArgumentException(kind);
        }
        return () -> taken;
    }

    /** The " [x] room 1: now played here, from seq 24" lines every kind of server prints. */
    private static Map<String, Long> roomsTaken(GameProcess server) {
        Map<String, Long> taken = new HashMap<>();
        for (String line : server.lines()) {
            Matcher m = ROOM_TAKEN.matcher(line);
            if (m.find()) {
                taken.put(m.group(1), Long.parseLong(m.group(2)));
            }
        }
        return taken;
    }

    /** A reward worker of the given kind in a process of its own, once it consumes. */
    private GameProcess workerProcess(String kind, Map<String, String> env) throws InterruptedException {
        GameProcess worker = switch (kind) {
            case "pika" -> GameProcess.pika(BROKER, env, "rewards.py");
            case "java" -> GameProcess.java(BROKER, env, RewardWorker.class);
            case "jms" -> GameProcess.java(BROKER, env, JmsRewardWorker.class);
            default -> throw new IllegalArgumentException(kind);
        };
        return owned(worker).awaitLine(" [*] ", WAIT);
    }

    /**
     * A reward worker of the given kind (in this JVM, or for pika a process): what it rewarded, as
     * every kind prints it ({@link RewardWorker#describe}).
     */
    private Supplier<List<String>> rewardWorker(String kind) throws Exception {
        List<String> rewarded = new CopyOnWriteArrayList<>();
        RewardWorker.Listener listener = (reward, redelivered) -> rewarded.add(RewardWorker.describe(reward, redelivered));
        switch (kind) {
            case "java" -> RewardWorker.start(BROKER.connect(), listener, null);
            case "jms" -> {
                Connection connection = jmsConnection();
                resources.add(connection);
                JmsRewardWorker.start(connection, listener, null);
            }
            case "pika" -> {
                GameProcess pika = workerProcess("pika", Map.of());
                return () -> pika.lines().stream().filter(l -> l.startsWith(" [x] ")).map(l -> l.substring(5)).toList();
            }
            default -> throw new IllegalArgumentException(kind);
        }
        return () -> rewarded;
    }

    private static Connection jmsConnection() throws Exception {
        return new FerryConnectionFactory("amqp://guest:guest@" + BROKER.host() + ":" + BROKER.port()).createConnection();
    }

    private JmsGameServer jmsServer() throws Exception {
        return jmsServer(new GameServer.Listener() { });
    }

    private JmsGameServer jmsServer(GameServer.Listener listener) throws Exception {
        try (com.rabbitmq.client.Connection admin = BROKER.connect(); Channel channel = admin.createChannel()) {
            GameTopology.declare(channel, ROOMS);   // what JMS cannot declare
        }
        Connection connection = jmsConnection();
        JmsGameServer server = new JmsGameServer(connection, GameTopology.rooms(ROOMS), GameTopology.rooms(ROOMS), 50,
                1_000, listener).start();
        resources.add(server);
        return server;
    }

    private GameServer javaServer(List<String> primary, GameServer.Listener listener) throws Exception {
        GameServer server = new GameServer(BROKER.connect(), GameTopology.rooms(ROOMS), primary, 50, 0, listener).start();
        resources.add(server);
        return server;
    }

    /** A Java player, once its snapshot (at {@code seq}) is in. */
    private GamePlayer javaPlayer(String name, String room, long seq) throws Exception {
        GamePlayer player = GamePlayer.join(BROKER.connect(), name, room);
        await(() -> player.view().seq() == seq, name + "'s snapshot at seq " + seq);
        return player;
    }

    private GameProcess owned(GameProcess process) {
        resources.add(process);
        return process;
    }

    private static RoomView view(GameProcess player, String name) {
        try {
            return player.view(name);
        } catch (IOException e) {
            throw new AssertionError(name + " printed a line that is not JSON: " + player, e);
        }
    }

    private static List<Long> seqs(RoomView view) {
        return view.updates().stream().map(u -> u.path("seq").asLong()).toList();
    }

    private static List<Long> range(long from, long to) {
        List<Long> values = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            values.add(i);
        }
        return values;
    }

    /** The queue a pika player consumes from, as it printed it. */
    private static String carolQueue(GameProcess player) {
        return player.lines().stream().filter(l -> l.contains("(queue ")).findFirst()
                .map(l -> l.substring(l.indexOf("(queue ") + 7, l.lastIndexOf(')')))
                .orElseThrow(() -> new AssertionError("no queue name printed: " + player));
    }

    /** Passive declare: 404 is gone; 405 (another connection's exclusive queue) still exists. */
    private static boolean queueExists(String queue) {
        try (com.rabbitmq.client.Connection admin = BROKER.connect(); Channel channel = admin.createChannel()) {
            channel.queueDeclarePassive(queue);
            return true;
        } catch (IOException e) {
            String reason = String.valueOf(e.getCause());
            if (reason.contains("reply-code=405")) {
                return true;
            }
            if (reason.contains("reply-code=404")) {
                return false;
            }
            throw new AssertionError("passive declare of " + queue, e);
        } catch (Exception e) {
            throw new AssertionError("passive declare of " + queue, e);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
