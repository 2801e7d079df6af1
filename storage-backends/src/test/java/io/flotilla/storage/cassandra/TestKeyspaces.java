package io.flotilla.storage.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;

/**
 * Drops keyspaces that tests in other modules made through a node (each test node has its own), so a long suite
 * does not leave Cassandra holding hundreds of tables' memtables: a 768 MiB heap filled up with them and died.
 */
public final class TestKeyspaces {

    private TestKeyspaces() {
    }

    /** Drops {@code keyspace} on the Cassandra the tests use; a missing one is fine. */
    public static void drop(String keyspace) {
        CassandraSettings settings = CassandraTestEnvironment.settings("housekeeping");
        try (CqlSession admin = CassandraTestEnvironment.adminSession(settings)) {
            CassandraTestEnvironment.dropKeyspace(admin, keyspace);
        }
    }
}
