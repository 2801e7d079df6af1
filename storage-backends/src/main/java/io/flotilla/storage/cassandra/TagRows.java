package io.flotilla.storage.cassandra;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.flotilla.model.Digest;
import io.flotilla.model.RepositoryName;
import io.flotilla.model.Tag;
import io.flotilla.storage.spi.StorageUnavailableException;
import io.flotilla.storage.spi.TagEntry;
import io.flotilla.storage.spi.VersionConflictException;
import io.flotilla.storage.spi.Versioned;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Tags: {@code tags}, one partition per (repo, tag), is the truth and changes only by LWT, so pushes to
 * different tags of one repository never queue behind each other's Paxos rounds. {@code tag_list}, one
 * partition per repository clustered by tag, serves the paginated listing.
 *
 * <p><b>Keeping the listing in step.</b> A deleted tag keeps its {@code tags} row with {@code live = false}
 * (and no digest or version), so its row always carries the write time of its last change. Every LWT is
 * written with its Paxos ballot as timestamp, and ballots grow in Paxos order, so that write time orders the
 * changes of one tag. After each compare-and-set, won or lost, the store <em>mirrors</em> the tag: it reads the
 * row at the normal consistency and copies it into {@code tag_list} {@code USING TIMESTAMP} of that write time
 * (an upsert, or a delete for a dead tag). A mirror is idempotent and cannot go backwards: an older copy
 * arriving late loses to a newer one by timestamp. So concurrent writers, delete-then-recreate and retries
 * all converge on the state of {@code tags}.
 *
 * <p>Every write carries a fresh {@code writer} id, by which {@link Cas} settles an LWT whose outcome
 * Cassandra reported as unknown.
 *
 * <p><b>If the mirror fails</b> after the compare-and-set succeeded, the tag has changed but its listing entry
 * has not: the write raises {@link StorageUnavailableException} saying so, and the listing shows the old state
 * (the old digest, a deleted tag, or no entry for a new tag) until the next write of that tag mirrors it, which
 * is what a client's retry of its push does. {@code getTag} is never affected.
 */
final class TagRows {
    private final Cql cql;
    private final PreparedStatement select;
    private final PreparedStatement create;
    private final PreparedStatement update;
    private final PreparedStatement delete;
    private final PreparedStatement readForMirror;
    private final PreparedStatement listUpsert;
    private final PreparedStatement listDelete;
    private final PreparedStatement list;

    TagRows(Cql cql) {
        this.cql = cql;
        String tags = cql.table("tags");
        String listing = cql.table("tag_list");
        select = cql.prepare("SELECT digest, version, writer, recent FROM " + tags + " WHERE repo = ? AND tag = ?");
        // "version = null" holds for a missing row and for a deleted one
        create = cql.prepare("UPDATE " + tags + " SET digest = ?, version = 1, live = true, writer = ?, recent = ?"
                + " WHERE repo = ? AND tag = ? IF version = null");
        update = cql.prepare("UPDATE " + tags + " SET digest = ?, version = ?, live = true, writer = ?, recent[?] = ?"
                + " WHERE repo = ? AND tag = ? IF version = ?");
        delete = cql.prepare("UPDATE " + tags + " SET digest = null, version = null, live = false, writer = ?"
                + " WHERE repo = ? AND tag = ? IF version = ?");
        readForMirror = cql.prepare("SELECT digest, live, WRITETIME(live) FROM " + tags + " WHERE repo = ? AND tag = ?");
        listUpsert = cql.prepare("INSERT INTO " + listing + " (repo, tag, digest) VALUES (?, ?, ?) USING TIMESTAMP ?");
        listDelete = cql.prepare("DELETE FROM " + listing + " USING TIMESTAMP ? WHERE repo = ? AND tag = ?");
        list = cql.prepare("SELECT tag, digest FROM " + listing + " WHERE repo = ? AND tag > ? LIMIT ?");
    }

    Optional<Versioned<Digest>> get(RepositoryName repo, Tag tag) {
        return read(repo, tag, false);
    }

    long put(RepositoryName repo, Tag tag, Digest digest, long expected) {
        checkExpected(expected);
        UUID me = UUID.randomUUID();
        BoundStatement cas = expected == Versioned.ABSENT
                ? create.bind(digest.toString(), me, Map.of(Cas.slot(1), me), repo.value(), tag.value())
                : update.bind(digest.toString(), expected + 1, me, Cas.slot(expected + 1), me, repo.value(),
                        tag.value(), expected);
        casThenMirror("writing tag " + repo + ":" + tag, repo, tag, cas, expected, me, false);
        return expected + 1;
    }

