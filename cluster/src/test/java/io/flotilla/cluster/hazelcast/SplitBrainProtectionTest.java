package io.flotilla.cluster.hazelcast;

import io.flotilla.cluster.ClusterSettings;
import io.flotilla.cluster.Locks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two members that need both of them: when one crashes, the survivor is a minority. It owns nothing,
 * and every session, lock and cache call still returns promptly, degraded, until a new member joins.
 */
class SplitBrainProtectionTest {

    private static final long PROMPT_MS = 3_000;

    private final List<HazelcastCluster> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(HazelcastCluster::crash);
    }

    @Test
    void aMinorityOwnsNothingAndDegradesPromptlyUntilAMemberJoins() throws Exception {
        ClusterSettings settings = TestClusters.alone().withMinMembers(2).withGridCallTimeout(Duration.ofSeconds(1));
        HazelcastCluster survivor = start(settings);
        assertFalse(survivor.membership().hasQuorum(), "one member of a required two");
        HazelcastCluster doomed = start(TestClusters.joining(settings, survivor));
        awaitTrue(() -> survivor.membership().hasQuorum(), "quorum once two members are in");
        TestClusters.awaitSafe(survivor);
        String id = TestClusters.uploadId();
        survivor.uploadSessions().put(TestClusters.session(id, 1));
        assertEquals(0, survivor.stats().degradedCalls());

        long t0 = System.nanoTime();
        doomed.crash();
        awaitTrue(() -> !survivor.membership().hasQuorum(), "no quorum after the crash");
        System.out.printf("minority noticed %d ms after the crash%n", (System.nanoTime() - t0) / 1_000_000);
        // The partition table gives the survivor everything; without quorum it still owns no key.
        awaitTrue(() -> survivor.ownership().ownedPartitions().size() == survivor.ownership().partitionCount(),
                "the survivor holds every partition");
        for (int i = 0; i < 50; i++) {
            assertFalse(survivor.ownership().owns(TestClusters.uploadId()), "a minority owns nothing");
        }

        long before = survivor.stats().degradedCalls();
        prompt(() -> assertEquals(Optional.empty(), survivor.uploadSessions().get(id)));
        prompt(() -> survivor.uploadSessions().put(TestClusters.session(id, 2)));
        prompt(() -> survivor.uploadSessions().remove(id));
        prompt(() -> {
            Locks.Held held = TestClusters.onNewThread(() -> survivor.locks().tryLock("gc:" + id, Duration.ofMillis(500)))
                    .orElseThrow(() -> new AssertionError("a degraded lock is a Held that holds nothing"));
            held.close();
        });
        prompt(() -> survivor.caches().blobLinks().put("repo@" + id, Boolean.TRUE));
        prompt(() -> survivor.caches().blobLinks().get("repo@" + id));
        prompt(() -> survivor.caches().manifests().invalidate("repo@" + id));
        assertTrue(survivor.stats().degradedCalls() >= before + 4,
                "degraded calls counted: " + (survivor.stats().degradedCalls() - before));

        HazelcastCluster newcomer = start(TestClusters.joining(settings, survivor));
        awaitTrue(() -> survivor.membership().hasQuorum() && newcomer.membership().hasQuorum(), "quorum back");
        survivor.uploadSessions().put(TestClusters.session(id, 3));
        assertEquals(3, newcomer.uploadSessions().get(id).orElseThrow().version());
    }

    private HazelcastCluster start(ClusterSettings settings) {
        HazelcastCluster member = HazelcastCluster.start(settings);
        started.add(member);
        return member;
    }

    private static void prompt(ThrowingRunnable call) throws Exception {
        long t0 = System.nanoTime();
        call.run();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < PROMPT_MS, "a degraded call took " + ms + " ms");
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what + ": not within 10 s");
            Thread.sleep(20);
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
