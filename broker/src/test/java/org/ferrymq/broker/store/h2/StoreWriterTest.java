package org.ferrymq.broker.store.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.ferrymq.broker.store.StoreException;
import org.ferrymq.broker.store.StoreSettings;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StoreWriterTest {
    @TempDir
    Path dir;
    private MVStore store;
    private MVMap<String, String> map;
    private StoreWriter writer;

    @BeforeEach
    void open() {
        store = new MVStore.Builder().fileName(dir.resolve("w.mv.db").toString()).autoCommitDisabled().open();
        map = store.openMap("m");
        writer = new StoreWriter(store, StoreSettings.defaults(), "test-writer", () -> { });
        writer.start();
    }

    @AfterEach
    void close() {
        writer.close();
        if (!store.isClosed()) {
            store.close();
        }
    }

    @Test
    void aFailingTaskFailsOnlyItsOwnFuture() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        // keep the writer busy so that the next three tasks land in one group
        CompletableFuture<Object> blocker = writer.submit(() -> {
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }, false, 0);
        CompletableFuture<String> before = writer.submit(() -> map.put("a", "1"), true, 1);
        CompletableFuture<String> failing = writer.submit(() -> {
            throw new IllegalStateException("boom");
        }, true, 1);
        CompletableFuture<String> after = writer.submit(() -> map.put("b", "2"), true, 1);
        long groupsBefore = writer.metrics().groups();
        hold.countDown();
        blocker.join();
        before.join();
        after.join();
        assertThatThrownBy(failing::join).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(writer.metrics().groups() - groupsBefore).isLessThanOrEqualTo(2);
        assertThat(map).containsEntry("a", "1").containsEntry("b", "2");
    }

    @Test
    void whenTheFileIsGoneForGoodEveryWriteFailsFast() {
        writer.submit(() -> {
            store.closeImmediately(); // what MVStore does to itself after a write error
            return null;
        }, true, 1).exceptionally(e -> null).join();
        CompletableFuture<Void> next = writer.sync();
        assertThatThrownBy(next::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(StoreException.class);
        assertThat(writer.broken()).isNotNull();
        assertThat(writer.broken().getMessage()).contains("every persistent write now fails");
    }

    @Test
    void closingAppliesWhatIsPendingAndRefusesTheRest() {
        List<CompletableFuture<String>> futures = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String key = "k" + i;
            futures.add(writer.submit(() -> map.put(key, "v"), false, 1));
        }
        writer.close();
        futures.forEach(CompletableFuture::join);
        assertThat(map).hasSize(1000);
        assertThatThrownBy(() -> writer.sync().join()).hasCauseInstanceOf(StoreException.class);
    }

    @Test
    void futuresCompleteAfterTheFsync() {
        long syncs = writer.metrics().syncs();
        writer.submit(() -> map.put("x", "y"), true, 1).join();
        assertThat(writer.metrics().syncs()).isEqualTo(syncs + 1);
        // nothing new to make durable: a sync request costs no fsync
        writer.sync().join();
        assertThat(writer.metrics().syncs()).isEqualTo(syncs + 1);
        // an undurable write rides along without an fsync, and the next sync covers it
        writer.submit(() -> map.put("z", "w"), false, 1).join();
        assertThat(writer.metrics().syncs()).isEqualTo(syncs + 1);
        writer.sync().join();
        assertThat(writer.metrics().syncs()).isEqualTo(syncs + 2);
    }

    @Test
    void writesAnnouncingCompanionsShareOneSyncWithThem() {
        long syncs = writer.metrics().syncs();
        List<CompletableFuture<String>> writes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String key = "k" + i;
            writes.add(writer.submit(() -> map.put(key, "v"), true, 1, 3));
        }
        writes.forEach(CompletableFuture::join);
        assertThat(map).containsKeys("k0", "k1", "k2", "k3");
        // without the gathering wait the first write would usually sync alone
        assertThat(writer.metrics().syncs() - syncs).isBetween(1L, 3L);
    }

    @Test
    void companionsThatNeverComeDoNotHoldAWriteBack() {
        long syncs = writer.metrics().syncs();
        writer.submit(() -> map.put("alone", "v"), true, 1, 5).join();   // the wait is bounded (about one sync)
        assertThat(writer.metrics().syncs()).isEqualTo(syncs + 1);
        assertThat(writer.metrics().gathers()).isPositive();
    }
}
