package io.flotilla.chaos.db.container;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * HAProxy on the host in front of the node containers, with the config deploy/local/haproxy-config.sh writes
 * for deploy/local/cluster.sh too (round robin, /readyz checked every 500 ms, redispatch, GET retried on a dead
 * node, upload steps hashed to one node); only the server addresses differ: container IPs instead of
 * 127.0.0.1 ports. HAProxy runs in the foreground as this JVM's child, so it cannot outlive the harness.
 */
final class HostBalancer {

    private final Path dir;
    private final int port;
    private Process process;

    HostBalancer(Path dir) {
        this.dir = dir;
        this.port = freePort();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Starts HAProxy over {@code servers} (name to "ip:port") and waits until it reaches a ready node. */
    void start(Map<String, String> servers) {
        Path cfg = dir.resolve("haproxy.cfg");
        try {
            Files.createDirectories(dir);
            Files.writeString(cfg, config(servers));
            process = new ProcessBuilder("haproxy", "-db", "-f", cfg.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("haproxy.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("haproxy did not start (apt-get install haproxy?)", e);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("haproxy exited; see " + dir.resolve("haproxy.log"));
            }
            try {
                HttpResponse<Void> res = http.send(HttpRequest.newBuilder(url().resolve("/readyz"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (res.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            Interruptibly.sleep(200);
        }
        throw new IllegalStateException("haproxy on " + url() + " reaches no ready node; see " + dir);
    }

    void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private String config(Map<String, String> servers) {
        List<String> args = new ArrayList<>(List.of("127.0.0.1:" + port));
        servers.forEach((server, address) -> args.add(server + "=" + address));
        return new Script(dir.resolve("script.log"))
                .run(Duration.ofSeconds(30), "deploy/local/haproxy-config.sh", args.toArray(String[]::new));
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
