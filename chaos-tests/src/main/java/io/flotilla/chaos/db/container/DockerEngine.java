package io.flotilla.chaos.db.container;

import java.time.Duration;
import java.util.Map;

/**
 * The harness's own Docker engine ({@code deploy/chaos/docker-engine.sh}): started when it does not answer,
 * and left running afterwards, with its images, for the next test class or run.
 *
 * <p>Testcontainers reads its settings from the environment of this JVM when it first connects, and a JVM
 * cannot change its own environment, so they must be set before it starts: the chaos-tests pom sets them for
 * surefire, and by hand {@code set -a; eval "$(deploy/chaos/docker-engine.sh env)"; set +a}. {@link #up()}
 * refuses to go on without them rather than let Testcontainers try another socket or pull an image.
 */
final class DockerEngine {

    private final Script script;

    DockerEngine(Script script) {
        this.script = script;
    }

    /** Starts the engine unless it answers; answers the settings Testcontainers needs. */
    Map<String, String> up() {
        script.run(Duration.ofMinutes(5), "deploy/chaos/docker-engine.sh", "up");
        Map<String, String> wanted = Script.keyValues(script.run(Duration.ofSeconds(30), "deploy/chaos/docker-engine.sh", "env"));
        wanted.forEach((key, value) -> {
            if (!value.equals(System.getenv(key))) {
                throw new IllegalStateException("this JVM must run with " + key + "=" + value + " (it has "
                        + System.getenv(key) + "): set -a; eval \"$(deploy/chaos/docker-engine.sh env)\"; set +a");
            }
        });
        return wanted;
    }
}
