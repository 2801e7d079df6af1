package io.flotilla.storage.cassandra;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.flotilla.model.RepositoryName;
import io.flotilla.storage.spi.TagEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Bulk fixtures for benchmarks, written with UNLOGGED batches on a session of their own into the keyspace of
 * a {@link CassandraMetadataStore}, instead of one LWT (and one listing mirror) per tag. The rows are those a
 * {@code putTag} at {@code ABSENT} leaves ({@link TagRows}): the {@code tags} row at version 1, live, with a
 * writer id in slot 1 of {@code recent}, and its {@code tag_list} entry, both written at one timestamp, so
 * later compare-and-sets and mirrors work on them as on any tag. Listing batches hold rows of the
 * repository's one partition; tag rows, one partition each, go {@value #TAGS_PER_BATCH} to a batch, which
 * keeps under Cassandra's warning thresholds for batch size and partitions per unlogged batch.
 */
public final class CassandraFixtures implements AutoCloseable {
    private static final int TAGS_PER_BATCH = 10;
    private static final int LISTING_PER_BATCH = 40;

    private final Cql cql;

    private CassandraFixtures(Cql cql) {
        this.cql = cql;
    }

    /** Connects to the cluster of {@code settings}; the keyspace must have been made by opening a store. */
    public static CassandraFixtures connect(CassandraSettings settings) {
        return new CassandraFixtures(Cql.connect(settings));
    }

    /** Creates every tag in {@code tags}, none of which may exist yet, in {@code repo}. */
    public void createTags(RepositoryName repo, List<TagEntry> tags) {
        PreparedStatement tagRow = cql.prepare("INSERT INTO " + cql.table("tags")
                + " (repo, tag, digest, version, live, writer, recent) VALUES (?, ?, ?, 1, true, ?, ?) USING TIMESTAMP ?");
        PreparedStatement listRow = cql.prepare("INSERT INTO " + cql.table("tag_list")
                + " (repo, tag, digest) VALUES (?, ?, ?) USING TIMESTAMP ?");
        long micros = System.currentTimeMillis() * 1000;
        List<BatchStatement> batches = new ArrayList<>();
        BatchStatementBuilder rows = BatchStatement.builder(DefaultBatchType.UNLOGGED);
        BatchStatementBuilder listing = BatchStatement.builder(DefaultBatchType.UNLOGGED);
        for (TagEntry t : tags) {
            UUID writer = UUID.randomUUID();
            rows.addStatement(tagRow.bind(repo.value(), t.tag().value(), t.digest().toString(), writer,
                    Map.of(Cas.slot(1), writer), micros));
            listing.addStatement(listRow.bind(repo.value(), t.tag().value(), t.digest().toString(), micros));
            if (rows.getStatementsCount() == TAGS_PER_BATCH) {
                batches.add(rows.setIdempotence(true).build());
                rows = BatchStatement.builder(DefaultBatchType.UNLOGGED);
            }
            if (listing.getStatementsCount() == LISTING_PER_BATCH) {
                batches.add(listing.setIdempotence(true).build());
                listing = BatchStatement.builder(DefaultBatchType.UNLOGGED);
            }
        }
        for (BatchStatementBuilder rest : List.of(rows, listing)) {
            if (rest.getStatementsCount() > 0) {
                batches.add(rest.setIdempotence(true).build());
            }
        }
        cql.executeAll("loading " + tags.size() + " tags into " + repo, batches);
    }

    /** Drops the keyspace, with everything in it. */
    public void dropKeyspace() {
        cql.ddl("DROP KEYSPACE IF EXISTS " + cql.settings().keyspace());
    }

    @Override
    public void close() {
        cql.close();
    }
}
