package org.ferrymq.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash safety of the real server: a publisher with confirms and a consumer with manual acks
 * run against a durable queue while the broker's JVM is killed with SIGKILL, {@value #CYCLES}
 * times, each time restarted on the same data directory. At the end the queue is drained.
 *
 * <p>Every message the broker confirmed must reach the consumer (none lost), and every message
 * delivered more than once (its ack died with the broker) must be flagged redelivered.
 *
 * <p>FerryMQ-only: skipped when {@code ferrymq.it.amqpUri} points the suite at another broker.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class CrashRecoveryIT {
    private static final Logger LOG = LoggerFactory.getLogger(CrashRecoveryIT.class);
    private static final int CYCLES = 4;
    private static final long LOAD_MILLIS = 3500;
    private static final long CONSUMER_DELAY_MILLIS = 1000;
    /** A consumer slower than the publisher, so that each kill finds a backlog on disk and unacked deliveries. */
    private static final long CONSUMER_PAUSE_NANOS = 100_000;
    private static final String QUEUE = "crash-it";
    private static final String EXCLUSIVE_QUEUE = "crash-it-exclusive";
    private static final String TRANSIENT_QUEUE = "crash-it-transient";
    private static final Pattern STORE_OPENED = Pattern.compile("Opened message store .*\\((\\d+) messages, (\\d+) queue entries");
    private static final String JAVA_OPTS = "-Xmx512m -XX:TieredStopAtLevel=1";

    @TempDir
    Path workDir;

    @Test
    void confirmedMessagesSurviveSigkillAndDuplicatesAreMarkedRedelivered() throws Exception {
        assumeTrue(System.getProperty("ferrymq.it.amqpUri") == null, "kills FerryMQ's own server");
        assumeTrue(ServerProcess.available(), "packaged server (server/target) not found");
        Path dataDir = workDir.resolve("data");
        SequenceLedger ledger = new SequenceLedger();
        long maxBacklog = 0;

        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            try (ServerProcess server = ServerProcess.start(workDir, dataDir, JAVA_OPTS)) {
                Connection owner = null;
                if (cycle == 1) {
                    declareQueue(server);
                    // queues that must not outlive a crash: exclusive (even if durable) and non-durable
                    owner = server.factory().newConnection("crash-it-owner");
                    Channel ch = owner.createChannel();
                    ch.queueDeclare(EXCLUSIVE_QUEUE, true, true, false, null);
                    ch.queueDeclare(TRANSIENT_QUEUE, false, false, false, null);
                    ch.basicPublish("", EXCLUSIVE_QUEUE, new AMQP.BasicProperties.Builder().deliveryMode(2).build(),
                            new byte[10]);
                }
                SequencePublisher publisher = new SequencePublisher(server.factory(), QUEUE, ledger).start();
                Thread.sleep(CONSUMER_DELAY_MILLIS); // a backlog builds up, so that the kill finds messages on disk
                RecordingConsumer consumer = RecordingConsumer.start(server.factory(), QUEUE, ledger, cycle, CONSUMER_PAUSE_NANOS);
                Thread.sleep(LOAD_MILLIS - CONSUMER_DELAY_MILLIS);
                ProcessHandle jvm = server.jvm();
                assertThat(jvm.info().command()).as("the process killed is the JVM itself").hasValueSatisfying(
                        command -> assertThat(Path.of(command).getFileName().toString()).startsWith("java"));
                long pid = jvm.pid();
                server.killHard();
                publisher.stop();
                consumer.close();
                if (owner != null) {
                    owner.abort(1000);
                }
                LOG.info("cycle {}: killed the broker JVM (pid {}) with SIGKILL; {}", cycle, pid, ledger.summary());
                maxBacklog = Math.max(maxBacklog, ledger.lost().size());
            }
        }

        long ready;
        try (ServerProcess server = ServerProcess.start(workDir, dataDir, JAVA_OPTS)) {
            assertThat(queueExists(server, EXCLUSIVE_QUEUE)).as("exclusive durable queue after a crash").isFalse();
            assertThat(queueExists(server, TRANSIENT_QUEUE)).as("non-durable queue after a crash").isFalse();
            ready = queueDepth(server);
            try (RecordingConsumer consumer = RecordingConsumer.start(server.factory(), QUEUE, ledger, CYCLES + 1, 0)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (System.nanoTime() < deadline
                        && (consumer.idleNanos() < TimeUnit.MILLISECONDS.toNanos(1500) || queueDepth(server) > 0)) {
                    Thread.sleep(100);
                }
            }
            assertThat(server.stop()).as("exit status after SIGTERM").isIn(0, 143);
        }
        long leftAfterCleanRestart;
        String storeOnOpen;
        try (ServerProcess server = ServerProcess.start(workDir, dataDir, JAVA_OPTS)) {
            leftAfterCleanRestart = queueDepth(server);
            storeOnOpen = server.output().lines().filter(l -> STORE_OPENED.matcher(l).find()).findFirst().orElse(null);
        }
        LOG.info("after {} SIGKILLs (largest backlog at a kill: {} confirmed messages) and a drain of {} recovered messages:"
                + " {}; lost={}, left after a clean restart={}; store on that restart: {}",
                CYCLES, maxBacklog, ready, ledger.summary(), ledger.lost().size(), leftAfterCleanRestart, storeOnOpen);

        assertThat(ledger.confirmedCount()).as("the load did run: confirmed messages").isGreaterThan(CYCLES * 100L);
        assertThat(ledger.ackedCount()).as("the consumer did run: acked messages").isGreaterThan(CYCLES * 100L);
        assertThat(ledger.unknownSequences()).as("deliveries of messages never published").isEmpty();
        assertThat(ledger.lost()).as("confirmed but never delivered (lost); %s", ledger.summary()).isEmpty();
        assertThat(ledger.unmarkedDuplicates()).as("duplicates without redelivered=true; %s", ledger.summary()).isEmpty();
        assertThat(ledger.nackedCount()).as("nacked publishes").isZero();
        assertThat(leftAfterCleanRestart).as("messages back after the drain, all acked, and a clean stop").isZero();
        // nothing left behind on disk either (records of settled messages, orphans of the kills)
        if (storeOnOpen == null) {
            LOG.warn("no 'Opened message store' line in the server output: the store's size after the drain is not checked");
        } else {
            Matcher m = STORE_OPENED.matcher(storeOnOpen);
            assertThat(m.find()).isTrue();
            assertThat(m.group(1) + " messages, " + m.group(2) + " queue entries").as("store after the drain: %s", storeOnOpen)
                    .isEqualTo("0 messages, 0 queue entries");
        }
    }

    private static void declareQueue(ServerProcess server) throws Exception {
        try (Connection c = server.factory().newConnection("crash-it-setup")) {
            c.createChannel().queueDeclare(QUEUE, true, false, false, null);
        }
    }

    private static boolean queueExists(ServerProcess server, String queue) throws Exception {
        try (Connection c = server.factory().newConnection("crash-it-exists")) {
            c.createChannel().queueDeclarePassive(queue);
            return true;
        } catch (IOException e) {
            if (e.getCause() instanceof ShutdownSignalException sse
                    && sse.getReason() instanceof AMQP.Channel.Close close && close.getReplyCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private static long queueDepth(ServerProcess server) throws Exception {
        try (Connection c = server.factory().newConnection("crash-it-depth")) {
            Channel ch = c.createChannel();
            return ch.queueDeclarePassive(QUEUE).getMessageCount();
        }
    }
}
