package org.ferrymq.bench.durability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * A process's resident memory from {@code /proc/<pid>/status}: VmRSS (now) and VmHWM (the
 * highest it has been, so a peak between two samples is not missed).
 */
public record ProcStatus(long rssBytes, long peakRssBytes) {

    /** @throws IOException when the process is gone or this is not Linux */
    public static ProcStatus of(long pid) throws IOException {
        return parse(Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")))
                .orElseThrow(() -> new IOException("no VmRSS/VmHWM in /proc/" + pid + "/status"));
    }

    /** Reads the "VmRSS:   123456 kB" and "VmHWM: ..." lines. */
    public static java.util.Optional<ProcStatus> parse(List<String> lines) {
        OptionalLong rss = kibValue(lines, "VmRSS:");
        OptionalLong hwm = kibValue(lines, "VmHWM:");
        if (rss.isEmpty() || hwm.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new ProcStatus(rss.getAsLong() * 1024, hwm.getAsLong() * 1024));
    }

    private static OptionalLong kibValue(List<String> lines, String key) {
        for (String line : lines) {
            if (line.startsWith(key)) {
                String value = line.substring(key.length()).trim();
                if (value.endsWith("kB")) {
                    value = value.substring(0, value.length() - 2).trim();
                }
                try {
                    return OptionalLong.of(Long.parseLong(value));
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }
}
