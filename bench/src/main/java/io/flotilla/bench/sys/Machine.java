package io.flotilla.bench.sys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The facts about this box that make numbers comparable: CPUs, memory, kernel, Java, and the load. */
public record Machine(int cpus, String cpuModel, long memoryBytes, String kernel, String java) {

    public static Machine describe() {
        return new Machine(Runtime.getRuntime().availableProcessors(), readCpuModel(), readMemoryBytes(),
                read("/proc/sys/kernel/osrelease").strip(),
                System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"));
    }

    /** The 1, 5 and 15 minute load averages, as the kernel prints them. */
    public static String loadAverage() {
        String[] fields = read("/proc/loadavg").strip().split("\\s+");
        return fields.length >= 3 ? fields[0] + " " + fields[1] + " " + fields[2] : "unknown";
    }

    /** One line for a report header. */
    public String summary() {
        return String.format(Locale.ROOT, "%d CPUs (%s), %.1f GiB RAM, Linux %s", cpus, cpuModel,
                memoryBytes / (double) (1L << 30), kernel);
    }

    private static String readCpuModel() {
        return read("/proc/cpuinfo").lines()
                .filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip())
                .findFirst().orElse("unknown CPU");
    }

    private static long readMemoryBytes() {
        return read("/proc/meminfo").lines()
                .filter(l -> l.startsWith("MemTotal:"))
                .map(l -> List.of(l.split("\\s+")).get(1))
                .mapToLong(kib -> Long.parseLong(kib) * 1024)
                .findFirst().orElse(0);
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            return "";
        }
    }
}
