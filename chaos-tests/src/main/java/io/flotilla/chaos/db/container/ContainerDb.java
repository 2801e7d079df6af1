package io.flotilla.chaos.db.container;

import io.flotilla.chaos.client.auth.Credentials;
import io.flotilla.chaos.db.Db;
import io.flotilla.chaos.db.GracefulStop;
import io.flotilla.chaos.net.DelayProxy;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.testcontainers.DockerClientFactory;

/**
 * Flotilla nodes in Docker containers (Testcontainers) behind HAProxy on the host, on Cassandra (metadata)
 * and Ceph's RGW (S3 blobs) run on the Docker bridge's host address. Faults are Docker's own (kill -9,
 * pause) and iptables rules inside the node containers (partitions between nodes, cuts from a service).
 *
 * <p>Setup order: the harness's Docker engine, the node image (cached by content hash), the services, a
 * network of the run, the nodes one after another (Hazelcast members that start together take far longer to
 * agree), then the balancer. Blobs go to S3 because a filesystem cannot be shared between containers and
 * RADOS would need librados in the image. Teardown removes containers, network and balancer; the engine,
 * the images and the services stay for the next run.
 *
 * <p>Timings of each step are kept in {@link #timings()} for reports.
 */
public final class ContainerDb implements Db, GracefulStop {

    private final String run = "chaos-" + Long.toString(System.currentTimeMillis() / 1000, 36)
            + "-" + ProcessHandle.current().pid();
    private final Path home;
    private final Script script;
    private final Map<String, NodeContainer> nodes = new LinkedHashMap<>();
    private final Map<String, Long> timings = new LinkedHashMap<>();
    /** The admin password every node gets: the run's keyspace is new, so the first node creates the admin with it. */
    private final Credentials credentials = Credentials.randomAdmin();
    /** Each node's delaying proxy, between HAProxy and the node; empty unless {@link #withDelayProxies()}. */
    private final Map<String, DelayProxy> proxies = new LinkedHashMap<>();
    /** A scenario's own node settings (FLOTILLA_* overrides), on top of the ones every run gets. */
    private final Map<String, String> extraEnv = new LinkedHashMap<>();
    private boolean delayProxies;
    private boolean fakeClocks;
    private HostBalancer balancer;
    private ChaosNetwork network;

    /** A db keeping its logs and balancer files under {@code home} (e.g. target/containers/NAME). */
    public ContainerDb(Path home) {
        this.home = home.toAbsolutePath();
        this.script = new Script(this.home.resolve("scripts.log"));
    }

    /**
     * Puts a {@link DelayProxy} between the balancer and every node (no delay until {@link #slow}). Off by
     * default: a proxy answers a dead node's connection by accepting and closing it, where HAProxy would
     * otherwise see a refused connection and redispatch, so it changes what clients see of kills.
     */
    public ContainerDb withDelayProxies() {
        this.delayProxies = true;
        return this;
    }

    /** Adds settings every node starts with (a scenario's FLOTILLA_* overrides); call before {@link #setup}. */
    public ContainerDb withNodeEnv(Map<String, String> env) {
        extraEnv.putAll(env);
        return this;
    }

    /** Starts every node with libfaketime preloaded (offset 0 until {@link #skewClock}); see {@link FakeClock}. */
    public ContainerDb withFakeClocks() {
        this.fakeClocks = true;
        return this;
    }

