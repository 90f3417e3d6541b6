package org.ferrymq.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start a child JVM with the benchmark module's classpath: the same JDK and classpath
 * as the harness itself, plus per-role JVM options (heap size, logging config).
 */
public record JavaLauncher(Path javaExecutable, String classpath) {

    /** The JDK and classpath this harness runs on. */
    public static JavaLauncher ofCurrentJvm() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new JavaLauncher(java, System.getProperty("java.class.path"));
    }

    public ProcessBuilder processBuilder(List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable.toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true);
    }
}
