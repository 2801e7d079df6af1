package io.flotilla.bench.sys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * CPU time of groups of processes, read from {@code /proc} (what {@code ps} reads, without a process per
 * reading), and of the whole box from {@code /proc/stat}. Two readings give each group's average use over the
 * time between them in cores: 1.0 is one CPU busy all the time.
 */
public final class CpuMeter {
    /** USER_HZ: the unit of /proc's CPU times, 100 on every Linux architecture the project runs on. */
    private static final double TICKS_PER_SECOND = 100;
    /** The group name under which the whole box's busy time is reported. */
    public static final String BOX = "box (all processes)";

    /** Processes whose CPU time is added up under one name. */
    public record Group(String name, List<Long> pids) {
        public Group {
            pids = List.copyOf(pids);
        }
    }

    /** CPU seconds of each group's processes (pid to seconds; a gone process is absent), and the box's ticks. */
    public record Reading(long nanos, Map<String, Map<Long, Double>> cpuSeconds, long boxBusy, long boxTotal) {
    }

    private final List<Group> groups;

    public CpuMeter(List<Group> groups) {
        this.groups = List.copyOf(groups);
    }

    public Reading read() {
        Map<String, Map<Long, Double>> seconds = new LinkedHashMap<>();
        for (Group g : groups) {
            Map<Long, Double> each = new LinkedHashMap<>();
            for (long pid : g.pids()) {
                double cpu = cpuSeconds(pid);
                if (cpu >= 0) {
                    each.put(pid, cpu);
                }
            }
            seconds.put(g.name(), each);
        }
        long[] box = boxTicks(readFile(Path.of("/proc/stat")));
        return new Reading(System.nanoTime(), seconds, box[0], box[1]);
    }

    /**
     * Average cores each group used between two readings, then the box's busy cores under {@link #BOX}. A group
     * one of whose processes ended in between (a restarted service) reads NaN: its time after the last reading
     * is lost, and a replacement process was never counted.
     */
    public static Map<String, Double> cores(Reading from, Reading to, int cpus) {
        double wall = (to.nanos() - from.nanos()) / 1e9;
        Map<String, Double> cores = new LinkedHashMap<>();
        from.cpuSeconds().forEach((name, start) -> {
            Map<Long, Double> end = to.cpuSeconds().getOrDefault(name, Map.of());
            boolean allThere = end.keySet().containsAll(start.keySet());
            double used = start.entrySet().stream().mapToDouble(e -> end.getOrDefault(e.getKey(), 0.0) - e.getValue())
                    .sum();
            cores.put(name, wall > 0 && allThere ? used / wall : Double.NaN);
        });
        long total = to.boxTotal() - from.boxTotal();
        cores.put(BOX, total > 0 ? (double) (to.boxBusy() - from.boxBusy()) / total * cpus : Double.NaN);
        return cores;
    }

    /** Pids of the processes whose command line (arguments joined by spaces) matches. */
    public static List<Long> pidsWhere(Predicate<String> commandLine) {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                String cmd = readFile(p.resolve("cmdline")).replace('\0', ' ').strip();
                if (!cmd.isEmpty() && commandLine.test(cmd)) {
                    pids.add(Long.parseLong(p.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            return pids;
        }
        return pids;
    }

    /** The program name of a command line: its first word without the directory. */
    public static String program(String commandLine) {
        String first = commandLine.split(" ", 2)[0];
        return first.substring(first.lastIndexOf('/') + 1);
    }

    /** User plus system CPU seconds of one process; -1 when it is gone. */
    static double cpuSeconds(long pid) {
        String stat = readFile(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.isEmpty() ? -1 : statCpuSeconds(stat);
    }

    /**
     * utime + stime from a /proc/PID/stat line. The command name in parentheses may hold spaces and
     * parentheses itself, so fields are counted from the last ')': state is the first after it, utime the 12th.
     */
    static double statCpuSeconds(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 1).strip().split("\\s+");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    }

    /** Busy and total ticks from /proc/stat's first line: idle and iowait count as not busy. */
    static long[] boxTicks(String procStat) {
        String cpu = procStat.lines().filter(l -> l.startsWith("cpu ")).findFirst().orElse("");
        if (cpu.isEmpty()) {
            return new long[] {0, 0};
        }
        String[] f = cpu.substring(4).strip().split("\\s+");
        long total = 0;
        // user nice system idle iowait irq softirq steal; guest time is already inside user.
        for (int i = 0; i < Math.min(8, f.length); i++) {
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[3]) + (f.length > 4 ? Long.parseLong(f[4]) : 0);
        return new long[] {total - idle, total};
    }

    private static String readFile(Path p) {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
