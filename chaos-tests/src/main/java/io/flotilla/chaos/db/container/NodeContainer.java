package io.flotilla.chaos.db.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Capability;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * One Flotilla node in a container: the node image, a fixed address on the run's network, NET_ADMIN for the
 * iptables faults. Restarts reuse the same container ({@code docker start} after {@code docker kill}), so the
 * node keeps its name, address, environment and local data, as a process restarted on the same host would;
 * Testcontainers' own start() cannot be called twice, hence the calls to the Docker client.
 */
final class NodeContainer {

    static final int HTTP_PORT = 5000;
    static final int GRID_PORT = 5701;
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    /** How long a SIGTERMed node may take to drain and exit before it is killed, as Kubernetes' default. */
    static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final String name;
    private final String address;
    private final GenericContainer<?> container;
    private final NodeFirewall firewall = new NodeFirewall();
    /** When the last SIGTERM was sent (System.nanoTime), or 0 when no graceful stop is under way. */
    private volatile long terminatedAt;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @SuppressWarnings("resource") // closed by remove()
    NodeContainer(String name, String containerName, String image, ChaosNetwork network, String address,
                  Map<String, String> env) {
        this.name = name;
        this.address = address;
        this.container = new GenericContainer<>(DockerImageName.parse(image))
                .withImagePullPolicy(NeverPull.POLICY)
                .withNetworkMode(network.name())
                .withEnv(env)
                .withCreateContainerCmdModifier(cmd -> {
                    cmd.withName(containerName).withIpv4Address(address).withHostName(name);
                    cmd.getHostConfig().withCapAdd(Capability.NET_ADMIN);
                });
    }

    String name() {
        return name;
    }

    String address() {
        return address;
    }

    URI http() {
        return URI.create("http://" + address + ":" + HTTP_PORT);
    }

    GenericContainer<?> container() {
        return container;
    }

    NodeFirewall firewall() {
        return firewall;
    }

    /** Creates and starts the container; waits until the node answers /readyz. */
    void create() {
        container.start();
        awaitReady();
    }

    void kill() {
        terminatedAt = 0;
        if (running()) {
            docker().killContainerCmd(container.getContainerId()).withSignal("KILL").exec();
        }
    }

    /**
     * The first half of {@code docker stop}: SIGTERM, without waiting, so the node drains while the fault
     * lasts. The JVM is the container's PID 1 (run-node.sh execs it) and handles SIGTERM itself.
     */
    void terminate() {
        if (running()) {
            terminatedAt = System.nanoTime();
            docker().killContainerCmd(container.getContainerId()).withSignal("TERM").exec();
        }
    }

    /** Starts the (killed or stopped) container again, puts its network faults back, waits until ready. */
    void restart() {
        finishStop();
        if (!running()) {
            docker().startContainerCmd(container.getContainerId()).exec();
        }
        firewall.reapply(container);
        awaitReady();
    }

    /**
     * The second half of {@code docker stop}: after a SIGTERM, waits for the exit until the grace period is
     * over, then kills. Starting a container that is still draining would do nothing (it runs), and the
     * readiness wait would then see it exit.
     */
    private void finishStop() {
        long since = terminatedAt;
        if (since == 0) {
            return;
        }
        long deadline = since + STOP_GRACE.toNanos();
        while (running() && System.nanoTime() < deadline) {
            Interruptibly.sleep(200);
        }
        if (running()) {
            System.err.println(name + " still running " + STOP_GRACE.toSeconds() + " s after SIGTERM; killing it");
            docker().killContainerCmd(container.getContainerId()).withSignal("KILL").exec();
            while (running()) {
                Interruptibly.sleep(100);
            }
        }
        terminatedAt = 0;
    }

    void pause() {
        docker().pauseContainerCmd(container.getContainerId()).exec();
    }

    void resume() {
        docker().unpauseContainerCmd(container.getContainerId()).exec();
    }

    String logs() {
        return container.getLogs();
    }

    void remove() {
        // stop() kills and removes the container (and its anonymous volumes).
        container.stop();
    }

    private boolean running() {
        Boolean running = docker().inspectContainerCmd(container.getContainerId()).exec().getState().getRunning();
        return Boolean.TRUE.equals(running);
    }

    private DockerClient docker() {
        return container.getDockerClient();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        URI readyz = http().resolve("/readyz");
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> res = http.send(HttpRequest.newBuilder(readyz).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (res.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            if (!running()) {
                throw new IllegalStateException(name + " exited while starting:\n" + tail(logs()));
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new IllegalStateException(name + " not ready within " + READY_TIMEOUT + ":\n" + tail(logs()));
    }

    private static String tail(String log) {
        return log.length() <= 4000 ? log : log.substring(log.length() - 4000);
    }
}
