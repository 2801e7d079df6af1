package io.flotilla.bench.servers;

import io.flotilla.bench.sys.Command;
import io.flotilla.bench.sys.Log;
import io.flotilla.bench.sys.Processes;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
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

/**
 * Cassandra and Ceph for the cluster, through deploy/local/services.sh in whatever FLOTILLA_SERVICES_DIR the
 * caller set. A service that {@code services.sh env} describes and that answers there is used as it is and left
 * running; one that does not is brought up, and only those are brought down at the end.
 */
public final class BackingServices implements AutoCloseable {
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(20);
    private static final Duration DOWN_TIMEOUT = Duration.ofMinutes(5);

    private final Processes processes;
    private final Path root;
    private final Path log;
    private final List<String> needed;
    private final List<String> started = new ArrayList<>();

    /** Cassandra and Ceph, as the main bench's cluster needs them. */
    public BackingServices(Processes processes, Path root, Path log) {
        this(processes, root, log, List.of("cassandra", "ceph"));
    }

    /** The services named in {@code needed} (services.sh names: cassandra, ceph), possibly none. */
    public BackingServices(Processes processes, Path root, Path log, List<String> needed) {
        this.processes = processes;
        this.root = root;
        this.log = log;
        this.needed = List.copyOf(needed);
    }

    /** Makes sure every needed service runs; answers the settings their clients need (services.sh env). */
    public Map<String, String> ensure() {
        if (needed.isEmpty()) {
            return Map.of();
        }
        List<String> missing = needed.stream().filter(s -> !running(s)).toList();
        needed.stream().filter(s -> !missing.contains(s))
                .forEach(s -> Log.info(s + " is already running; the bench uses it and leaves it running"));
        if (!missing.isEmpty()) {
            Log.info("starting " + String.join(" and ", missing) + " (services.sh up; log " + log + ")");
            started.addAll(missing);  // before up: a half-done up is cleaned up too
            processes.runLogged(services("up", missing), UP_TIMEOUT, log).check();
        }
        return ServiceEnv.parse(processes.run(services("env", needed), Duration.ofMinutes(1)).check().stdout());
    }

    /** Whether {@code service} answers where services.sh env says it is (as deploy/bench/backends.sh checks). */
    private boolean running(String service) {
        Map<String, String> env = ServiceEnv.parse(
                processes.run(services("env", List.of(service)), Duration.ofMinutes(1)).stdout());
        return switch (service) {
            case "ceph" -> {
                String conf = env.get("FLOTILLA_CEPH_CONF");
                String endpoint = env.get("FLOTILLA_S3_ENDPOINT");
                yield conf != null && Files.isRegularFile(Path.of(conf)) && endpoint != null && answersHttp(endpoint);
            }
            case "cassandra" -> {
                String first = env.getOrDefault("FLOTILLA_CASSANDRA_CONTACT_POINTS", "").split(",")[0];
                int colon = first.lastIndexOf(':');
                yield colon > 0 && acceptsTcp(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1)));
            }
            default -> false;
        };
    }

    private Command services(String verb, List<String> which) {
        List<String> argv = new ArrayList<>(List.of("bash", root.resolve("deploy/local/services.sh").toString(), verb));
        argv.addAll(which);
        return Command.of(argv).in(root);
    }

    private static boolean answersHttp(String url) {
        try {
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                    .send(HttpRequest.newBuilder(URI.create(url + "/")).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean acceptsTcp(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Brings down the services this run brought up, and only those. */
    @Override
    public void close() {
        if (started.isEmpty()) {
            return;
        }
        Log.info("stopping " + String.join(" and ", started) + ", which the bench started (services.sh down)");
        try {
            processes.runLogged(services("down", started), DOWN_TIMEOUT, log).check();
        } catch (RuntimeException e) {
            Log.info("services.sh down failed: " + e.getMessage());
        }
        started.clear();
    }
}
