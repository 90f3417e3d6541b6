package org.ferrymq.broker.store.h2;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.ferrymq.broker.store.QueueRecord;
import org.ferrymq.broker.store.StoreSettings;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchExperimentTest {
    @TempDir
    Path dir;

    @Test
    void experiment() throws Exception {
        for (String mode : new String[] {"truncate", "garbage", "header", "closedTruncate"}) {
            Path d = dir.resolve(mode);
            H2MessageStore store = H2MessageStore.open(d, StoreSettings.defaults());
            long q = store.saveQueue(new QueueRecord(0, "/", "q", false, Map.of()));
            for (int g = 0; g < 5; g++) {
                for (int i = 1; i <= 100; i++) {
                    store.add(StoreTestMessages.message(g * 100 + i, 100), new long[] {q});
                }
                store.sync().join();
            }
            Path file = d.resolve(StoreFile.FILE_NAME);
            if (mode.equals("closedTruncate")) {
                store.close();
            } else {
                // simulate a crash: leave it open (lock is process-level), copy file
            }
            Path copy = d.resolve("copy");
            Files.createDirectories(copy);
            Path target = copy.resolve(StoreFile.FILE_NAME);
            Files.copy(file, target);
            MVStore mv = openRaw(target, true);
            System.out.println(mode + " before: size=" + Files.size(target) + " version=" + mv.getCurrentVersion());
            mv.closeImmediately();
            long size = Files.size(target);
            try (RandomAccessFile raf = new RandomAccessFile(target.toFile(), "rw")) {
                switch (mode) {
                    case "truncate", "closedTruncate" -> raf.setLength(size - 700);
                    case "garbage" -> {
                        raf.seek(size - 3000);
                        raf.write(new byte[2000]);
                    }
                    case "header" -> {
                        raf.seek(0);
                        raf.write(new byte[8192]);
                    }
                    default -> { }
                }
            }
            Path rep = d.resolve("rep.mv.db");
            Files.copy(target, rep);
            long t0 = System.nanoTime();
            try {
                org.h2.mvstore.MVStoreTool.repair(rep.toString());
                MVStore r = openRaw(rep, false);
                System.out.println(mode + " repaired in " + (System.nanoTime() - t0) / 1000000 + " ms: version=" + r.getCurrentVersion() + " messages=" + r.openMap("messages").sizeAsLong() + " files=" + java.util.Arrays.toString(d.toFile().list()));
                r.closeImmediately();
            } catch (Exception e) {
                System.out.println(mode + " repair failed " + e);
            }
            try {
                MVStore after = openRaw(target, false);
                System.out.println(mode + " after: size=" + Files.size(target) + " layout=" + after.getLayoutMap()
                        + " messages=" + after.openMap("messages").sizeAsLong());
                after.closeImmediately();
            } catch (Exception e) {
                System.out.println(mode + " after: open failed " + e);
            }
            H2MessageStore reopened = H2MessageStore.open(copy, StoreSettings.defaults());
            System.out.println(mode + " store: " + reopened.recoverDefinitions().problems() + " last="
                    + reopened.lastMessageId());
            reopened.close();
            if (!mode.equals("closedTruncate")) {
                store.close();
            }
        }
    }

    private static MVStore openRaw(Path file, boolean readOnly) {
        MVStore.Builder b = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled();
        if (readOnly) {
            b.readOnly();
        }
        return b.open();
    }
}
