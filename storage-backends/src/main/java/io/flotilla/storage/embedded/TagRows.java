package io.flotilla.storage.embedded;

import io.flotilla.model.Digest;
import io.flotilla.model.RepositoryName;
import io.flotilla.model.Tag;
import io.flotilla.storage.spi.TagEntry;
import io.flotilla.storage.spi.Versioned;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The {@code tags} table: one versioned register per (repo, tag), listed in tag order by its primary key. */
final class TagRows {
    private static final VersionedRows CAS = new VersionedRows("tag", "tags", List.of("repo", "tag"), List.of("digest"));

    private TagRows() {
    }

    static Optional<Versioned<Digest>> get(Connection c, RepositoryName repo, Tag tag) throws SQLException {
        return Sql.one(c, "SELECT digest, version FROM tags WHERE repo = ? AND tag = ?",
                rs -> new Versioned<>(Digest.parse(rs.getString(1)), rs.getLong(2)), repo.value(), tag.value());
    }

    static long put(Connection c, RepositoryName repo, Tag tag, Digest digest, long expected) throws SQLException {
        return CAS.put(c, List.of(repo.value(), tag.value()), List.of(digest.toString()), expected);
    }

    static Void delete(Connection c, RepositoryName repo, Tag tag, long expected) throws SQLException {
        CAS.delete(c, List.of(repo.value(), tag.value()), expected);
        return null;
    }

    static List<TagEntry> list(Connection c, RepositoryName repo, Tag after, int limit) throws SQLException {
        return Sql.list(c, "SELECT tag, digest FROM tags WHERE repo = ? AND tag > ? ORDER BY tag LIMIT ?",
                rs -> new TagEntry(Tag.parse(rs.getString(1)), Digest.parse(rs.getString(2))),
                repo.value(), after == null ? "" : after.value(), Sql.limit(limit));
    }
}
