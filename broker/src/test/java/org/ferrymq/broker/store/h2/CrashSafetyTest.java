package org.ferrymq.broker.store.h2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.ferrymq.broker.store.StoreSettings;
import org.ferrymq.broker.store.StoredMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Kills a publishing JVM with SIGKILL and checks that every add it was told is durable survived. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CrashSafetyTest {
    private static final Logger LOG = LoggerFactory.getLogger(CrashSafetyTest.class);

    @TempDir
    Path dir;

    @Test
    void everyConfirmedAddSurvivesSigkill() throws Exception {
        Set<Long> everConfirmedOdd = new HashSet<>();
        for (int round = 1; round <= 3; round++) {
            Set<Long> confirmed = runAndKill(4_000 * round);
            confirmed.stream().filter(id -> id % 2 == 1).forEach(everConfirmedOdd::add);
            try (H2MessageStore store = H2MessageStore.open(dir, StoreSettings.defaults())) {
                // a kill in the middle of a write may leave one torn, never-confirmed commit, which is reported
                assertThat(store.recoverDefinitions().problems()).allMatch(p -> p.contains("was incomplete"));
                Map<Long, StoredMessage> recovered = new HashMap<>();
                store.recoverMessages((queue, m) -> recovered.put(m.id(), m));
                assertThat(store.messageRecoveryProblems()).isEmpty();
                Set<Long> missing = new HashSet<>(everConfirmedOdd);
                missing.removeAll(recovered.keySet());
                assertThat(missing).as("confirmed adds lost in round %d", round).isEmpty();
                for (StoredMessage m : recovered.values()) {
                    assertThat(m.body()).isEqualTo(StoreTestMessages.message(m.id(), 100).body());
                }
                assertThat(store.lastMessageId()).isGreaterThanOrEqualTo(confirmed.stream().mapToLong(x -> x).max()
                        .orElse(0));
                LOG.info("round {}: {} adds confirmed before SIGKILL, {} messages recovered, all confirmed odd ids"
                        + " present", round, confirmed.size(), recovered.size());
            }
        }
    }

    /** Starts the child, waits until it has confirmed {@code atLeast} adds, SIGKILLs it, returns the confirmed ids. */
    private Set<Long> runAndKill(int atLeast) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(java, "-cp", classpath, "-Dlogback.configurationFile=none",
                CrashingPublisher.class.getName(), dir.toString())
                .redirectError(dir.resolve("child-stderr.txt").toFile())
                .start();
        Set<Long> confirmed = new HashSet<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("durable ")) {
                    confirmed.add(Long.parseLong(line.substring(8)));
                    if (confirmed.size() >= atLeast) {
                        // SIGKILL; through the handle so that our end of the pipe stays readable
                        child.toHandle().destroyForcibly();
                        break;
                    }
                }
            }
            // lines already printed before the kill are confirmations too
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("durable ")) {
                    confirmed.add(Long.parseLong(line.substring(8)));
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(confirmed).as("child confirmed adds (stderr in %s)", dir.resolve("child-stderr.txt"))
                .hasSizeGreaterThanOrEqualTo(atLeast);
        assertThat(child.exitValue()).isEqualTo(137);
        return confirmed;
    }
}
