package org.ferrymq.broker.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** File and directory values: relative ones are relative to the config file's directory, so a config works from any directory. */
final class ConfigPaths {
    private ConfigPaths() {
    }

    static Path resolve(ConfigLine line) {
        try {
            Path path = Path.of(line.text());
            if (path.isAbsolute()) {
                return path;
            }
            Path base = line.file().toAbsolutePath().getParent();
            return base == null ? path : base.resolve(path).normalize();
        } catch (InvalidPathException e) {
            throw line.fail("not a valid path: " + e.getReason());
        }
    }
}
