package io.flotilla.node.clients;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs external client programs (skopeo, buildah) for tests: each with a timeout, a private environment
 * (only {@code PATH} is inherited; {@code HOME} and {@code TMPDIR} point into the work directory) and its
 * output captured in files, so a failure reports exactly what the client said.
 */
final class ClientProcesses {
    private static final int OUTPUT_LIMIT = 8_000;

    private final Path workDir;
    private final Map<String, String> env;
    private final Duration timeout;
    private final AtomicInteger runs = new AtomicInteger();

    /** What one finished run left behind. */
    record Result(List<String> command, int exitCode, byte[] stdoutBytes, String stderr) {
        String stdout() {
            return new String(stdoutBytes, StandardCharsets.UTF_8);
        }

        boolean succeeded() {
            return exitCode == 0;
        }

        String describe() {
            return String.join(" ", command) + "\n  exit code: " + exitCode
                    + "\n  stdout: " + clip(stdout()) + "\n  stderr: " + clip(stderr);
        }
    }

    ClientProcesses(Path workDir, Map<String, String> extraEnv, Duration timeout) {
        this.workDir = workDir;
        this.timeout = timeout;
        this.env = new LinkedHashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
        env.put("HOME", mkdirs(workDir.resolve("home")).toString());
        env.put("TMPDIR", mkdirs(workDir.resolve("tmp")).toString());
        env.put("LANG", "C.UTF-8");
        env.putAll(extraEnv);
    }

    /** Fails the test, rather than skipping it, when {@code tool} is not installed. */
    static void requireTool(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return;
            }
        }
        throw new AssertionError(tool + " is not installed (not on PATH " + path
                + "); ./flotilla test installs it, or run: apt-get install -y " + tool);
    }

    /** Runs the command and returns its stdout; fails with everything it printed if it exits non-zero. */
    String run(String... command) {
        return runForBytes(command).stdout();
    }

    /** Like {@link #run}, keeping stdout as the exact bytes the command wrote. */
    Result runForBytes(String... command) {
        Result result = attempt(command);
        if (!result.succeeded()) {
            throw new AssertionError("client command failed: " + result.describe());
        }
        return result;
    }

    /** Runs the command and returns how it ended, whatever the exit code; fails only on a timeout. */
    Result attempt(String... command) {
        List<String> cmd = List.of(command);
        int n = runs.incrementAndGet();
        Path out = workDir.resolve("tmp").resolve("run-" + n + ".out");
        Path err = workDir.resolve("tmp").resolve("run-" + n + ".err");
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(cmd))
                .directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new AssertionError("cannot start " + String.join(" ", cmd) + ": " + e.getMessage(), e);
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError("client command timed out after " + timeout + ": "
                        + new Result(cmd, -1, readBytes(out), read(err)).describe());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", cmd), e);
        }
        Result result = new Result(cmd, process.exitValue(), readBytes(out), read(err));
        deleteQuietly(out);
        deleteQuietly(err);
        return result;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<unreadable: " + e.getMessage() + ">";
        }
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return ("<unreadable: " + e.getMessage() + ">").getBytes(StandardCharsets.UTF_8);
        }
    }

    private static String clip(String text) {
        String t = text.strip();
        return t.length() <= OUTPUT_LIMIT ? t : "..." + t.substring(t.length() - OUTPUT_LIMIT);
    }

    private static Path mkdirs(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the work directory is removed as a whole afterwards
        }
    }
}
