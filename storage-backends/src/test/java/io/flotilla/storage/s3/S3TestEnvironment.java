package io.flotilla.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where the S3 tests find their server: {@code FLOTILLA_S3_*} from the environment when set, else what
 * {@code deploy/local/services.sh env ceph} prints. Never a default endpoint: a test must not pass
 * against something nobody started.
 */
final class S3TestEnvironment {
    static final String HOW_TO_START = "start RGW with `deploy/local/services.sh up ceph`"
            + " (or set FLOTILLA_S3_ENDPOINT, _REGION, _ACCESS_KEY, _SECRET_KEY, _BUCKET_PREFIX)";

    private S3TestEnvironment() {
    }

    static Map<String, String> load() {
        Map<String, String> env = new HashMap<>(System.getenv());
        if (env.getOrDefault(S3Settings.ENV_ENDPOINT, "").isBlank()) {
            env.putAll(fromServicesScript());
        }
        return env;
    }

    private static Map<String, String> fromServicesScript() {
        Path script = findScript();
        if (script == null) {
            throw new AssertionError("FLOTILLA_S3_ENDPOINT is not set and deploy/local/services.sh was not found; "
                    + HOW_TO_START);
        }
        try {
            Process p = new ProcessBuilder("bash", script.toString(), "env", "ceph")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new AssertionError("`" + script + " env ceph` failed; " + HOW_TO_START);
            }
            Map<String, String> values = new HashMap<>();
            for (String line : out.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    values.put(line.substring(0, eq).trim(), unquote(line.substring(eq + 1).trim()));
                }
            }
            return values;
        } catch (IOException e) {
            throw new AssertionError("could not run " + script + ": " + e.getMessage() + "; " + HOW_TO_START, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + script, e);
        }
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static Path findScript() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path script = dir.resolve("deploy/local/services.sh");
            if (Files.isRegularFile(script)) {
                return script;
            }
        }
        return null;
    }
}
