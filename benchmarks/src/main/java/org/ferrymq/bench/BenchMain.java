package org.ferrymq.bench;

import java.io.IOException;
import java.util.List;
import java.util.function.Function;

/**
 * The command-line entry every benchmark shares: {@code --help} prints the usage, bad options
 * print the problem and the usage (exit 2), a run's I/O failure prints one line (exit 1),
 * otherwise the run's own exit code. A CLI, hence System.out/err.
 */
public final class BenchMain {
    private BenchMain() {
    }

    /** A benchmark run: returns the process exit code. */
    @FunctionalInterface
    public interface Run<O> {
        int run(O options) throws IOException;
    }

    public static <O> void main(String[] args, String usage, Function<String[], O> parse, String name, Run<O> run) {
        if (List.of(args).contains("--help")) {
            System.out.print(usage);
            return;
        }
        O options;
        try {
            options = parse.apply(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(usage);
            System.exit(2);
            return;
        }
        try {
            System.exit(run.run(options));
        } catch (IOException e) {
            System.err.println(name + " failed: " + e.getMessage());
            System.exit(1);
        }
    }
}
