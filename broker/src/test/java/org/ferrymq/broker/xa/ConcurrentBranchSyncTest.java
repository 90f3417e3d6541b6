package org.ferrymq.broker.xa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.ferrymq.broker.amqp.codec.AmqpBasicProperties;
import org.ferrymq.broker.model.Message;
import org.ferrymq.broker.store.StoreSettings;
import org.ferrymq.broker.store.h2.H2MessageStore;
import org.ferrymq.broker.store.h2.StoreMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrent XA branches share the store's fsyncs: N branches preparing (then committing) at the
 * same time cost fewer than N syncs, counted by the store, never timed. Each prepare and commit is
 * still on disk when it answers: the store's future completes only after its group's sync (and
 * {@code XaBranchIT} restarts the broker after prepare).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConcurrentBranchSyncTest {
    private static final int BRANCHES = 8;

    @TempDir
    Path dir;
    private H2MessageStore store;
    private ScheduledExecutorService timer;
    private XaResourceManager manager;

    @BeforeEach
    void open() {
        store = H2MessageStore.open(dir, StoreSettings.defaults());
        timer = Executors.newSingleThreadScheduledExecutor();
        Function<String, org.ferrymq.broker.model.MessageQueue> noQueues = name -> null;
        manager = new XaResourceManager("/", store, timer, noQueues);
    }

    @AfterEach
    void close() {
        timer.shutdownNow();
        store.close();
    }

    @Test
    void concurrentPreparesAndCommitsShareSyncs() throws Exception {
        List<BranchXid> xids = endedBranchesWithWork(BRANCHES);

        StoreMetrics beforePrepare = store.metrics();
        List<Integer> prepared = concurrently(xids, xid -> manager.prepare(xid));
        StoreMetrics afterPrepare = store.metrics();
        assertThat(prepared).containsOnly(XaCodes.XA_OK);
        assertThat(afterPrepare.syncs() - beforePrepare.syncs())
                .as("fsyncs for %d concurrent prepares", BRANCHES).isPositive().isLessThan(BRANCHES);
        assertThat(store.preparedBranches()).hasSize(BRANCHES);

        List<Void> committed = concurrently(xids, xid -> manager.commit(xid, false));
        StoreMetrics afterCommit = store.metrics();
        assertThat(committed).hasSize(BRANCHES);
        assertThat(afterCommit.syncs() - afterPrepare.syncs())
                .as("fsyncs for %d concurrent commits", BRANCHES).isPositive().isLessThan(BRANCHES);
        assertThat(store.preparedBranches()).isEmpty();
    }

    @Test
    void aLoneBranchDoesNotWaitForCompanions() {
        BranchXid xid = endedBranchesWithWork(1).get(0);
        StoreMetrics before = store.metrics();
        assertThat(manager.prepare(xid).join()).isEqualTo(XaCodes.XA_OK);
        manager.commit(xid, false).join();
        assertThat(store.metrics().gathers()).isEqualTo(before.gathers());
        assertThat(store.metrics().syncs() - before.syncs()).isEqualTo(2);
    }

    /** Branches that each published one persistent message and were ended: ready to prepare. */
    private List<BranchXid> endedBranchesWithWork(int count) {
        List<BranchXid> xids = new ArrayList<>();
        Object connection = new Object();
        for (int i = 0; i < count; i++) {
            BranchXid xid = new BranchXid(1, ("gtrid-" + i).getBytes(StandardCharsets.UTF_8), new byte[] {1});
            Object channel = new Object();
            XaBranchHandle handle = manager.start(xid, XaCodes.TMNOFLAGS, 0, connection, channel);
            AmqpBasicProperties persistent = AmqpBasicProperties.EMPTY.withDeliveryMode(2);
            handle.published(Message.of(1000 + i, "", "q", persistent, new byte[] {(byte) i}), List.of());
            manager.end(xid, XaCodes.TMSUCCESS, channel);
            xids.add(xid);
        }
        return xids;
    }

    /** Runs {@code call} for every xid at once, one thread each, and waits for every answer. */
    private static <T> List<T> concurrently(List<BranchXid> xids, Function<BranchXid, CompletableFuture<T>> call)
            throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<T>> answers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (BranchXid xid : xids) {
            CompletableFuture<T> answer = new CompletableFuture<>();
            answers.add(answer);
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    call.apply(xid).whenComplete((v, e) -> {
                        if (e != null) {
                            answer.completeExceptionally(e);
                        } else {
                            answer.complete(v);
                        }
                    });
                } catch (Throwable e) {
                    answer.completeExceptionally(e);
                }
            });
            threads.add(t);
            t.start();
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        return answers.stream().map(CompletableFuture::join).toList();
    }
}
