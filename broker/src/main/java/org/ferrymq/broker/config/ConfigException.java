package org.ferrymq.broker.config;

import java.nio.file.Path;

/**
 * A configuration file that cannot be used, saying where: the file, the line (1-based; 0 when the
 * problem is the file as a whole) and the key. The message reads like a compiler error:
 * {@code ferrymq.conf:12: frame_max: expected a size in bytes, got 'big'}.
 */
public class ConfigException extends RuntimeException {
    private final Path file;
    private final int line;
    private final String key;

    public ConfigException(Path file, int line, String key, String reason) {
        this(file, line, key, reason, null);
    }

    public ConfigException(Path file, int line, String key, String reason, Throwable cause) {
        super(location(file, line, key) + reason, cause);
        this.file = file;
        this.line = line;
        this.key = key;
    }

    private static String location(Path file, int line, String key) {
        StringBuilder s = new StringBuilder().append(file);
        if (line > 0) {
            s.append(':').append(line);
        }
        s.append(": ");
        if (key != null) {
            s.append(key).append(": ");
        }
        return s.toString();
    }

    public Path file() {
        return file;
    }

    /** 1-based line number, or 0 when the error concerns the whole file. */
    public int line() {
        return line;
    }

    /** The offending key, or {@code null} when the error is not about one key. */
    public String key() {
        return key;
    }
}
