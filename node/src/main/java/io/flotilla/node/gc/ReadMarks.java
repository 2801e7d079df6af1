package io.flotilla.node.gc;

import io.flotilla.cluster.Cache;
import io.flotilla.model.Digest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * When blobs were last read, shared by the cluster, so that a HEAD or GET pushes a blob's review back: a
 * client HEADs its layers and PUTs the manifest minutes later. Each node records a digest at most once per
 * {@code resolution}, so pulls add one grid write per blob per interval, not one per request.
 */
public final class ReadMarks {
    /** Past this many remembered digests, a node forgets them all: only a repeat grid write follows. */
    private static final int LOCAL_LIMIT = 100_000;

    private final Cache<Long> reads;
    private final Clock clock;
    private final long resolutionMillis;
    private final Map<Digest, Long> recordedHere = new ConcurrentHashMap<>();
    private final Executor writer;

    /** @param writer runs each grid write; production hands them to a virtual thread, so no pull waits for one */
    public ReadMarks(Cache<Long> reads, Clock clock, Duration resolution, Executor writer) {
        this.reads = reads;
        this.writer = writer;
        this.clock = clock;
        this.resolutionMillis = Math.max(1, resolution.toMillis());
    }

    /**
     * Notes a read of {@code digest} now, without waiting for the grid: a slow or cut grid must not slow a
     * pull, and a read it drops only makes the blob collectable sooner than asked.
     */
    public void record(Digest digest) {
        long now = clock.millis();
        Long last = recordedHere.get(digest);
        if (last != null && now - last < resolutionMillis) {
            return;
        }
        if (recordedHere.size() >= LOCAL_LIMIT) {
            recordedHere.clear();
        }
        recordedHere.put(digest, now);
        writer.execute(() -> reads.put(digest.toString(), now));
    }

    /** When the blob was last read anywhere in the cluster, as far as the grid remembers. */
    public Optional<Instant> lastRead(Digest digest) {
        return reads.get(digest.toString()).map(Instant::ofEpochMilli);
    }
}
