package io.flotilla.node.gc;

import io.flotilla.storage.spi.BlobRecord;
import io.flotilla.storage.spi.Versioned;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a review should do with a blob, decided from what it read and nothing else, so that the collector
 * and its dry run agree: {@code quietUntil} is when the blob will have gone unused (unstored, unrelied on,
 * unread) for the whole delay.
 */
record BlobVerdict(Action action, Instant quietUntil) {

    enum Action {
        /** No row: nothing to collect. */
        FORGET,
        /** A live manifest references it: done until a trigger enqueues it again. */
        KEEP,
        /** Unused for less than the delay: look again at {@code quietUntil}. */
        WAIT,
        /** Unused for the delay: mark it (revivable). */
        MARK,
        /** Marked, but used again since: set it live. */
        REVIVE,
        /** Marked and still unused after the grace: purge it (irreversible). */
        PURGE,
        /** Already purging: delete its bytes and row. */
        DELETE
    }

    static BlobVerdict of(Optional<Versioned<BlobRecord>> row, boolean referenced, Optional<Instant> lastRead,
                          Instant now, Duration delay) {
        if (row.isEmpty()) {
            return new BlobVerdict(Action.FORGET, now);
        }
        BlobRecord blob = row.get().value();
        Instant lastUse = lastRead.filter(r -> r.isAfter(blob.touched())).orElse(blob.touched());
        Instant quietUntil = lastUse.plus(delay);
        boolean inUse = referenced || now.isBefore(quietUntil);
        Action action = switch (blob.state()) {
            case PURGING -> Action.DELETE;
            case MARKED -> inUse ? Action.REVIVE : Action.PURGE;
            case LIVE -> referenced ? Action.KEEP : inUse ? Action.WAIT : Action.MARK;
        };
        return new BlobVerdict(action, quietUntil);
    }

    boolean deletes() {
        return action == Action.MARK || action == Action.PURGE || action == Action.DELETE;
    }
}