    void delete(RepositoryName repo, Tag tag, long expected) {
        checkExpected(expected);
        if (expected == Versioned.ABSENT) {
            if (read(repo, tag, true).isPresent()) {
                throw conflict(repo, tag, expected);
            }
            return;
        }
        UUID me = UUID.randomUUID();
        casThenMirror("deleting tag " + repo + ":" + tag, repo, tag,
                delete.bind(me, repo.value(), tag.value(), expected), expected, me, true);
    }

    List<TagEntry> list(RepositoryName repo, Tag after, int limit) {
        if (Columns.limit(limit) == 0) {
            return List.of();
        }
        return cql.all("listing tags of " + repo, list.bind(repo.value(), after == null ? "" : after.value(), limit)
                        .setIdempotent(true))
                .stream().map(r -> new TagEntry(Tag.parse(r.getString(0)), Digest.parse(r.getString(1)))).toList();
    }

    private void casThenMirror(String what, RepositoryName repo, Tag tag, BoundStatement cas, long expected,
                               UUID me, boolean deleting) {
        boolean applied;
        try {
            applied = Cas.apply(cql, what, cas, () -> serialRow(repo, tag),
                    row -> Cas.versioned(row, expected, me, deleting));
        } catch (RuntimeException e) {
            // the outcome is unknown: the change may have been made, so mirror whatever is there now
            mirrorQuietly(repo, tag, e);
            throw e;
        }
        if (!applied) {
            VersionConflictException conflict = conflict(repo, tag, expected);
            mirrorQuietly(repo, tag, conflict); // a lost race may have crossed a writer whose mirror failed
            throw conflict;
        }
        try {
            mirror(repo, tag);
        } catch (StorageUnavailableException e) {
            throw new StorageUnavailableException("tag " + repo + ":" + tag + " was written, but its listing entry"
                    + " was not; the listing catches up on the tag's next write: " + e.getMessage(), e);
        }
    }

    /** Copies the tag's row into the listing, with the row's own write time. */
    private void mirror(RepositoryName repo, Tag tag) {
        String what = "listing tag " + repo + ":" + tag;
        Optional<Row> row = cql.one(what, readForMirror.bind(repo.value(), tag.value()).setIdempotent(true));
        if (row.isEmpty() || row.get().isNull(2)) {
            return;
        }
        long writeTime = row.get().getLong(2);
        if (row.get().getBoolean(1)) {
            cql.execute(what, listUpsert.bind(repo.value(), tag.value(), row.get().getString(0), writeTime).setIdempotent(true));
        } else {
            cql.execute(what, listDelete.bind(writeTime, repo.value(), tag.value()).setIdempotent(true));
        }
    }

    private void mirrorQuietly(RepositoryName repo, Tag tag, RuntimeException primary) {
        try {
            mirror(repo, tag);
        } catch (RuntimeException e) {
            primary.addSuppressed(e);
        }
    }

    /** Reads the tag at the normal consistency, or linearizably ({@code serial}) before a delete of an absent tag. */
    private Optional<Versioned<Digest>> read(RepositoryName repo, Tag tag, boolean serial) {
        return (serial ? serialRow(repo, tag) : cql.one("reading tag " + repo + ":" + tag,
                select.bind(repo.value(), tag.value()).setIdempotent(true)))
                .filter(r -> !r.isNull("version"))
                .map(r -> new Versioned<>(Digest.parse(r.getString("digest")), r.getLong("version")));
    }

    private Optional<Row> serialRow(RepositoryName repo, Tag tag) {
        return cql.one("reading tag " + repo + ":" + tag, select.bind(repo.value(), tag.value()).setIdempotent(true)
                .setConsistencyLevel(cql.settings().serialConsistency()));
    }

    private static VersionConflictException conflict(RepositoryName repo, Tag tag, long expected) {
        return new VersionConflictException("tag " + repo + ":" + tag, expected);
    }

    static void checkExpected(long expected) {
        if (expected < Versioned.ABSENT) {
            throw new IllegalArgumentException("negative expected version " + expected);
        }
    }
}
