package io.flotilla.bench.servers;

import io.flotilla.bench.report.Contestants;
import io.flotilla.bench.sys.Command;
import io.flotilla.bench.sys.FreePort;
import io.flotilla.bench.sys.Log;
import io.flotilla.bench.sys.Packages;
import io.flotilla.bench.sys.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The peer: Debian's docker-registry (CNCF Distribution 2.8.2) with filesystem storage and delete enabled.
 * It logs errors only and no access log, so its logging is not what is measured.
 */
public final class DockerRegistryServer {
    /** How results.md describes the peer's setup. */
    public static final String SETUP = "docker-registry: Debian's package (CNCF Distribution 2.8.2), filesystem "
            + "storage, delete enabled, log level error and access log off (so its logging is never the "
            + "bottleneck), in-memory blob descriptor cache";

    private DockerRegistryServer() {
    }

    public static Server start(Processes processes, Packages packages, Path home) throws IOException {
        Path program = packages.require("docker-registry", "docker-registry");
        Files.createDirectories(home.resolve("data"));
        int port = FreePort.pick();
        Path config = home.resolve("config.yml");
        Files.writeString(config, """
                version: 0.1
                log:
                  level: error
                  accesslog:
                    disabled: true
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                  cache:
                    blobdescriptor: inmemory
                  maintenance:
                    uploadpurging:
                      enabled: false
                http:
                  addr: 127.0.0.1:%d
                  secret: flotilla-bench
                """.formatted(home.resolve("data"), port));
        Log.info("docker-registry: starting on 127.0.0.1:" + port);
        Path log = home.resolve("server.log");
        // Distribution reads every REGISTRY_* variable as a configuration override: an inherited
        // REGISTRY_AUTH_FILE (which podman and skopeo use) made it refuse to start.
        Process process = processes.start(Command.of(program.toString(), "serve", config.toString())
                .without("REGISTRY_"), log);
        Server server = new Server(Contestants.PEER, Server.local(port), home, process);
        HttpWait.until(server.name(), server.base().resolve("/v2/"), process, log, Duration.ofSeconds(30));
        return server;
    }
}
