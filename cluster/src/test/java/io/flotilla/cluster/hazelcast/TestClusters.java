package io.flotilla.cluster.hazelcast;

import io.flotilla.cluster.ClusterSettings;
import io.flotilla.model.RepositoryName;
import io.flotilla.storage.spi.Piece;
import io.flotilla.storage.spi.UploadRecord;
import io.flotilla.storage.spi.Versioned;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Settings and values for tests: every test cluster gets its own name and a free port, so none merge. */
final class TestClusters {

    private TestClusters() {
    }

    static ClusterSettings alone() {
        return ClusterSettings.defaults("flotilla-test-" + UUID.randomUUID())
                .withPort(0)
                .withFailureDetection(Duration.ofSeconds(1), Duration.ofSeconds(3));
    }

    static ClusterSettings joining(ClusterSettings first, HazelcastCluster member) {
        return first.withMembers(List.of(member.address()));
    }

    /** Waits until the members have settled their partitions and backups, as a crash test must. */
    static void awaitSafe(HazelcastCluster member) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!member.isClusterSafe()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("cluster not safe after 10 s");
            }
            Thread.sleep(20);
        }
    }

    static Versioned<UploadRecord> session(String id, long version) {
        UploadRecord record = UploadRecord.start(id, RepositoryName.parse("library/test"), Instant.EPOCH);
        for (long i = 1; i < version; i++) {
            record = record.withPiece(new Piece("staged/" + id + "/" + i, 10), Instant.EPOCH.plusSeconds(i));
        }
        return new Versioned<>(record, version);
    }

    /** Runs on a fresh virtual thread, as the node's request handlers do. */
    static <T> T onNewThread(Supplier<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                result.complete(work.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(30, TimeUnit.SECONDS);
    }

    static String uploadId() {
        return UUID.randomUUID().toString();
    }
}
