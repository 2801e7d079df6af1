package io.flotilla.storage.support;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fresh piece ids: 19 zero-padded digits of epoch nanoseconds, strictly increasing within this process,
 * then 12 random hex digits so that nodes sharing one store never pick the same id. Ids sort by time,
 * which makes a listing of an upload's pieces readable; correctness never depends on that order.
 */
public final class PieceIds {
    private static final AtomicLong LAST = new AtomicLong();

    private PieceIds() {
    }

    public static String next() {
        Instant now = Instant.now();
        long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        long stamp = LAST.updateAndGet(prev -> Math.max(prev + 1, nanos));
        long random = ThreadLocalRandom.current().nextLong() & 0xFFFF_FFFF_FFFFL;
        return String.format("%019d-%012x", stamp, random);
    }
}
