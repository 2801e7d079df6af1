package io.flotilla.bench.sys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds programs, and installs Debian's package for one that is missing (the bench runs as root). */
public final class Packages {
    private static final Duration APT_TIMEOUT = Duration.ofMinutes(10);

    private final Processes processes;

    public Packages(Processes processes) {
        this.processes = processes;
    }

    /** The program's path: from PATH, or the sbin folders, where nginx lives and a non-login PATH may lack. */
    public static Optional<Path> find(String program) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/local/sbin", "/usr/sbin", "/sbin"));
        return dirs.stream()
                .filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, program))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** The program's path, installing {@code pkg} with apt-get first when it is missing. */
    public Path require(String program, String pkg) {
        Optional<Path> found = find(program);
        if (found.isPresent()) {
            return found.get();
        }
        Log.info(program + " is missing: apt-get install " + pkg);
        Exec install = apt("install", "-y", "-o", "DPkg::Lock::Timeout=600", pkg);
        if (!install.ok()) {
            // A fresh machine's package lists may be stale or absent: update once, then try again.
            apt("update", "-qq");
            apt("install", "-y", "-o", "DPkg::Lock::Timeout=600", pkg).check();
        }
        return find(program).orElseThrow(() -> new CommandFailedException(
                "apt-get installed " + pkg + " but " + program + " is still not on the PATH"));
    }

    private Exec apt(String... args) {
        List<String> argv = new ArrayList<>(List.of("apt-get"));
        argv.addAll(List.of(args));
        return processes.run(Command.of(argv).with("DEBIAN_FRONTEND", "noninteractive"), APT_TIMEOUT);
    }
}
