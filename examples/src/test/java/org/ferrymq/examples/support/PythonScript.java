package org.ferrymq.examples.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of the Python example scripts running as a {@code /usr/bin/python3} subprocess (Debian's
 * python3-pika), its stdout and stderr collected line by line. Closing it kills it if it is still
 * running, so no test leaves a process behind.
 */
public final class PythonScript implements AutoCloseable {
    public static final String PYTHON = "/usr/bin/python3";
    /** What every example consumer prints once it is bound and consuming. */
    public static final String READY = " [*] ";
    private static final Pattern PRINTED_BODY = Pattern.compile("b'(.*)'");
    private static final Duration MAX_LIFETIME = Duration.ofMinutes(2);

    private final String description;
    private final Process process;
    private final Thread reader;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private PythonScript(String description, Process process) {
        this.description = description;
        this.process = process;
        this.reader = new Thread(this::collectOutput, "python " + description);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code examples/python/<script>} with the broker's address and {@code extraEnv}. */
    public static PythonScript start(ExampleBroker broker, Map<String, String> extraEnv, String script, String... args) {
        List<String> command = new ArrayList<>();
        // coreutils' timeout ends the script even if this JVM dies before closing it
        command.addAll(List.of("timeout", "--kill-after=5", Long.toString(MAX_LIFETIME.toSeconds())));
        command.add(PYTHON);
        command.add(scriptsDirectory().resolve(script).toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = new HashMap<>(broker.clientEnvironment());
        env.put("PYTHONUNBUFFERED", "1"); // so the test sees each line as it is printed
        env.putAll(extraEnv);
        builder.environment().putAll(env);
        try {
            return new PythonScript(String.join(" ", command.subList(4, command.size())), builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    public static PythonScript start(ExampleBroker broker, String script, String... args) {
        return start(broker, Map.of(), script, args);
    }

    /** A consumer that exits by itself after {@code maxMessages} messages. */
    public static PythonScript startConsumer(ExampleBroker broker, int maxMessages, String script, String... args) {
        return start(broker, Map.of("MAX_MESSAGES", Integer.toString(maxMessages)), script, args);
    }

    /** Runs a producer to completion and checks it succeeded; returns its output. */
    public static List<String> run(ExampleBroker broker, String script, String... args) throws InterruptedException {
        try (PythonScript producer = start(broker, script, args)) {
            producer.awaitExit(Duration.ofSeconds(20), 0);
            return producer.lines();
        }
    }

    private static Path scriptsDirectory() {
        Path fromModule = Path.of("python");
        return Files.isDirectory(fromModule) ? fromModule : Path.of("examples", "python");
    }

    private void collectOutput() {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("<output lost: " + e + ">");
        }
    }

    /**
     * Waits until the script printed a line containing {@code fragment}. If it does not (or the
     * test's timeout interrupts the wait), the script is killed: this is typically called while
     * the script is being started, before a try-with-resources block owns it.
     */
    public PythonScript awaitLine(String fragment, Duration timeout) throws InterruptedException {
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (lines.stream().noneMatch(line -> line.contains(fragment))) {
                if (System.nanoTime() > deadline || (!process.isAlive() && !reader.isAlive()
                        && lines.stream().noneMatch(line -> line.contains(fragment)))) {
                    throw new AssertionError(description + " did not print '" + fragment + "' within " + timeout
                            + (process.isAlive() ? "" : " (it exited)") + "; output: " + lines);
                }
                Thread.sleep(10);
            }
            return this;
        } catch (InterruptedException | RuntimeException | Error e) {
            kill();
            throw e;
        }
    }

    /** Waits until the consumer is bound and consuming. */
    public PythonScript awaitReady() throws InterruptedException {
        return awaitLine(READY, Duration.ofSeconds(20));
    }

    /** Waits for the script to exit with {@code expectedExitCode}; kills it and fails if it does not. */
    public PythonScript awaitExit(Duration timeout, int expectedExitCode) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            throw new AssertionError(description + " still running after " + timeout + "; output: " + lines);
        }
        reader.join(5_000);
        if (process.exitValue() != expectedExitCode) {
            throw new AssertionError(description + " exited with " + process.exitValue() + ", expected "
                    + expectedExitCode + "; output: " + lines);
        }
        return this;
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** The bodies the script printed as {@code b'...'} on its " [x] " lines, in order. */
    public List<String> printedBodies() {
        List<String> bodies = new ArrayList<>();
        for (String line : lines) {
            Matcher body = PRINTED_BODY.matcher(line);
            if (line.startsWith(" [x]") && body.find()) {
                bodies.add(body.group(1));
            }
        }
        return bodies;
    }

    public long countLinesContaining(String fragment) {
        return lines.stream().filter(line -> line.contains(fragment)).count();
    }

    /** SIGTERM (which timeout passes on to python), then SIGKILL for whatever is left. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    /** SIGKILL to python and to the timeout wrapper (killing only the wrapper would orphan python). */
    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @Override
    public String toString() {
        return description;
    }
}
