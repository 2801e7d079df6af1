package io.flotilla.storage.services;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code deploy/local/services.sh} as the tests' environment classes use it: found by walking up from the working
 * directory, run for one service, its {@code env} lines read as a map. Failures are assertion errors that say how
 * to start the service, so a test never silently skips for want of a server.
 */
public final class ServicesScript {

    private ServicesScript() {
    }

    /** {@code services.sh env SERVICE}: the KEY=VALUE lines it prints. */
    public static Map<String, String> env(String service, String hint) {
        Map<String, String> vars = new HashMap<>();
        run("env", service, Duration.ofSeconds(30), hint).lines().filter(l -> l.contains("="))
                .forEach(l -> vars.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        return vars;
    }

    /** {@code services.sh up SERVICE}, allowed {@code timeout} (a first start may install or download). */
    public static void up(String service, Duration timeout, String hint) {
        run("up", service, timeout, hint);
    }

    private static String run(String command, String service, Duration timeout, String hint) {
        Path script = find(hint);
        try {
            Process p = new ProcessBuilder("bash", script.toString(), command, service)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(script + " " + command + " " + service + " took over " + timeout + "; " + hint);
            }
            if (p.exitValue() != 0) {
                throw new AssertionError(script + " " + command + " " + service + " failed (exit " + p.exitValue()
                        + "; its output is above); " + hint);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + script + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static Path find(String hint) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("deploy/local/services.sh");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("deploy/local/services.sh was not found above " + Path.of("").toAbsolutePath()
                + "; " + hint);
    }
}
