package org.ferrymq.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the figures were measured on, for the report header. */
public record MachineDescription(int cpus, String cpuModel, long memoryMiB, String os, String jdk) {

    public static MachineDescription current() {
        return new MachineDescription(
                Runtime.getRuntime().availableProcessors(),
                procValue("/proc/cpuinfo", "model name").orElse("unknown CPU"),
                procValue("/proc/meminfo", "MemTotal").map(MachineDescription::kibToMib).orElse(-1L),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    }

    public String summary() {
        String memory = memoryMiB > 0 ? ", " + Math.round(memoryMiB / 1024.0) + " GiB RAM" : "";
        return cpus + " CPUs (nproc; " + cpuModel + ")" + memory + ", " + os;
    }

    /** The 1-minute load average, to tell a quiet run from one that shared the CPUs; -1 if unknown. */
    public static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static java.util.Optional<String> procValue(String file, String key) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            return lines.stream().filter(l -> l.startsWith(key))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst();
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static long kibToMib(String memTotal) {
        return Long.parseLong(memTotal.replace("kB", "").trim()) / 1024;
    }
}
