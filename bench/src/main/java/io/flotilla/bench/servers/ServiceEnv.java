package io.flotilla.bench.servers;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code FLOTILLA_*=value} lines that deploy/local/services.sh env and cluster.sh's env file hold. */
final class ServiceEnv {

    private ServiceEnv() {
    }

    static Map<String, String> parse(String text) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (line.startsWith("FLOTILLA_") && eq > 0) {
                env.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return env;
    }
}
