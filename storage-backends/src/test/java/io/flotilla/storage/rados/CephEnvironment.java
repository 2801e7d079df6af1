package io.flotilla.storage.rados;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The FLOTILLA_* settings of the Ceph started by {@code deploy/local/services.sh up ceph}: from this process's
 * environment when FLOTILLA_CEPH_CONF is set there, else from {@code services.sh env ceph}. A missing cluster
 * fails the test, never skips it.
 */
final class CephEnvironment {
    static final String HOW_TO_START = "start it with: deploy/local/services.sh up ceph";

    private CephEnvironment() {
    }

    static RadosConfig radosConfig() {
        Map<String, String> env = settings();
        RadosConfig config = RadosConfig.fromEnvironment(env);
        if (!Files.isReadable(config.conf())) {
            fail("Ceph is not running here (no " + config.conf() + "); " + HOW_TO_START);
        }
        return config;
    }

    private static Map<String, String> settings() {
        if (System.getenv("FLOTILLA_CEPH_CONF") != null) {
            return System.getenv();
        }
        Path script = findScript();
        try {
            Process p = new ProcessBuilder(script.toString(), "env", "ceph")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                fail(script + " env ceph failed; " + HOW_TO_START);
            }
            Map<String, String> env = new HashMap<>();
            for (String line : out.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    env.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            return env;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + script + "; " + HOW_TO_START, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs {@code deploy/local/services.sh up ceph}, which restarts any daemon that died; fails if it fails. */
    static void up() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(findScript().toString(), "up", "ceph").inheritIO().start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("deploy/local/services.sh up ceph failed");
        }
    }

    private static Path findScript() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path script = dir.resolve("deploy/local/services.sh");
            if (Files.isExecutable(script)) {
                return script;
            }
        }
        throw new AssertionError("deploy/local/services.sh not found above " + Path.of("").toAbsolutePath());
    }
}
