package io.flotilla.bench.gc;

import java.util.List;
import java.util.stream.IntStream;

/**
 * What seeding did.
 *
 * @param seeded         blobs the registry committed (201)
 * @param failed         blobs given up on after every attempt, or never answered before the timeout
 * @param refusals       answers other than 201 and connections lost mid-upload, retried or not: each may leave
 *                       staged bytes behind for the upload janitor (not GC) to remove
 * @param seconds        from the first request to the last answer
 * @param p50Millis      median time of one monolithic upload
 * @param p99Millis      its 99th percentile
 * @param lastCommitNanos {@link System#nanoTime()} of the last 201: the last GC review is due a delay after it
 * @param perNode        blobs committed by each node, in the order the nodes were given
 * @param firstError     the first refusal or lost connection, empty if none
 * @param digests        digest of blob i at index i, null where it was not committed
 */
public record SeedResult(long seeded, long failed, long refusals, double seconds, double p50Millis, double p99Millis,
                         long lastCommitNanos, List<Long> perNode, String firstError, String[] digests) {

    public double perSecond() {
        return seconds > 0 ? seeded / seconds : Double.NaN;
    }

    /** Indices of up to {@code n} committed blobs spread evenly over the run (first, last and between). */
    public List<Integer> sampleIndices(int n) {
        List<Integer> committed = IntStream.range(0, digests.length).filter(i -> digests[i] != null).boxed().toList();
        if (committed.size() <= n) {
            return committed;
        }
        if (n == 1) {
            return List.of(committed.getFirst());
        }
        return IntStream.range(0, n).mapToObj(i -> committed.get((int) ((long) i * (committed.size() - 1) / (n - 1))))
                .toList();
    }
}
