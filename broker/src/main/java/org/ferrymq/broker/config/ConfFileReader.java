package org.ferrymq.broker.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the sysctl-like format of RabbitMQ's {@code rabbitmq.conf}: one {@code key = value} per
 * line, blank lines and lines starting with {@code #} ignored. Knows nothing of what the keys
 * mean; rejects lines without {@code =} and keys set twice.
 */
final class ConfFileReader {
    private ConfFileReader() {
    }

    static List<ConfigLine> read(Path file) {
        List<String> raw;
        try {
            raw = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file, 0, null, "no such file");
        } catch (CharacterCodingException e) {
            throw new ConfigException(file, 0, null, "not a UTF-8 text file", e);
        } catch (IOException e) {
            throw new ConfigException(file, 0, null, "cannot read: " + e, e);
        }
        List<ConfigLine> lines = new ArrayList<>();
        Map<String, Integer> firstSeen = new HashMap<>();
        for (int i = 0; i < raw.size(); i++) {
            int number = i + 1;
            String text = raw.get(i).strip();
            if (number == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1).strip(); // byte order mark left by some editors
            }
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            int eq = text.indexOf('=');
            if (eq < 0) {
                throw new ConfigException(file, number, null, "expected 'key = value', got '" + text + "'");
            }
            String key = text.substring(0, eq).strip();
            String value = text.substring(eq + 1).strip();
            if (key.isEmpty()) {
                throw new ConfigException(file, number, null, "missing key before '='");
            }
            if (key.chars().anyMatch(Character::isWhitespace)) {
                throw new ConfigException(file, number, key, "keys cannot contain spaces");
            }
            Integer previous = firstSeen.putIfAbsent(key, number);
            if (previous != null) {
                throw new ConfigException(file, number, key, "set twice (first on line " + previous + ")");
            }
            lines.add(new ConfigLine(file, number, key, value));
        }
        return lines;
    }
}
