package org.ferrymq.broker.store.h2;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;

import org.ferrymq.broker.store.StoreException;
import org.ferrymq.broker.store.StoreSettings;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the store file. MVStore itself falls back to the last complete commit when the end of the
 * file is torn or damaged. When the file cannot be opened or read at all, it is moved aside as
 * {@code <name>.corrupt-<timestamp>} (kept for an expert to look at) and an empty store is created,
 * with a problem report for the operator. Stateless.
 */
final class StoreFile {
    static final String FILE_NAME = "ferrymq-store.mv.db";
    private static final Logger LOG = LoggerFactory.getLogger(StoreFile.class);
    /**
     * How long a dead chunk's space is kept before reuse. MVStore's default (45 s) makes a busy
     * broker's file grow by 45 s of traffic; reads from other threads are point reads taking
     * microseconds, and long scans (recovery) register the version they read, so a few seconds is safe.
     */
    static final int RETENTION_MILLIS = 3_000;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private StoreFile() {
    }

    /**
     * Opens (or creates) the store in {@code dataDir} and runs {@code check} on it; if opening or
     * the check fails, the file is moved aside and {@code check} runs on a new empty store.
     */
    static <T> T open(Path dataDir, StoreSettings settings, List<String> problems, Function<MVStore, T> check) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
        }
        boolean existed = Files.exists(file);
        MVStore store = null;
        try {
            store = builder(file, settings).open();
            store.setRetentionTime(RETENTION_MILLIS);
            if (existed) {
                reportRollback(store, file, problems);
            }
            T opened = check.apply(store);
            if (!existed) {
                syncDirectory(dataDir);
            }
            return opened;
        } catch (UnsupportedStoreFormatException e) {
            store.closeImmediately();
            throw e;
        } catch (RuntimeException e) {
            if (store != null) {
                store.closeImmediately();
            }
            if (!existed) {
                throw e;
            }
            if (!isDamage(e)) {
                throw new StoreException("cannot open the message store file " + file + ": " + describe(e), e);
            }
            Path aside = moveAside(file);
            String problem = "The message store file " + file + " could not be read (" + describe(e)
                    + "). It was moved aside to " + aside.getFileName() + " and FerryMQ started with an empty"
                    + " store: the durable queues, exchanges, bindings, users and persistent messages it held are"
                    + " not recovered.";
            LOG.error(problem, e);
            problems.add(problem);
            MVStore fresh = builder(file, settings).open();
            fresh.setRetentionTime(RETENTION_MILLIS);
            T opened = check.apply(fresh);
            syncDirectory(dataDir);
            return opened;
        }
    }

    /**
     * Whether an open failure means the file's content is bad (then it is moved aside), as opposed
     * to a file in use by another FerryMQ, written by a newer H2, or not accessible: moving such a
     * file aside would throw good data away.
     */
    private static boolean isDamage(RuntimeException e) {
        if (e instanceof MVStoreException mv) {
            int code = mv.getErrorCode();
            if (code == DataUtils.ERROR_FILE_LOCKED || code == DataUtils.ERROR_UNSUPPORTED_FORMAT
                    || code == DataUtils.ERROR_WRITING_FAILED) {
                return false;
            }
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof AccessDeniedException || cause instanceof OverlappingFileLockException) {
                return false;
            }
        }
        return true;
    }

    private static void reportRollback(MVStore store, Path file, List<String> problems) {
        try {
            String problem = TornCommitCheck.check(store, file);
            if (problem != null) {
                LOG.error(problem);
                problems.add(problem);
            }
        } catch (IOException e) {
            LOG.warn("Could not check the store file {} for damaged commits", file, e);
        }
    }

    private static MVStore.Builder builder(Path file, StoreSettings settings) {
        return new MVStore.Builder()
                .fileName(file.toString())
                // no background thread: the StoreWriter commits, syncs and compacts itself
                .autoCommitDisabled()
                .autoCompactFillRate(0)
                // MVStore commits on its own when this much is unsaved; keep that above a full group
                .autoCommitBufferSize((int) Math.min(Integer.MAX_VALUE / 1024 / 20,
                        Math.max(64 * 1024, settings.maxGroupBytes() * 4 / 1024)))
                .cacheSize(settings.cacheSizeMb());
    }

    private static Path moveAside(Path file) {
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + STAMP.format(Instant.now()));
        try {
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
            return aside;
        } catch (IOException e) {
            throw new UncheckedIOException("the store file " + file + " is unreadable and could not be moved aside",
                    e);
        }
    }

    /** Makes a new file's directory entry durable (a fsync of the file does not cover it). */
    static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not fsync directory {} (not supported on this platform?)", dir, e);
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
