package org.ferrymq.server.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classpath the {@code ./ferrymq} launcher would use (the packaged server jar plus
 * {@code server/target/runtime-classpath.txt}), pinned for the length of the test run:
 * FerryMQ's own jars are taken from this checkout's {@code <module>/target} when present
 * (rather than the local Maven repository, which parallel builds of other checkouts rewrite)
 * and copied to a private directory, so that a jar replaced while a server runs cannot change
 * or break the code under test.
 *
 * <p>Threading: computed once, under the class lock.
 */
final class ServerClasspath {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Logger LOG = LoggerFactory.getLogger(ServerClasspath.class);
    private static String pinned;

    private ServerClasspath() {
    }

    static boolean available() {
        Path target = ROOT.resolve("server/target");
        return Files.isRegularFile(target.resolve("runtime-classpath.txt")) && serverJar(target) != null;
    }

    static synchronized String pinned() throws IOException {
        if (pinned == null) {
            pinned = build();
        }
        return pinned;
    }

    private static Path serverJar(Path target) {
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("ferrymq-server-.*\\.jar")).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static String build() throws IOException {
        Path target = ROOT.resolve("server/target");
        Path dir = Files.createTempDirectory("ferrymq-it-classpath-");
        dir.toFile().deleteOnExit();
        List<String> entries = new ArrayList<>();
        entries.add(copy(serverJar(target), dir));
        for (String entry : Files.readString(target.resolve("runtime-classpath.txt")).trim().split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (entry.contains("/org/ferrymq/") && Files.isRegularFile(path)) {
                String fileName = path.getFileName().toString(); // ferrymq-broker-0.1.0-SNAPSHOT.jar
                String module = fileName.replaceFirst("^ferrymq-", "").replaceFirst("-\\d.*$", "");
                Path local = ROOT.resolve(module).resolve("target").resolve(fileName);
                Path source = Files.isRegularFile(local) ? local : path;
                LOG.info("server classpath: {} from {}", fileName, source);
                entries.add(copy(source, dir));
            } else {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String copy(Path jar, Path dir) throws IOException {
        Path copy = dir.resolve(jar.getFileName());
        Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
        copy.toFile().deleteOnExit();
        return copy.toString();
    }
}
