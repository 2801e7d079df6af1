package io.flotilla.storage.cassandra;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.flotilla.model.Digest;
import io.flotilla.model.RepositoryName;

import java.time.Instant;
import java.util.List;

/**
 * {@code repositories} (one partition per name, for point lookups), {@code catalog} (every name in one
 * partition, clustered by name, for the paginated catalog) and {@code repo_blobs}. A repository's two rows
 * are written in one logged batch, so both exist once either does.
 */
final class CatalogRows {
    /** The catalog's only partition; a later schema may spread large catalogs over several. */
    private static final int CATALOG_BUCKET = 0;

    private final Cql cql;
    private final PreparedStatement exists;
    private final PreparedStatement insert;
    private final PreparedStatement insertCatalog;
    private final PreparedStatement list;
    private final PreparedStatement link;
    private final PreparedStatement isLinked;
    private final PreparedStatement unlink;

    CatalogRows(Cql cql) {
        this.cql = cql;
        exists = cql.prepare("SELECT name FROM " + cql.table("repositories") + " WHERE name = ?");
        insert = cql.prepare("INSERT INTO " + cql.table("repositories") + " (name, created) VALUES (?, ?)");
        insertCatalog = cql.prepare("INSERT INTO " + cql.table("catalog") + " (bucket, name) VALUES (?, ?)");
        list = cql.prepare("SELECT name FROM " + cql.table("catalog") + " WHERE bucket = ? AND name > ? LIMIT ?");
        link = cql.prepare("INSERT INTO " + cql.table("repo_blobs") + " (repo, digest) VALUES (?, ?)");
        isLinked = cql.prepare("SELECT digest FROM " + cql.table("repo_blobs") + " WHERE repo = ? AND digest = ?");
        unlink = cql.prepare("DELETE FROM " + cql.table("repo_blobs") + " WHERE repo = ? AND digest = ?");
    }

    void ensure(RepositoryName repo, Instant now) {
        if (exists(repo)) {
            return; // the common case writes nothing, and keeps the first creation time
        }
        cql.execute("creating repository " + repo, BatchStatement.newInstance(DefaultBatchType.LOGGED,
                        insertCatalog.bind(CATALOG_BUCKET, repo.value()),
                        insert.bind(repo.value(), Columns.time(now)))
                .setIdempotent(true));
    }

    boolean exists(RepositoryName repo) {
        return cql.one("reading repository " + repo, exists.bind(repo.value()).setIdempotent(true)).isPresent();
    }

    List<RepositoryName> list(RepositoryName after, int limit) {
        if (Columns.limit(limit) == 0) {
            return List.of();
        }
        return cql.all("listing repositories", list.bind(CATALOG_BUCKET, after == null ? "" : after.value(), limit)
                        .setIdempotent(true))
                .stream().map(r -> RepositoryName.parse(r.getString(0))).toList();
    }

    void link(RepositoryName repo, Digest digest) {
        cql.execute("linking " + digest + " to " + repo, link.bind(repo.value(), digest.toString()).setIdempotent(true));
    }

    boolean isLinked(RepositoryName repo, Digest digest) {
        return cql.one("reading the link of " + digest + " to " + repo,
                isLinked.bind(repo.value(), digest.toString()).setIdempotent(true)).isPresent();
    }

    void unlink(RepositoryName repo, Digest digest) {
        cql.execute("unlinking " + digest + " from " + repo, unlink.bind(repo.value(), digest.toString()).setIdempotent(true));
    }
}
