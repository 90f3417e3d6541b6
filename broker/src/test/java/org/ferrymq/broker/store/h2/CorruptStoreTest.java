package org.ferrymq.broker.store.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.ferrymq.broker.store.QueueRecord;
import org.ferrymq.broker.store.RecoveredState;
import org.ferrymq.broker.store.StoreException;
import org.ferrymq.broker.store.StoreSettings;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Damaged store files: the store reports what it could not recover and keeps working. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CorruptStoreTest {
    @TempDir
    Path dir;

    /** Writes 30 commits of 100 messages (the oldest acked) and copies the file as a crash would leave it. */
    private Path crashedStore() throws Exception {
        Path live = dir.resolve("live");
        Path crashed = dir.resolve("crashed");
        Files.createDirectories(crashed);
        try (H2MessageStore store = H2MessageStore.open(live, StoreSettings.defaults())) {
            long q = store.saveQueue(new QueueRecord(0, "/", "q", false, Map.of()));
            for (int group = 0; group < 30; group++) {
                for (int i = 1; i <= 100; i++) {
                    store.add(StoreTestMessages.message(group * 100L + i, 100), new long[] {q});
                    if (group >= 3) {
                        store.remove(q, (group - 3) * 100L + i);
                    }
                }
                store.sync().join();
            }
            // the store is still open: the copy has no clean-shutdown mark, like after a kill
            Files.copy(live.resolve(StoreFile.FILE_NAME), crashed.resolve(StoreFile.FILE_NAME));
        }
        return crashed;
    }

    private static void damage(Path file, long from, byte[] bytes) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(from);
            raf.write(bytes);
        }
    }

    private static List<Long> recoverIds(H2MessageStore store) {
        List<Long> ids = new ArrayList<>();
        store.recoverMessages((queue, m) -> ids.add(m.id()));
        return ids;
    }

    /** After recovery the store must still take writes and survive a clean restart. */
    private static void assertUsable(Path dataDir) {
        try (H2MessageStore store = H2MessageStore.open(dataDir, StoreSettings.defaults())) {
            long q = store.saveQueue(new QueueRecord(0, "/", "after-damage", false, Map.of()));
            store.add(StoreTestMessages.message(1_000_000, 10), new long[] {q}).join();
        }
        try (H2MessageStore store = H2MessageStore.open(dataDir, StoreSettings.defaults())) {
            assertThat(store.recoverDefinitions().problems()).isEmpty();
            assertThat(recoverIds(store)).contains(1_000_000L);
        }
    }

    @Test
    void anUndamagedCrashReportsNothing() throws Exception {
        Path crashed = crashedStore();
        try (H2MessageStore store = H2MessageStore.open(crashed, StoreSettings.defaults())) {
            assertThat(store.recoverDefinitions().problems()).isEmpty();
            assertThat(recoverIds(store)).hasSize(300).startsWith(2701L);
        }
    }

    /** Chunk headers found in the file, as {version, first block, length in blocks}, newest first. */
    private static List<long[]> chunksNewestFirst(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        List<long[]> chunks = new ArrayList<>();
        for (int offset = 0; offset + 6 <= bytes.length; offset += 4096) {
            if (new String(bytes, offset, 6, StandardCharsets.US_ASCII).equals("chunk:")) {
                int end = offset;
                while (end < bytes.length && bytes[end] != '\n' && bytes[end] != 0) {
                    end++;
                }
                long version = -1;
                long length = 0;
                for (String field : new String(bytes, offset, end - offset, StandardCharsets.US_ASCII).split(",")) {
                    if (field.startsWith("version:")) {
                        version = Long.parseLong(field.substring(8), 16);
                    } else if (field.startsWith("len:")) {
                        length = Long.parseLong(field.substring(4), 16);
                    }
                }
                chunks.add(new long[] {version, offset / 4096, length});
            }
        }
        chunks.sort((a, b) -> Long.compare(b[0], a[0]));
        return chunks;
    }

    @Test
    void aTornNewestCommitRollsBackToTheOneBeforeAndSaysSo() throws Exception {
        Path crashed = crashedStore();
        Path file = crashed.resolve(StoreFile.FILE_NAME);
        long[] newest = chunksNewestFirst(file).get(0);
        damage(file, (newest[1] + newest[2]) * 4096 - 700, new byte[700]); // its footer never made it to disk
        try (H2MessageStore store = H2MessageStore.open(crashed, StoreSettings.defaults())) {
            RecoveredState state = store.recoverDefinitions();
            assertThat(state.problems()).singleElement().asString().contains("was incomplete", "commit before it");
            assertThat(state.queues()).hasSize(1);
            assertThat(recoverIds(store)).isNotEmpty().isSorted();
            assertThat(store.messageRecoveryProblems()).isEmpty();
        }
        assertUsable(crashed);
    }

    @Test
    void damagedCommitsAreReportedAsLostData() throws Exception {
        Path crashed = crashedStore();
        Path file = crashed.resolve(StoreFile.FILE_NAME);
        Random random = new Random(7);
        for (long[] chunk : chunksNewestFirst(file).subList(0, 2)) {
            byte[] garbage = new byte[(int) chunk[2] * 4096 - 200];
            random.nextBytes(garbage);
            damage(file, chunk[1] * 4096 + 200, garbage); // header intact, body and footer garbage
        }
        try (H2MessageStore store = H2MessageStore.open(crashed, StoreSettings.defaults())) {
            RecoveredState state = store.recoverDefinitions();
            assertThat(state.problems()).singleElement().asString().contains("is damaged", "are lost");
            recoverIds(store);
        }
        assertUsable(crashed);
    }

    @Test
    void aTruncatedFileIsNotFatal() throws Exception {
        Path crashed = crashedStore();
        try (RandomAccessFile raf = new RandomAccessFile(crashed.resolve(StoreFile.FILE_NAME).toFile(), "rw")) {
            raf.setLength(raf.length() - 700);
        }
        try (H2MessageStore store = H2MessageStore.open(crashed, StoreSettings.defaults())) {
            // whether anything was lost depends on what sat at the end of the file; it must open and say
            assertThat(store.recoverDefinitions().problems()).allMatch(p -> p.contains("commit"));
            assertThat(recoverIds(store)).isSorted();
        }
        assertUsable(crashed);
    }

    @Test
    void anUnreadableFileIsMovedAsideAndTheStoreStartsEmpty() throws Exception {
        Path crashed = crashedStore();
        damage(crashed.resolve(StoreFile.FILE_NAME), 0, new byte[8192]); // both copies of the file header
        try (H2MessageStore store = H2MessageStore.open(crashed, StoreSettings.defaults())) {
            RecoveredState state = store.recoverDefinitions();
            assertThat(state.problems()).singleElement().asString()
                    .contains("could not be read", "moved aside", "empty store");
            assertThat(state.queues()).isEmpty();
            assertThat(recoverIds(store)).isEmpty();
        }
        try (var files = Files.list(crashed)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.startsWith(StoreFile.FILE_NAME + ".corrupt-"));
        }
        assertUsable(crashed);
    }

    @Test
    void aStoreInUseIsRefusedAndLeftAlone() throws Exception {
        try (H2MessageStore first = H2MessageStore.open(dir, StoreSettings.defaults())) {
            first.saveVhost("/");
            assertThatThrownBy(() -> H2MessageStore.open(dir, StoreSettings.defaults()))
                    .isInstanceOf(StoreException.class).hasMessageContaining("locked");
            first.saveVhost("still-works");
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains(".corrupt-"));
        }
        try (H2MessageStore store = H2MessageStore.open(dir, StoreSettings.defaults())) {
            assertThat(store.recoverDefinitions().vhosts()).containsExactlyInAnyOrder("/", "still-works");
        }
    }

    @Test
    void aDamagedMessageIsSkippedAndReported() throws Exception {
        Path crashed = crashedStore();
        MVStore raw = new MVStore.Builder().fileName(crashed.resolve(StoreFile.FILE_NAME).toString())
                .autoCommitDisabled().open();
        try {
            StoreMaps maps = new StoreMaps(raw);
            maps.messages.put(2800L, new byte[] {1, 5, 'b', 'r', 'o'}); // claims more bytes than it has
            raw.commit();
        } finally {
            raw.close();
        }
        try (H2MessageStore store = H2MessageStore.open(crashed, StoreSettings.defaults())) {
            assertThat(store.recoverDefinitions().problems()).isEmpty();
            List<Long> ids = recoverIds(store);
            assertThat(ids).hasSize(299).doesNotContain(2800L);
            assertThat(store.messageRecoveryProblems()).singleElement().asString()
                    .contains("1 persistent messages", "could not be read", "message 2800");
            store.sync().join();
        }
        try (H2MessageStore store = H2MessageStore.open(crashed, StoreSettings.defaults())) {
            assertThat(recoverIds(store)).hasSize(299); // the damaged entry was removed
            assertThat(store.messageRecoveryProblems()).isEmpty();
        }
    }
}
