package org.ferrymq.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs RabbitMQ PerfTest ({@code com.rabbitmq.perf.PerfTest}) in a child JVM, keeps its output
 * in a log file and parses its summary. A child per run keeps PerfTest's heap, threads and JIT
 * state from leaking from one broker's run into the next.
 */
public final class PerfTestProcess {
    public static final String MAIN_CLASS = "com.rabbitmq.perf.PerfTest";

    private final JavaLauncher java;
    private final List<String> jvmOptions;

    public PerfTestProcess(JavaLauncher java, List<String> jvmOptions) {
        this.java = java;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * @param timeout kill PerfTest if it has not exited by then (its own {@code --time} should end it)
     * @throws PerfTestFailure when PerfTest could not run, hung, or printed no summary
     */
    public PerfTestSummary run(List<String> perfTestArgs, Path log, Duration timeout) throws PerfTestFailure {
        Process process;
        try {
            Files.createDirectories(log.getParent());
            process = java.processBuilder(jvmOptions, MAIN_CLASS, perfTestArgs).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new PerfTestFailure("cannot launch PerfTest: " + e.getMessage());
        }
        List<String> lines = new ArrayList<>();
        String header = "# PerfTest " + String.join(" ", perfTestArgs);
        Thread copier = new Thread(() -> copyOutput(process, header, log, lines), "perftest-output");
        copier.setDaemon(true);
        copier.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new PerfTestFailure("PerfTest did not finish within " + timeout.toSeconds() + " s (see " + log + ")");
            }
            copier.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new PerfTestFailure("interrupted");
        }
        List<String> output;
        synchronized (lines) {
            output = List.copyOf(lines);
        }
        try {
            return PerfTestSummaryParser.parse(output);
        } catch (IllegalArgumentException e) {
            throw new PerfTestFailure(e.getMessage() + ", exit code " + process.exitValue() + lastErrorHint(output) + " (see " + log + ")");
        }
    }

    private static void copyOutput(Process process, String header, Path log, List<String> lines) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            out.println(header);
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                synchronized (lines) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            // the process is gone; whatever was read is all there is
        }
    }

    /** The first line that looks like an error, so the report says more than "no summary". */
    private static String lastErrorHint(List<String> output) {
        return output.stream()
                .filter(l -> l.contains("Exception") || l.contains("ERROR") || l.contains("refused"))
                .findFirst()
                .map(l -> ": " + (l.length() > 160 ? l.substring(0, 160) + "…" : l))
                .orElse("");
    }

    /** A run that produced no figures; the message goes into the report. */
    public static final class PerfTestFailure extends Exception {
        public PerfTestFailure(String message) {
            super(message);
        }
    }
}
