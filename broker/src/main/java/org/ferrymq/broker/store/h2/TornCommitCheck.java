package org.ferrymq.broker.store.h2;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.h2.mvstore.MVStore;

/**
 * Tells the operator when MVStore, at open, fell back to an older commit because a newer one is
 * damaged. MVStore does that silently; this check, run only after an unclean shutdown, scans the
 * file for chunk headers newer than the commit MVStore recovered.
 *
 * <p>One torn newest commit is what a crash in the middle of a write leaves behind: its writes
 * were never confirmed (confirms wait for the fsync that follows the write). More than one newer
 * commit means confirmed data was lost (a damaged disk or file). Stateless.
 */
final class TornCommitCheck {
    private static final int BLOCK = 4096;
    private static final byte[] CHUNK_MARK = "chunk:".getBytes(StandardCharsets.US_ASCII);

    private TornCommitCheck() {
    }

    /** Returns a problem for the operator, or null when nothing was rolled back. */
    static String check(MVStore store, Path file) throws IOException {
        Map<String, Object> header = store.getStoreHeader();
        if (header.containsKey("clean")) {
            return null;
        }
        long recovered = store.getFileStore().lastChunkVersion();
        long recoveredTime = -1;
        int newer = 0;
        long newestVersion = recovered;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(BLOCK * 256);
            long position = 0;
            while (true) {
                buffer.clear();
                int read = channel.read(buffer, position);
                if (read <= 0) {
                    break;
                }
                for (int offset = 0; offset + CHUNK_MARK.length <= read; offset += BLOCK) {
                    if (startsWithMark(buffer, offset)) {
                        Map<String, String> fields = fields(buffer, offset, Math.min(read, offset + BLOCK));
                        long version = hex(fields.get("version"));
                        if (version > recovered) {
                            newer++;
                            newestVersion = Math.max(newestVersion, version);
                        } else if (version == recovered) {
                            recoveredTime = hex(fields.get("time"));
                        }
                    }
                }
                position += read - (read % BLOCK == 0 ? 0 : read % BLOCK);
                if (read % BLOCK != 0) {
                    break;
                }
            }
        }
        if (newer == 0) {
            return null;
        }
        String when = "";
        Object created = header.get("created");
        if (created != null && recoveredTime >= 0) {
            when = ", written at " + Instant.ofEpochMilli(hex(created.toString()) + recoveredTime);
        }
        if (newer == 1) {
            return "The last write to the message store file (commit " + newestVersion + ") was incomplete,"
                    + " as a crash during a write leaves it; FerryMQ recovered the state of the commit before it ("
                    + recovered + when + "). Writes of that incomplete commit had not been confirmed to publishers,"
                    + " so they will republish; acknowledgements in it are lost, so some messages are delivered again.";
        }
        return "The message store file is damaged: " + newer + " commits (" + (recovered + 1) + " to " + newestVersion
                + ") could not be read and FerryMQ recovered the state of commit " + recovered + when + "."
                + " Persistent messages confirmed after that point are lost, and messages acknowledged after it are"
                + " delivered again.";
    }

    private static boolean startsWithMark(ByteBuffer buffer, int offset) {
        for (int i = 0; i < CHUNK_MARK.length; i++) {
            if (buffer.get(offset + i) != CHUNK_MARK[i]) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> fields(ByteBuffer buffer, int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < to; i++) {
            byte b = buffer.get(i);
            if (b == '\n' || b == 0) {
                break;
            }
            text.append((char) b);
        }
        Map<String, String> fields = new HashMap<>();
        for (String part : text.toString().split(",")) {
            int colon = part.indexOf(':');
            if (colon > 0) {
                fields.put(part.substring(0, colon), part.substring(colon + 1));
            }
        }
        return fields;
    }

    private static long hex(String value) {
        try {
            return value == null ? -1 : Long.parseLong(value, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