    @Override
    public void setup(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one node");
        }
        long t = System.nanoTime();
        new DockerEngine(script).up();
        t = lap("engine", t);
        String image = new NodeImage(script).tag();
        t = lap("images", t);
        Map<String, String> services = new BridgeServices(script).up();
        t = lap("services", t);
        network = new ChaosNetwork(DockerClientFactory.instance().client(), "flotilla-" + run);
        balancer = new HostBalancer(home.resolve("balancer"));
        List<String> join = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            join.add(network.address(i) + ":" + NodeContainer.GRID_PORT);
        }
        for (int i = 1; i <= count; i++) {
            String name = "node" + i;
            Map<String, String> env = nodeEnv(services, network.address(i), String.join(",", join), count);
            nodes.put(name, new NodeContainer(name, "flotilla-" + run + "-" + name, image, network,
                    network.address(i), env));
        }
        for (NodeContainer node : nodes.values()) {
            node.create();
        }
        t = lap("nodes", t);
        Map<String, String> servers = new LinkedHashMap<>();
        for (NodeContainer n : nodes.values()) {
            InetSocketAddress address = new InetSocketAddress(n.address(), NodeContainer.HTTP_PORT);
            if (delayProxies) {
                DelayProxy proxy = new DelayProxy(address);
                proxies.put(n.name(), proxy);
                servers.put(n.name(), "127.0.0.1:" + proxy.port());
            } else {
                servers.put(n.name(), n.address() + ":" + NodeContainer.HTTP_PORT);
            }
        }
        balancer.start(servers);
        lap("balancer", t);
    }

    /** The settings every node gets, as cluster.sh gives them, with container addresses. */
    private Map<String, String> nodeEnv(Map<String, String> services, String address, String join, int count) {
        Map<String, String> env = new LinkedHashMap<>(services);
        String id = run.replace('-', '_');
        env.put("FLOTILLA_STORAGE_METADATA", "cassandra");
        env.put("FLOTILLA_STORAGE_BLOBS", "s3");
        // A cluster, keyspace and bucket of this run's own: the services are shared and kept between runs.
        env.put("FLOTILLA_CLUSTER_NAME", run);
        env.put("FLOTILLA_CASSANDRA_KEYSPACE", id);
        env.put("FLOTILLA_S3_BUCKET", run);
        env.put("FLOTILLA_RADOS_NAMESPACE", run);
        env.put("FLOTILLA_CLUSTER_BIND", address);
        env.put("FLOTILLA_CLUSTER_PORT", Integer.toString(NodeContainer.GRID_PORT));
        env.put("FLOTILLA_CLUSTER_JOIN", join);
        if (count > 1) {
            env.put("FLOTILLA_CLUSTER_MIN_MEMBERS", Integer.toString(count / 2 + 1));
        }
        // Short merge runs, so a healed partition is one cluster again within seconds, not minutes.
        env.put("FLOTILLA_CLUSTER_MERGE_FIRST_RUN_DELAY_SECONDS", "5");
        env.put("FLOTILLA_CLUSTER_MERGE_INTERVAL_SECONDS", "5");
        // A SIGTERMed node waits this long before leaving (default 5 s): 1 s, as on the process db, so a
        // graceful restart fits a fault window.
        env.put("FLOTILLA_SERVER_PRE_STOP_DELAY_SECONDS", "1");
        if (fakeClocks) {
            env.putAll(FakeClock.environment());
        }
        env.putAll(extraEnv);
        env.put("FLOTILLA_ADMIN_PASSWORD", credentials.password());
        // Clients see the balancer, so Location headers (and the token realm) must name it.
        env.put("FLOTILLA_SERVER_PUBLIC_URL", balancer.url().toString());
        return env;
    }

    @Override
    public URI endpoint() {
        return balancer.url();
    }

    @Override
    public Credentials credentials() {
        return credentials;
    }

    @Override
    public List<String> nodes() {
        return List.copyOf(nodes.keySet());
    }

    @Override
    public URI node(String node) {
        return get(node).http();
    }

    @Override
    public void kill(String node) {
        get(node).kill();
    }

    @Override
    public void start(String node) {
        get(node).restart();
    }

    /** SIGTERM now; {@link #start} finishes the stop (grace period, then kill) before starting again. */
    @Override
    public void stop(String node) {
        get(node).terminate();
    }

    @Override
    public void pause(String node) {
        get(node).pause();
    }

    @Override
    public void resume(String node) {
        get(node).resume();
    }

    /** Every node of one side drops every packet to and from every node of the other sides. */
    @Override
    public void partition(List<List<String>> sides) {
        for (int i = 0; i < sides.size(); i++) {
            for (int j = 0; j < sides.size(); j++) {
                if (i == j) {
                    continue;
                }
                for (String a : sides.get(i)) {
                    NodeContainer from = get(a);
                    for (String b : sides.get(j)) {
                        from.firewall().cutPeer(from.container(), get(b).address());
                    }
                }
            }
        }
    }

    @Override
    public void isolateFromServices(String node, String service) {
        NodeContainer n = get(node);
        for (String port : BridgeServices.ports(service)) {
            n.firewall().cutService(n.container(), BridgeServices.GATEWAY, port);
        }
    }

    /** A rule in {@code to}'s container drops what arrives from {@code from}; nothing changes in {@code from}. */
    @Override
    public void cutOneWay(String from, String to) {
        if (from.equals(to)) {
            throw new IllegalArgumentException("a one-way cut needs two nodes, not " + from + " twice");
        }
        NodeContainer receiver = get(to);
        receiver.firewall().dropFrom(receiver.container(), get(from).address());
    }

    @Override
    public void loseIncoming(String node, double probability) {
        NodeContainer n = get(node);
        n.firewall().loseIncoming(n.container(), probability);
    }

    /** Holds the balancer's traffic with the node in its proxy; the node's grid and service traffic is direct. */
    @Override
    public void slow(String node, Duration delay) {
        get(node);
        DelayProxy proxy = proxies.get(node);
        if (proxy == null) {
            throw new UnsupportedOperationException("no delaying proxy in front of " + node
                    + " (ContainerDb.withDelayProxies)");
        }
        proxy.delay(delay);
    }

    @Override
    public void skewClock(String node, Duration offset) {
        if (!fakeClocks) {
            throw new UnsupportedOperationException("nodes started without libfaketime (ContainerDb.withFakeClocks)");
        }
        FakeClock.set(get(node).container(), offset);
    }

    @Override
    public void heal() {
        proxies.values().forEach(p -> p.delay(Duration.ZERO));
        if (fakeClocks) {
            for (NodeContainer n : nodes.values()) {
                try {
                    FakeClock.set(n.container(), Duration.ZERO);
                } catch (RuntimeException e) {
                    // A killed or paused node cannot exec; its clock is reset when the next heal reaches it.
                    System.err.println("could not reset " + n.name() + "'s clock: " + e.getMessage());
                }
            }
        }
        for (NodeContainer n : nodes.values()) {
            n.firewall().heal(n.container());
        }
    }

    @Override
    public void collectLogs(Path dir) {
        try {
            Files.createDirectories(dir);
            for (NodeContainer n : nodes.values()) {
                Files.writeString(dir.resolve(n.name() + ".log"), n.logs());
            }
            // The scripts' output (engine, images, services) and HAProxy's log explain a broken setup or a
            // balancer that routed badly; home is often a temporary folder, so they are kept with the node logs.
            for (Path log : List.of(home.resolve("scripts.log"), home.resolve("balancer").resolve("haproxy.log"))) {
                if (Files.exists(log)) {
                    Files.copy(log, dir.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void teardown() {
        if (balancer != null) {
            balancer.stop();
        }
        proxies.values().forEach(DelayProxy::close);
        proxies.clear();
        for (NodeContainer n : nodes.values()) {
            try {
                n.remove();
            } catch (RuntimeException e) {
                System.err.println("could not remove " + n.name() + ": " + e);
            }
        }
        nodes.clear();
        if (network != null) {
            network.remove();
            network = null;
        }
    }

    /** Milliseconds each setup step took: engine, images, services, nodes, balancer. */
    public Map<String, Long> timings() {
        return Map.copyOf(timings);
    }

    private NodeContainer get(String node) {
        NodeContainer n = nodes.get(node);
        if (n == null) {
            throw new IllegalArgumentException("no node " + node + " in " + nodes.keySet());
        }
        return n;
    }

    private long lap(String step, long since) {
        long now = System.nanoTime();
        timings.put(step, (now - since) / 1_000_000);
        return now;
    }
}
