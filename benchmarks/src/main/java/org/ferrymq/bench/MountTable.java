package org.ferrymq.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which filesystem a directory is on, from {@code /proc/mounts}: a store on tmpfs would make
 * every fsync free and every durability figure meaningless, so the harness checks and reports it.
 */
public record MountTable(List<Mount> mounts) {

    /** One line of /proc/mounts. */
    public record Mount(String device, String mountPoint, String type) {
        /** Filesystems in RAM, where fsync costs nothing. */
        public boolean inMemory() {
            return type.equals("tmpfs") || type.equals("ramfs");
        }

        public String describe() {
            return type + " on " + device + (inMemory() ? ", IN MEMORY: fsync is free" : "");
        }
    }

    public MountTable {
        mounts = List.copyOf(mounts);
    }

    /** This machine's mounts; empty when /proc/mounts cannot be read (not Linux). */
    public static MountTable current() {
        try {
            return parse(Files.readAllLines(Path.of("/proc/mounts")));
        } catch (IOException e) {
            return new MountTable(List.of());
        }
    }

    /** "device mountpoint type options dump pass" per line; octal escapes (\040 = space) decoded. */
    public static MountTable parse(List<String> lines) {
        List<Mount> mounts = new ArrayList<>();
        for (String line : lines) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 3) {
                mounts.add(new Mount(unescape(fields[0]), unescape(fields[1]), fields[2]));
            }
        }
        return new MountTable(mounts);
    }

    /** The mount holding {@code path} (the longest mount point that is a prefix of it; the last one mounted wins). */
    public Optional<Mount> mountOf(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Mount best = null;
        for (Mount mount : mounts) {
            Path point = Path.of(mount.mountPoint());
            if (absolute.startsWith(point)
                    && (best == null || point.getNameCount() >= Path.of(best.mountPoint()).getNameCount())) {
                best = mount;
            }
        }
        return Optional.ofNullable(best);
    }

    /** "ext4 on /dev/vda", or "unknown filesystem". */
    public String describe(Path path) {
        return mountOf(path).map(Mount::describe).orElse("unknown filesystem");
    }

    private static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).chars().allMatch(d -> d >= '0' && d <= '7')) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
