package io.flotilla.chaos.db;

import io.flotilla.chaos.client.auth.Credentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A cluster of real node processes behind HAProxy, run by {@code deploy/local/cluster.sh} in a state folder of
 * its own ({@code target/clusters/NAME/state}), so test classes never share nodes, ports or grid names.
 * The services the nodes use (Cassandra, Ceph) come from the environment, as {@code services.sh env} prints it.
 * Access control is on in the nodes: each cluster gets an admin password of its own, made up here and given
 * to cluster.sh as {@code FLOTILLA_ADMIN_PASSWORD} (it passes it to every node), so clients sign in with
 * {@link #credentials()}.
 * The script's stderr goes to {@code target/clusters/NAME/cluster.log}; {@link #close()} keeps every node's log
 * in {@code target/clusters/NAME/logs} before the state folder goes.
 */
public final class LocalCluster implements AutoCloseable {

    private static final Duration UP_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);

    private final Path root = RepoRoot.find();
    private final Path home;
    private final Path state;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Credentials credentials = Credentials.randomAdmin();
    private boolean up;

    /** A cluster named {@code name} (a folder name), not yet started. */
    public LocalCluster(String name) {
        this(Path.of("target", "clusters", name));
    }

    /** A cluster kept under {@code home} (state, cluster.log, logs), not yet started. */
    public LocalCluster(Path home) {
        this.home = home.toAbsolutePath();
        this.state = this.home.resolve("state");
    }

    /** Sets a variable for every node this cluster starts from now on (e.g. a FLOTILLA_* override). */
    public LocalCluster withEnv(String key, String value) {
        env.put(key, value);
        return this;
    }

    public ClusterStatus up(int nodes, String metadata, String blobs) {
        if (Files.exists(state)) {
            // A previous run that died before close(): its processes may live on.
            run(COMMAND_TIMEOUT, "down");
        }
        up = true;
        return ClusterStatus.parse(run(UP_TIMEOUT, "up", "--nodes", Integer.toString(nodes),
                "--metadata", metadata, "--blobs", blobs));
    }

    public ClusterStatus status() {
        return ClusterStatus.parse(run(COMMAND_TIMEOUT, "status"));
    }

    /** The admin and the password every node of this cluster was given. */
    public Credentials credentials() {
        return credentials;
    }

    /** The balancer's base URL (or the only node's). */
    public URI endpoint() {
        return URI.create("http://" + status().endpoint());
    }

    public List<ClusterNode> nodes() {
        return status().nodes();
    }

    /** SIGKILL. */
    public void kill(String node) {
        run(COMMAND_TIMEOUT, "kill", node);
    }

    /** SIGTERM: the node drains and leaves; this does not wait for it to exit. */
    public void stop(String node) {
        run(COMMAND_TIMEOUT, "stop", node);
    }

    /** Starts a node again and waits until it is ready. */
    public void start(String node) {
        run(COMMAND_TIMEOUT, "start", node);
    }

    /** Starts one more node, joined and behind the balancer once this returns; answers its name. */
    public String add() {
        String out = run(UP_TIMEOUT, "add").strip();
        return out.substring(out.lastIndexOf('\n') + 1).strip();
    }

    /** Cuts the grid between {@code node} and every other node (iptables; HTTP and the services stay open). */
    public void isolate(String node) {
        run(COMMAND_TIMEOUT, "isolate", node);
    }

    /** Cuts the grid between every node of {@code left} and every node of {@code right}. */
    public void cut(List<String> left, List<String> right) {
        run(COMMAND_TIMEOUT, "cut", String.join(",", left), String.join(",", right));
    }

    /** SIGSTOP: the process freezes with its sockets open, as a long GC pause or a hung VM would. */
    public void pause(String node) {
        run(COMMAND_TIMEOUT, "pause", node);
    }

    /** SIGCONT. */
    public void resume(String node) {
        run(COMMAND_TIMEOUT, "resume", node);
    }

    /** Cuts the grid between every pair of nodes, so each node is a cluster of one. */
    public void cutGrid() {
        run(COMMAND_TIMEOUT, "cut-grid");
    }

    /** Removes every grid cut of this cluster; the members find each other again at their next merge run. */
    public void heal() {
        run(COMMAND_TIMEOUT, "heal");
    }

    /** Heals any grid cut, then stops every node and the balancer. */
    public void down() {
        if (!up) {
            return;
        }
        keepLogs();
        run(COMMAND_TIMEOUT, "down");
        up = false;
    }

    @Override
    public void close() {
        down();
    }

    private void keepLogs() {
        copyLogs(home.resolve("logs"));
    }

    /** Copies every node's log (node1.log, ...) and the script's cluster.log into {@code logs}. */
    public void copyLogs(Path logs) {
        try (Stream<Path> dirs = Files.list(state)) {
            Files.createDirectories(logs);
            for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith("node")).toList()) {
                Path log = dir.resolve("node.log");
                if (Files.exists(log)) {
                    Files.copy(log, logs.resolve(dir.getFileName() + ".log"), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Path script = home.resolve("cluster.log");
            if (Files.exists(script)) {
                Files.copy(script, logs.resolve("cluster.log"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // Logs are for diagnosis only; taking the cluster down matters more.
            System.err.println("could not keep node logs: " + e);
        }
    }

    private String run(Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("deploy/local/cluster.sh").toString()));
        command.addAll(List.of(args));
        try {
            Files.createDirectories(home);
            Path out = Files.createTempFile(home, "cluster-out", ".txt");
            ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(home.resolve("cluster.log").toFile()));
            pb.environment().putAll(env);
            pb.environment().put("FLOTILLA_CLUSTER_DIR", state.toString());
            // up keeps it in the state folder, and every node start passes it on from there.
            pb.environment().put("FLOTILLA_ADMIN_PASSWORD", credentials.password());
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("cluster.sh " + String.join(" ", args) + " took over " + timeout);
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            Files.delete(out);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("cluster.sh " + String.join(" ", args) + " failed (exit "
                        + p.exitValue() + "); see " + home.resolve("cluster.log") + "\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running cluster.sh", e);
        }
    }
}
