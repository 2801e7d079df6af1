package io.flotilla.cluster.hazelcast;

import io.flotilla.cluster.Cache;
import io.flotilla.cluster.Locks;
import io.flotilla.cluster.UploadSessions;
import io.flotilla.model.Digest;
import io.flotilla.model.RepositoryName;
import io.flotilla.storage.spi.ManifestRecord;
import io.flotilla.storage.spi.UploadRecord;
import io.flotilla.storage.spi.Versioned;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One member, shared by the tests of this class to keep them fast; every test uses its own keys. */
class LoneMemberTest {

    private static final Duration LEASE = Duration.ofSeconds(2);

    private static HazelcastCluster cluster;

    @BeforeAll
    static void start() {
        long t0 = System.nanoTime();
        cluster = HazelcastCluster.start(TestClusters.alone().withLockLease(LEASE));
        System.out.printf("lone member started in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void startsAloneAndRunning() {
        assertTrue(cluster.isRunning());
        assertEquals(1, cluster.memberCount());
        assertFalse(cluster.memberId().isBlank());
    }

    @Test
    void sessionsArePutReadAndRemoved() {
        UploadSessions sessions = cluster.uploadSessions();
        String id = TestClusters.uploadId();
        int before = sessions.openCount();
        assertEquals(Optional.empty(), sessions.get(id));

        Versioned<UploadRecord> v2 = TestClusters.session(id, 2);
        sessions.put(v2);
        assertEquals(Optional.of(v2), sessions.get(id));
        assertEquals(before + 1, sessions.openCount());

        sessions.remove(id);
        assertEquals(Optional.empty(), sessions.get(id));
        assertEquals(before, sessions.openCount());
    }

    @Test
    void versionsNeverGoBackwards() {
        UploadSessions sessions = cluster.uploadSessions();
        String id = TestClusters.uploadId();
        sessions.put(TestClusters.session(id, 3));
        sessions.put(TestClusters.session(id, 2));
        assertEquals(3, sessions.get(id).orElseThrow().version());

        Versioned<UploadRecord> v4 = TestClusters.session(id, 4);
        sessions.put(v4);
        assertEquals(v4, sessions.get(id).orElseThrow());
        assertEquals(30, sessions.get(id).orElseThrow().value().size());
    }

    @Test
    void aLockExcludesOtherThreadsUntilClosed() throws Exception {
        Locks locks = cluster.locks();
        String name = "commit:" + TestClusters.uploadId();
        Locks.Held held = locks.tryLock(name, Duration.ZERO).orElseThrow();
        Optional<Locks.Held> other = TestClusters.onNewThread(() -> locks.tryLock(name, Duration.ofMillis(200)));
        assertTrue(other.isEmpty(), "a second thread must not get a held lock");
        held.close();
        Optional<Locks.Held> after = TestClusters.onNewThread(() -> {
            Optional<Locks.Held> got = locks.tryLock(name, Duration.ZERO);
            got.ifPresent(Locks.Held::close);
            return got;
        });
        assertTrue(after.isPresent(), "a closed lock is free");
    }

    @Test
    void aWaitingThreadGetsTheLockWhenItIsReleased() throws Exception {
        Locks locks = cluster.locks();
        String name = "patch:" + TestClusters.uploadId();
        Locks.Held held = locks.tryLock(name, Duration.ZERO).orElseThrow();
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<Boolean> waiter = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            waiting.countDown();
            Optional<Locks.Held> got = locks.tryLock(name, Duration.ofSeconds(5));
            got.ifPresent(Locks.Held::close);
            waiter.complete(got.isPresent());
        });
        waiting.await();
        Thread.sleep(100);
        held.close();
        held.close(); // twice is harmless
        assertTrue(waiter.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aLockWhoseHolderNeverClosesEndsWithItsLease() throws Exception {
        Locks locks = cluster.locks();
        String name = "gc:" + TestClusters.uploadId();
        long t0 = System.nanoTime();
        // Taken and abandoned by a thread that then ends, as a hung holder would.
        TestClusters.onNewThread(() -> locks.tryLock(name, Duration.ZERO)).orElseThrow();
        Optional<Locks.Held> later = TestClusters.onNewThread(() -> {
            Optional<Locks.Held> got = locks.tryLock(name, LEASE.multipliedBy(3));
            got.ifPresent(Locks.Held::close);
            return got;
        });
        long waitedMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(later.isPresent(), "the lease must end the abandoned lock");
        assertTrue(waitedMs >= LEASE.toMillis() - 100, "not before the lease: " + waitedMs + " ms");
    }

    @Test
    void blobLinksExpireWithinTwoSeconds() throws Exception {
        Cache<Boolean> links = cluster.caches().blobLinks();
        String key = "library/test@sha256:" + "a".repeat(64) + TestClusters.uploadId();
        links.put(key, Boolean.TRUE);
        long t0 = System.nanoTime();
        assertEquals(Optional.of(true), links.get(key));
        assertEquals(Optional.of(true), links.get(key)); // now served by the near cache
        while (links.get(key).isPresent()) {
            assertTrue(System.nanoTime() - t0 < 2_500_000_000L, "link still cached after 2.5 s");
            Thread.sleep(50);
        }
        long goneMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("blob link gone after %d ms%n", goneMs);
        assertTrue(goneMs <= 2_100, "expired after " + goneMs + " ms");
    }

    @Test
    void blobLinksAreInvalidated() {
        Cache<Boolean> links = cluster.caches().blobLinks();
        String key = "library/test@" + TestClusters.uploadId();
        links.put(key, Boolean.FALSE);
        assertEquals(Optional.of(false), links.get(key));
        links.invalidate(key);
        assertEquals(Optional.empty(), links.get(key));
    }

    @Test
    void manifestsRoundTripAndInvalidate() {
        Cache<ManifestRecord> manifests = cluster.caches().manifests();
        byte[] content = "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.sha256(content);
        RepositoryName repo = RepositoryName.parse("library/test");
        ManifestRecord record = new ManifestRecord(repo, digest, "application/vnd.oci.image.manifest.v1+json",
                "application/vnd.oci.image.manifest.v1+json", null, null, List.of(digest),
                Map.of("a", "b"), content, Instant.EPOCH);
        String key = repo.value() + "@" + digest + TestClusters.uploadId();

        manifests.put(key, record);
        ManifestRecord read = manifests.get(key).orElseThrow();
        assertEquals(record.digest(), read.digest());
        assertEquals(record.references(), read.references());
        assertEquals(record.annotations(), read.annotations());
        assertArrayEquals(content, read.content());
        manifests.get(key).orElseThrow(); // a near-cache hit

        manifests.invalidate(key);
        assertEquals(Optional.empty(), manifests.get(key));
    }
}
