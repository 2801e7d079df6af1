package io.flotilla.chaos.db.container;

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

/**
 * Runs one of the repository's shell scripts (deploy/...) and answers its stdout. The scripts hold the
 * "how" (apt, dockerd, debootstrap, services), so a person can run the same steps by hand; Java only calls them.
 * Their stderr (progress) is appended to a log file so a failure can be read after the fact.
 */
final class Script {

    private final Path root = repoRoot();
    private final Path log;
    private final Map<String, String> env = new LinkedHashMap<>();

    Script(Path log) {
        this.log = log;
    }

    Script withEnv(Map<String, String> vars) {
        env.putAll(vars);
        return this;
    }

    Path root() {
        return root;
    }

    /** Runs {@code script args...} from the repository root; throws with the log's path if it fails. */
    String run(Duration timeout, String script, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve(script).toString()));
        command.addAll(List.of(args));
        try {
            Files.createDirectories(log.getParent());
            Path out = Files.createTempFile(log.getParent(), "script-out", ".txt");
            ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " took over " + timeout + "; see " + log);
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            Files.delete(out);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + p.exitValue()
                        + "); see " + log + "\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + script, e);
        }
    }

    /** The KEY=VALUE lines of a script's output (services.sh env, docker-engine.sh env, images.sh). */
    static Map<String, String> keyValues(String output) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).matches("[A-Z_][A-Z0-9_]*")) {
                vars.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        return vars;
    }

    private static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("deploy/chaos/docker-engine.sh"))) {
                return p;
            }
        }
        throw new IllegalStateException("no Flotilla checkout (deploy/chaos/docker-engine.sh) above " + dir);
    }
}
