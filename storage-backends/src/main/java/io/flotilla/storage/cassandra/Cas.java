package io.flotilla.storage.cassandra;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.servererrors.CASWriteUnknownException;
import com.datastax.oss.driver.api.core.servererrors.DefaultWriteType;
import com.datastax.oss.driver.api.core.servererrors.ReadTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import io.flotilla.storage.spi.StorageUnavailableException;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs one lightweight transaction and, when Cassandra reports its outcome as unknown, finds it out.
 *
 * <p>Under contention, Paxos can end a round with "CAS operation result is unknown" (a proposal accepted
 * by fewer than a quorum) or a CAS write timeout: the write may or may not take effect later. Each write
 * therefore carries a fresh {@code writer} id, kept as the row's last writer and in a small ring of the
 * writers of its last {@value #RING} versions ({@code recent}, a map whose slots are overwritten, so it
 * leaves no tombstones). After such an outcome the row is read at the serial
 * consistency. That read finishes any round in flight and, since CASSANDRA-12126, also fences off proposals
 * it did not see, so the row it returns is decided. It is then judged:
 * <ul>
 *   <li>{@link Seen#MINE}: our writer id is there: the write took effect;</li>
 *   <li>{@link Seen#UNCHANGED}: the row is as our condition expected, so our write did not take effect and
 *       cannot any more: run it again, after a short random pause;</li>
 *   <li>{@link Seen#TAKEN}: another writer made the one change our condition allowed: a version conflict;</li>
 *   <li>{@link Seen#UNKNOWN}: the row moved on further and cannot tell whether our write came first: the
 *       caller gets StorageUnavailableException, which says the outcome is unknown.</li>
 * </ul>
 * A request that got no answer at all (the driver's own timeout, a lost connection) is not settled here:
 * Cassandra may be unreachable, so it fails at once with StorageUnavailableException, outcome unknown.
 */
final class Cas {
    /** Writers of the last RING versions are kept in a row's {@code recent} map, keyed by version % RING. */
    static final int RING = 16;
    private static final int ATTEMPTS = 6;

    /** What the serially read row says about our write. */
    enum Seen { MINE, UNCHANGED, TAKEN, UNKNOWN }

    private Cas() {
    }

    /** True when the LWT applied (now or, as the serial read shows, in a round reported as unknown). */
    static boolean apply(Cql cql, String what, BoundStatement lwt, Supplier<Optional<Row>> serialRead,
                         Function<Optional<Row>, Seen> judge) {
        for (int attempt = 1; ; attempt++) {
            StorageUnavailableException unknown;
            try {
                return cql.execute(what, lwt).wasApplied();
            } catch (StorageUnavailableException e) {
                if (!outcomeUnknown(e)) {
                    throw e;
                }
                unknown = e;
            }
            Seen seen;
            try {
                seen = judge.apply(settledRead(serialRead));
            } catch (RuntimeException e) {
                e.addSuppressed(unknown);
                throw e;
            }
            switch (seen) {
                case MINE:
                    return true;
                case TAKEN:
                    return false;
                case UNCHANGED:
                    if (attempt < ATTEMPTS) {
                        backOff(attempt);
                        continue;
                    }
                    throw new StorageUnavailableException("Cassandra (" + what + "): contention; gave up after "
                            + ATTEMPTS + " rounds, nothing was written", unknown);
                default:
                    throw new StorageUnavailableException("Cassandra (" + what + "): outcome unknown; the row has"
                            + " changed since, and may or may not include this write", unknown);
            }
        }
    }

    /** The serial read; a serial read is a Paxos round too, and contention can defeat it: it is retried. */
    private static Optional<Row> settledRead(Supplier<Optional<Row>> serialRead) {
        for (int attempt = 1; ; attempt++) {
            try {
                return serialRead.get();
            } catch (StorageUnavailableException e) {
                if (attempt >= ATTEMPTS || !outcomeUnknown(e)) {
                    throw e;
                }
                backOff(attempt);
            }
        }
    }

    private static void backOff(int attempt) {
        Cql.sleep(Duration.ofMillis(ThreadLocalRandom.current().nextLong(5, 20L * attempt)));
    }

    /**
     * Cassandra answered that a Paxos round did not finish (contention, or a CAS timeout), not that it could
     * not be reached: each node the driver tried gave such an answer.
     */
    static boolean outcomeUnknown(StorageUnavailableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof AllNodesFailedException all) {
            return !all.getAllErrors().isEmpty() && all.getAllErrors().values().stream()
                    .flatMap(java.util.List::stream).allMatch(Cas::paxosUnfinished);
        }
        return paxosUnfinished(cause);
    }

    private static boolean paxosUnfinished(Throwable t) {
        return t instanceof CASWriteUnknownException
                || t instanceof WriteTimeoutException w && w.getWriteType() == DefaultWriteType.CAS
                || t instanceof ReadTimeoutException r && r.getConsistencyLevel().isSerial();
    }

    /** The {@code recent} slot of a version. */
    static int slot(long version) {
        return (int) (version % RING);
    }

    /**
     * The judgement for a row with {@code version}, {@code writer} and {@code recent} columns, after an attempt
     * to move it from {@code expected} to {@code expected + 1} (a create when ABSENT) or, for {@code deleting},
     * to gone. {@code version} is null when the row is missing or deleted. Only one write can move a row from
     * a given version, so whoever {@code recent} names for {@code expected + 1} made that move.
     */
    static Seen versioned(Optional<Row> row, long expected, UUID me, boolean deleting) {
        Long version = row.filter(r -> !r.isNull("version")).map(r -> r.getLong("version")).orElse(null);
        if (me.equals(row.map(r -> r.getUuid("writer")).orElse(null))) {
            return Seen.MINE;
        }
        if (expected == 0 ? version == null : Long.valueOf(expected).equals(version)) {
            return Seen.UNCHANGED;
        }
        if (deleting) {
            // another writer deleted it or moved it on from the version we expected; we never write expected + 1
            return version == null || version > expected ? Seen.TAKEN : Seen.UNKNOWN;
        }
        if (version != null && version > expected && version - expected <= RING) {
            Map<Integer, UUID> recent = row.get().getMap("recent", Integer.class, UUID.class);
            UUID moved = recent.get(slot(expected + 1));
            if (moved != null) {
                return me.equals(moved) ? Seen.MINE : Seen.TAKEN;
            }
        }
        return Seen.UNKNOWN;
    }
}
