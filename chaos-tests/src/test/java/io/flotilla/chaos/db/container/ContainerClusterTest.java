package io.flotilla.chaos.db.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.chaos.client.Await;
import io.flotilla.chaos.client.ClusterView;
import io.flotilla.chaos.client.OciClient;
import io.flotilla.chaos.client.OciResponse;
import io.flotilla.chaos.client.auth.RegistryAuth;
import io.flotilla.chaos.generator.SeededContent;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * ContainerDb end to end: three nodes in containers behind the host's HAProxy, then each fault once (pause,
 * a partition, a cut from Cassandra) and its repair. Needs root (dockerd, iptables, apt on a fresh box); run
 * it on purpose: mvn -pl chaos-tests test-compile surefire:test -Dtest=ContainerClusterTest.
 * Prints the setup's timings (engine, images, services, nodes, balancer) for CI budgeting.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerClusterTest {

    private static final String REPO = "chaos/containers";
    private static ContainerDb db;
    private static OciClient client;

    @BeforeAll
    static void setUp() {
        db = new ContainerDb(Path.of("target/containers/ContainerClusterTest"));
        client = new OciClient(Duration.ofSeconds(10), RegistryAuth.tokens(db.credentials(), Duration.ofSeconds(10)));
        long start = System.nanoTime();
        db.setup(3);
        System.out.printf("ContainerDb setup(3): %d ms total; steps (ms): %s%n",
                (System.nanoTime() - start) / 1_000_000, db.timings());
    }

    @AfterAll
    static void tearDown() {
        if (db != null) {
            db.collectLogs(Path.of("target/containers/ContainerClusterTest/logs"));
            db.teardown();
        }
    }

    @Test
    @Order(1)
    void pushAndPullThroughTheBalancer() {
        String digest = pushed(db.endpoint());
        OciResponse pulled = client.getBlobDigest(db.endpoint(), REPO, digest);
        assertEquals(200, pulled.status());
        assertEquals(Optional.of(digest), pulled.bodyDigest());
        for (String node : db.nodes()) {
            assertEquals(3, members(node), node + " sees every member");
        }
    }

    @Test
    @Order(2)
    void aPausedNodeStallsAndComesBack() {
        db.pause("node2");
        try {
            OciClient impatient = new OciClient(Duration.ofSeconds(2), RegistryAuth.none());  // it only asks /readyz
            assertFalse(answers(impatient, db.node("node2")), "a paused node does not answer");
            // The balancer takes it out (2 failed checks, 500 ms apart) and the others serve.
            sleep(2000);
            String digest = pushed(db.endpoint());
            assertEquals(200, client.headBlob(db.endpoint(), REPO, digest).status());
        } finally {
            db.resume("node2");
        }
        Await.until("node2 answers again", Duration.ofSeconds(30), () -> answers(client, db.node("node2")), () -> "");
    }

    @Test
    @Order(3)
    void aPartitionedNodeIsAloneUntilHealed() {
        db.partition(List.of(List.of("node3"), List.of("node1", "node2")));
        Await.until("node3 alone, node1 with node2", Duration.ofSeconds(60),
                () -> members("node3") == 1 && members("node1") == 2, () -> views());
        long healed = System.nanoTime();
        db.heal();
        Await.until("one cluster of 3 again", Duration.ofSeconds(90),
                () -> db.nodes().stream().allMatch(n -> members(n) == 3), () -> views());
        System.out.printf("merged after heal in %d ms%n", (System.nanoTime() - healed) / 1_000_000);
    }

    @Test
    @Order(4)
    void aNodeCutFromCassandraFailsWritesCleanlyWhileOthersWork() {
        db.isolateFromServices("node1", "cassandra");
        try {
            long start = System.nanoTime();
            Optional<OciResponse> cut = pushDirect("node1");
            System.out.printf("write on node1 cut from cassandra: %s after %d ms%n",
                    cut.map(OciResponse::toString).orElse("no answer (timeout)"), (System.nanoTime() - start) / 1_000_000);
            cut.ifPresent(res -> assertTrue(res.status() >= 500, "a 5xx, not a success: " + res));
            Optional<OciResponse> other = pushDirect("node2");
            assertTrue(other.isPresent() && other.get().status() == 201, "node2 still writes: " + other);
        } finally {
            db.heal();
        }
        Await.until("node1 writes again", Duration.ofSeconds(60),
                () -> pushDirect("node1").map(r -> r.status() == 201).orElse(false), () -> "");
    }

    @Test
    @Order(5)
    void aKilledNodeStartsAgainInTheSameContainer() {
        db.kill("node3");
        sleep(1500);
        String digest = pushed(db.endpoint());
        long start = System.nanoTime();
        db.start("node3");
        System.out.printf("node3 ready again %d ms after start%n", (System.nanoTime() - start) / 1_000_000);
        Await.until("node3 rejoined", Duration.ofSeconds(60), () -> members("node3") == 3, () -> views());
        assertEquals(200, client.headBlob(db.node("node3"), REPO, digest).status());
    }

    /** A fresh random blob pushed whole to {@code base}; answers its digest. */
    private static String pushed(URI base) {
        byte[] content = randomBytes();
        OciResponse res = client.pushBlob(base, REPO, content);
        assertEquals(201, res.status(), "push: " + res);
        return SeededContent.sha256(new ByteArrayInputStream(content));
    }

    /** Every step of a push on one node (Location names the balancer; re-aimed); empty on a timeout. */
    private static Optional<OciResponse> pushDirect(String node) {
        URI base = db.node(node);
        byte[] content = randomBytes();
        try {
            OciResponse started = client.startUpload(base, REPO);
            if (started.status() != 202) {
                return Optional.of(started);
            }
            URI upload = OciClient.on(client.uploadUrl(base, started), base);
            return Optional.of(client.complete(upload, SeededContent.sha256(new ByteArrayInputStream(content)), content));
        } catch (UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private static byte[] randomBytes() {
        byte[] content = new byte[64 * 1024];
        ThreadLocalRandom.current().nextBytes(content);
        return content;
    }

    private static int members(String node) {
        try {
            return ClusterView.of(client, db.node(node)).members();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static String views() {
        StringBuilder s = new StringBuilder();
        db.nodes().forEach(n -> s.append(n).append('=').append(members(n)).append(' '));
        return s.toString();
    }

    private static boolean answers(OciClient c, URI node) {
        try {
            return c.get(node, "/readyz").status() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
