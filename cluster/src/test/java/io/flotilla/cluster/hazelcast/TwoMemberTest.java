package io.flotilla.cluster.hazelcast;

import io.flotilla.cluster.ClusterSettings;
import io.flotilla.cluster.Locks;
import io.flotilla.storage.spi.UploadRecord;
import io.flotilla.storage.spi.Versioned;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two members in one JVM, started one after the other under a cluster name of their own. */
class TwoMemberTest {

    private HazelcastCluster a;
    private HazelcastCluster b;

    @BeforeEach
    void start() {
        ClusterSettings settings = TestClusters.alone();
        long t0 = System.nanoTime();
        a = HazelcastCluster.start(settings);
        long t1 = System.nanoTime();
        b = HazelcastCluster.start(TestClusters.joining(settings, a));
        long t2 = System.nanoTime();
        System.out.printf("first member %d ms, joining member %d ms%n",
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
    }

    @AfterEach
    void stop() {
        b.crash();
        a.crash();
    }

    @Test
    void bothSeeTwoMembers() {
        assertEquals(2, a.memberCount());
        assertEquals(2, b.memberCount());
        assertTrue(!a.memberId().equals(b.memberId()));
    }

    @Test
    void aSessionWrittenOnOneMemberIsReadOnTheOther() {
        String id = TestClusters.uploadId();
        Versioned<UploadRecord> v1 = TestClusters.session(id, 1);
        a.uploadSessions().put(v1);
        assertEquals(Optional.of(v1), b.uploadSessions().get(id));

        b.uploadSessions().put(TestClusters.session(id, 2));
        a.uploadSessions().put(v1); // a late, older write from A loses
        assertEquals(2, b.uploadSessions().get(id).orElseThrow().version());
        assertEquals(1, a.uploadSessions().openCount());
    }

    @Test
    void aLockHeldOnOneMemberBlocksTheOther() throws Exception {
        String name = "commit:" + TestClusters.uploadId();
        Locks.Held held = TestClusters.onNewThread(() -> a.locks().tryLock(name, Duration.ZERO)).orElseThrow();
        Optional<Locks.Held> blocked = TestClusters.onNewThread(() -> b.locks().tryLock(name, Duration.ofMillis(200)));
        assertTrue(blocked.isEmpty(), "B must not get a lock A holds");
        // A's holder thread is gone, so only A's departure (or the lease) frees it: leave and retry.
        a.close();
        Optional<Locks.Held> after = TestClusters.onNewThread(() -> b.locks().tryLock(name, Duration.ofSeconds(5)));
        assertTrue(after.isPresent(), "a departed member's lock is released");
        held.close(); // harmless after the member left
    }

    @Test
    void sessionsSurviveTheCrashOfAMember() throws Exception {
        long s0 = System.nanoTime();
        TestClusters.awaitSafe(a);
        System.out.printf("safe %d ms after the join%n", (System.nanoTime() - s0) / 1_000_000);
        List<Versioned<UploadRecord>> written = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Versioned<UploadRecord> s = TestClusters.session(TestClusters.uploadId(), 2);
            a.uploadSessions().put(s);
            written.add(s);
        }
        long t0 = System.nanoTime();
        a.crash();
        for (Versioned<UploadRecord> s : written) {
            assertEquals(Optional.of(s), b.uploadSessions().get(s.value().id()), "lost " + s.value().id());
        }
        System.out.printf("all sessions read from the survivor %d ms after the crash%n",
                (System.nanoTime() - t0) / 1_000_000);
        assertEquals(written.size(), b.uploadSessions().openCount());
        assertEquals(1, b.memberCount());
    }
}
