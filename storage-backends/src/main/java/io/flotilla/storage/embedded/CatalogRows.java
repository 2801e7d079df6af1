package io.flotilla.storage.embedded;

import io.flotilla.model.Digest;
import io.flotilla.model.RepositoryName;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** The {@code repositories} and {@code repo_blobs} tables: which repositories exist and which blobs each may use. */
final class CatalogRows {
    private CatalogRows() {
    }

    static Void ensureRepository(Connection c, RepositoryName repo, Instant now) throws SQLException {
        Sql.update(c, "INSERT INTO repositories (name, created) VALUES (?, ?) ON CONFLICT DO NOTHING",
                repo.value(), Columns.nanos(now));
        return null;
    }

    static boolean repositoryExists(Connection c, RepositoryName repo) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM repositories WHERE name = ?", repo.value());
    }

    static List<RepositoryName> listRepositories(Connection c, RepositoryName after, int limit) throws SQLException {
        return Sql.list(c, "SELECT name FROM repositories WHERE name > ? ORDER BY name LIMIT ?",
                rs -> RepositoryName.parse(rs.getString(1)), after == null ? "" : after.value(), Sql.limit(limit));
    }

    static Void link(Connection c, RepositoryName repo, Digest digest) throws SQLException {
        Sql.update(c, "INSERT INTO repo_blobs (repo, digest) VALUES (?, ?) ON CONFLICT DO NOTHING",
                repo.value(), digest.toString());
        return null;
    }

    static boolean isLinked(Connection c, RepositoryName repo, Digest digest) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM repo_blobs WHERE repo = ? AND digest = ?", repo.value(), digest.toString());
    }

    static Void unlink(Connection c, RepositoryName repo, Digest digest) throws SQLException {
        Sql.update(c, "DELETE FROM repo_blobs WHERE repo = ? AND digest = ?", repo.value(), digest.toString());
        return null;
    }
}
