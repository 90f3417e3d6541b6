package org.ferrymq.examples.game;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
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

import org.ferrymq.examples.support.ExampleBroker;

/**
 * One of the game programs in a process of its own: a pika one ({@code examples/python/game/*.py}
 * under {@code /usr/bin/python3}) or a Java one (a {@code main} of this module, on the test's
 * class path), its output collected line by line, its stdin open for commands (the player reads
 * them). {@link #kill()} is SIGKILL, a real crash; closing it kills whatever is left. Each runs
 * under coreutils' {@code timeout}, so it ends even if the test's JVM dies first.
 */
final class GameProcess implements AutoCloseable {
    private static final String PYTHON = "/usr/bin/python3";
    private static final Duration MAX_LIFETIME = Duration.ofMinutes(2);

    private final String description;
    private final Process process;
    private final Writer stdin;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private GameProcess(String description, Process process) {
        this.description = description;
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::collect, "game process " + description);
        reader.setDaemon(true);
        reader.start();
    }

    /** A pika program of {@code examples/python/game}. */
    static GameProcess pika(ExampleBroker broker, Map<String, String> env, String script, String... args) {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-u", gameDirectory().resolve(script).toString()));
        command.addAll(List.of(args));
        return launch(script + " " + String.join(" ", args), command, broker, env);
    }

    /**
     * A Java program of this module ({@code main} of {@code program}) in a JVM of its own, the way
     * a user runs it: the broker's address in {@code AMQP_HOST}/{@code AMQP_PORT} and (JMS)
     * {@code FERRYMQ_URI}.
     */
    static GameProcess java(ExampleBroker broker, Map<String, String> env, Class<?> program, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "-XX:TieredStopAtLevel=1",   // the quick compiler only: starts sooner, and a test's load is small
                program.getName()));
        command.addAll(List.of(args));
        Map<String, String> environment = new HashMap<>(env);
        environment.putIfAbsent("FERRYMQ_URI", "amqp://guest:guest@" + broker.host() + ":" + broker.port());
        return launch(program.getSimpleName() + " " + String.join(" ", args), command, broker, environment);
    }

    private static GameProcess launch(String description, List<String> program, ExampleBroker broker,
                                      Map<String, String> env) {
        List<String> command = new ArrayList<>(List.of("timeout", "--kill-after=5", Long.toString(MAX_LIFETIME.toSeconds())));
        command.addAll(program);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = new HashMap<>(broker.clientEnvironment());
        environment.putAll(env);
        builder.environment().putAll(environment);
        try {
            return new GameProcess(description, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** A pika player in --json mode: every message it receives is a '<< ' line. */
    static GameProcess player(ExampleBroker broker, String name, String room) throws InterruptedException {
        return pika(broker, Map.of(), "player.py", name, room, "--json").awaitLine(" [*] ", Duration.ofSeconds(20));
    }

    private static Path gameDirectory() {
        Path fromModule = Path.of("python", "game");
        return Files.isDirectory(fromModule) ? fromModule : Path.of("examples", "python", "game");
    }

    private void collect() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("<output lost: " + e + ">");
        }
    }

    /** Sends one command line to the program's stdin. */
    GameProcess command(String line) throws IOException {
        stdin.write(line + "\n");
        stdin.flush();
        return this;
    }

    GameProcess awaitLine(String fragment, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (lines.stream().noneMatch(l -> l.contains(fragment))) {
            if (System.nanoTime() > deadline) {
                kill();
                throw new AssertionError(description + " did not print '" + fragment + "' within " + timeout
                        + (process.isAlive() ? "" : " (it exited)") + "; output: " + lines);
            }
            Thread.sleep(10);
        }
        return this;
    }

    long count(String fragment) {
        return lines.stream().filter(l -> l.contains(fragment)).count();
    }

    /** The player's view of its room, built from the messages it printed. */
    RoomView view(String me) throws IOException {
        RoomView view = new RoomView(me);
        for (String line : lines) {
            if (line.startsWith("<< ")) {
                view.accept(GameJson.parse(line.substring(3)));
            }
        }
        return view;
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            throw new AssertionError(description + " still running after " + timeout + "; output: " + lines);
        }
        return process.exitValue();
    }

    /** SIGKILL to the program and its timeout wrapper: it dies without a word to the broker. */
    void kill() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    @Override
    public String toString() {
        return description + " " + lines;
    }
}
