package io.flotilla.bench.servers;

import io.flotilla.bench.sys.Command;
import io.flotilla.bench.sys.Log;
import io.flotilla.bench.sys.Processes;
import io.flotilla.bench.sys.Trees;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Flotilla nodes behind HAProxy, three on Cassandra and Ceph RADOS for the main bench (any count and backends
 * for the GC bench), run by deploy/local/cluster.sh in a state folder of the bench's own. The run name
 * (FLOTILLA_CLUSTER_RUN) is {@code bench-<random>}, so the grid, the keyspace, the RADOS namespace and the S3
 * bucket are the bench's alone even when tests share the services; what the run used is removed at the end. The nodes' admin gets the bench's password (cluster.sh passes
 * FLOTILLA_ADMIN_PASSWORD to every node), or access control is off in all of them.
 */
public final class BenchCluster implements AutoCloseable {
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(20);
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);

    private final Processes processes;
    private final Path root;
    private final Path state;
    private final Path log;
    private final Map<String, String> env = new LinkedHashMap<>();
    private Map<String, String> clusterEnv = Map.of();
    private boolean attempted;
    private String metadata = "cassandra";
    private String blobs = "rados";

    /** One node of the cluster: its name, its own HTTP address (not the balancer's) and its JVM's pid. */
    public record Node(String name, URI base, long pid) {
    }

    /**
     * A cluster kept in {@code state}, its scripts' output in {@code log}, run with the services' settings
     * ({@code services.sh env}) in {@code servicesEnv}.
     */
    public BenchCluster(Processes processes, Path root, Path state, Path log, Map<String, String> servicesEnv,
                        String runName, String adminPassword, boolean auth) {
        this(processes, root, state, log, servicesEnv, runName, adminPassword, auth, Map.of());
    }

    /** As above, with more {@code FLOTILLA_*} settings for every node (the GC bench's gc.* keys). */
    public BenchCluster(Processes processes, Path root, Path state, Path log, Map<String, String> servicesEnv,
                        String runName, String adminPassword, boolean auth, Map<String, String> nodeSettings) {
        this.processes = processes;
        this.root = root;
        this.state = state;
        this.log = log;
        env.putAll(servicesEnv);
        env.put("FLOTILLA_CLUSTER_DIR", state.toString());
        env.put("FLOTILLA_CLUSTER_RUN", runName);
        // Only how fast the nodes stop at the end.
        env.put("FLOTILLA_SERVER_PRE_STOP_DELAY_SECONDS", "0");
        env.put("FLOTILLA_ADMIN_PASSWORD", adminPassword);
        env.put("FLOTILLA_AUTH_ENABLED", Boolean.toString(auth));
        env.putAll(nodeSettings);
    }

    /** Starts {@code nodes} nodes and the balancer on Cassandra and RADOS; answers the balancer's base URL. */
    public URI up(int nodes) {
        return up(nodes, "cassandra", "rados");
    }

    /**
     * Starts {@code nodes} nodes (behind the balancer when more than one) on these backends (cluster.sh's
     * --metadata and --blobs); answers the endpoint's base URL.
     */
    public URI up(int nodes, String metadataBackend, String blobBackend) {
        attempted = true;
        metadata = metadataBackend;
        blobs = blobBackend;
        Log.info("cluster: starting " + nodes + " node(s) on " + metadata + " + " + blobs + " (cluster.sh up; log "
                + log + ")");
        processes.runLogged(script("up", "--nodes", Integer.toString(nodes), "--metadata", metadata,
                "--blobs", blobs), UP_TIMEOUT, log).check();
        readClusterEnv();
        if (clusterEnv.isEmpty()) {
            throw new ServerStartException("cluster.sh up left no settings in " + state.resolve("env"));
        }
        String status = processes.run(script("status"), COMMAND_TIMEOUT).check().stdout();
        String endpoint = status.lines().filter(l -> l.startsWith("endpoint:")).findFirst()
                .map(l -> l.substring("endpoint:".length()).strip())
                .orElseThrow(() -> new ServerStartException("cluster.sh status named no endpoint: " + status));
        URI base = URI.create(endpoint.contains("://") ? endpoint : "http://" + endpoint);
        Log.info("cluster: up, endpoint " + base + " (keyspace " + keyspace() + ", RADOS namespace "
                + clusterEnv.get("FLOTILLA_RADOS_NAMESPACE") + ", bucket " + bucket() + ")");
        return base;
    }

    /** Every node, as cluster.sh status lists them ({@code node: NAME HOST:PORT pid=PID ...}). */
    public List<Node> nodes() {
        String status = processes.run(script("status"), COMMAND_TIMEOUT).check().stdout();
        return parseNodes(status);
    }

    static List<Node> parseNodes(String status) {
        List<Node> nodes = new ArrayList<>();
        for (String line : status.lines().filter(l -> l.startsWith("node: ")).toList()) {
            String[] f = line.substring("node: ".length()).strip().split("\\s+");
            long pid = f.length > 2 && f[2].matches("pid=\\d+") ? Long.parseLong(f[2].substring(4)) : -1;
            if (f.length > 1) {
                nodes.add(new Node(f[0], URI.create("http://" + f[1]), pid));
            }
        }
        return nodes;
    }

    /** The cluster's RADOS namespace ({@code rados} backend) as cluster.sh named it, once up. */
    public String radosNamespace() {
        return clusterEnv.get("FLOTILLA_RADOS_NAMESPACE");
    }

    /** The cluster's S3 bucket ({@code s3} backend): the services' prefix, then the run's own name. */
    public String bucket() {
        String own = clusterEnv.getOrDefault("FLOTILLA_S3_BUCKET", "");
        return own.isEmpty() ? "" : env.getOrDefault("FLOTILLA_S3_BUCKET_PREFIX", "") + own;
    }

    /** Keeps the last 256 KiB of every node's log in {@code dir}, for a run that failed. */
    public void keepLogs(Path dir) {
        if (!Files.isDirectory(state)) {
            return;
        }
        try (Stream<Path> nodes = Files.list(state)) {
            Files.createDirectories(dir);
            for (Path node : nodes.filter(p -> p.getFileName().toString().startsWith("node")).toList()) {
                Path nodeLog = node.resolve("node.log");
                if (Files.exists(nodeLog)) {
                    Files.writeString(dir.resolve("cluster-" + node.getFileName() + ".log"),
                            Trees.tail(nodeLog, 256 * 1024));
                }
            }
            if (Files.exists(log)) {
                Files.copy(log, dir.resolve("cluster.log"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            Log.info("could not keep the cluster's logs: " + e.getMessage());
        }
    }

    /** Stops the nodes and the balancer, then drops the keyspace and empties the namespace or bucket it used. */
    @Override
    public void close() {
        if (!attempted) {
            return;
        }
        attempted = false;
        // An up cut short has written its names already, and its nodes may have made the keyspace.
        readClusterEnv();
        Log.info("cluster: stopping (cluster.sh down)");
        try {
            processes.runLogged(script("down"), COMMAND_TIMEOUT, log).check();
        } catch (RuntimeException e) {
            Log.info("cluster.sh down failed: " + e.getMessage());
        }
        if (clusterEnv.isEmpty()) {
            return;
        }
        if (metadata.equals("cassandra")) {
            try {
                ClusterCleanup.dropKeyspace(env, keyspace());
            } catch (RuntimeException e) {
                Log.info("could not drop keyspace " + keyspace() + ": " + e.getMessage());
            }
        }
        if (blobs.equals("rados")) {
            try {
                ClusterCleanup.emptyNamespace(processes, env, radosNamespace());
            } catch (RuntimeException e) {
                Log.info("could not empty RADOS namespace " + radosNamespace() + ": " + e.getMessage());
            }
        }
        if (blobs.equals("s3")) {
            try {
                ClusterCleanup.removeBucket(processes, env, bucket());
            } catch (RuntimeException e) {
                Log.info("could not remove bucket " + bucket() + ": " + e.getMessage());
            }
        }
    }

    /** The names cluster.sh gave this run (cluster, keyspace, namespace), once its up has written them. */
    private void readClusterEnv() {
        try {
            if (Files.exists(state.resolve("env"))) {
                clusterEnv = ServiceEnv.parse(Files.readString(state.resolve("env")));
            }
        } catch (IOException e) {
            Log.info("cannot read " + state.resolve("env") + ": " + e.getMessage());
        }
    }

    /** The keyspace the nodes use: prefix, then the cluster's own name (as the node composes it). */
    private String keyspace() {
        String prefix = env.getOrDefault("FLOTILLA_CASSANDRA_KEYSPACE_PREFIX", "flotilla");
        String own = clusterEnv.getOrDefault("FLOTILLA_CASSANDRA_KEYSPACE", "");
        return own.isEmpty() ? prefix : prefix + "_" + own;
    }

    private Command script(String... args) {
        List<String> argv = new ArrayList<>(List.of("bash", root.resolve("deploy/local/cluster.sh").toString()));
        argv.addAll(List.of(args));
        return Command.of(argv).in(root).with(env);
    }
}
