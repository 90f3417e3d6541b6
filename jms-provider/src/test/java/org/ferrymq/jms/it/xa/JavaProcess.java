package org.ferrymq.jms.it.xa;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A main class of the test classpath in a JVM of its own, its output collected so a test can
 * wait for a line; {@link #kill()} is SIGKILL.
 *
 * <p>Threading: used by the test thread; one daemon thread reads the output.
 */
final class JavaProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private JavaProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                    out.write(line);
                    out.write('\n');
                    out.flush();
                }
            } catch (IOException ignored) {
                // the process died
            }
        }, name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code main}; everything it prints is also appended to {@code log}, so a failed run
     * leaves the whole story of every process behind, not only the last lines.
     */
    static JavaProcess start(String name, Path log, Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-Xmx256m", "-XX:+UseSerialGC",
                "-Dlogback.configurationFile=xa-crash-logback.xml",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Files.createDirectories(log.getParent());
        Files.writeString(log, "---- " + java.time.Instant.now() + " start " + String.join(" ", args) + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return new JavaProcess(name, new ProcessBuilder(command).redirectErrorStream(true).start(), log);
    }

    /** Waits for a line starting with {@code prefix}; fails with the process's last output if it does not come. */
    String await(String prefix, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            for (String line : lines) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            if (!process.isAlive() && System.currentTimeMillis() > deadline - timeoutMillis + 200) {
                Thread.sleep(200);   // let the reader take the last lines
                for (String line : lines) {
                    if (line.startsWith(prefix)) {
                        return line;
                    }
                }
                throw new AssertionError(name + " ended (" + process.exitValue() + ") without '" + prefix + "': " + tail());
            }
            Thread.sleep(20);
        }
        throw new AssertionError(name + " did not say '" + prefix + "' in " + timeoutMillis + " ms: " + tail());
    }

    int waitFor(long timeoutMillis) throws InterruptedException {
        if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " did not end in " + timeoutMillis + " ms: " + tail());
        }
        return process.exitValue();
    }

    /** SIGKILL, then waits for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    String tail() {
        int from = Math.max(0, lines.size() - 40);
        return String.join("\n", lines.subList(from, lines.size()));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
