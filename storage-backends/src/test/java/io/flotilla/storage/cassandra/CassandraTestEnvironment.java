package io.flotilla.storage.cassandra;

import io.flotilla.storage.services.ServicesScript;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.flotilla.storage.spi.StorageUnavailableException;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The Cassandra the tests run against: from the {@code FLOTILLA_CASSANDRA_*} environment variables, or
 * else from {@code deploy/local/services.sh env cassandra}. A Cassandra that does not answer fails the
 * tests (it never skips them), naming the command that starts one.
 */
final class CassandraTestEnvironment {
    static final String START_HINT = "start it with: deploy/local/services.sh up cassandra";

    private CassandraTestEnvironment() {
    }

    /** Settings for a keyspace of this test run, {@code <prefix>_<label>_<random>}, not created yet. */
    static CassandraSettings settings(String label) {
        String suffix = label + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        return CassandraSettings.fromEnvironment(variables(), suffix);
    }

    /** Opens a store, turning "not reachable" into a test failure that says how to start Cassandra. */
    static CassandraMetadataStore open(CassandraSettings settings) {
        try {
            return CassandraMetadataStore.open(settings);
        } catch (StorageUnavailableException e) {
            throw new AssertionError("Cassandra is not reachable at " + settings.contactPoints() + " ("
                    + e.getMessage() + "); " + START_HINT, e);
        }
    }

    /** A plain driver session for test housekeeping (truncate, drop, peek at tables). */
    static CqlSession adminSession(CassandraSettings settings) {
        return CqlSession.builder().addContactPoints(settings.contactPoints())
                .withLocalDatacenter(settings.localDc()).build();
    }

    static void dropKeyspace(CqlSession admin, String keyspace) {
        admin.execute(SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + keyspace).setTimeout(Duration.ofSeconds(60)));
    }

    /** Every FLOTILLA_CASSANDRA_* key, from the environment first, else from the services script. */
    static Map<String, String> variables() {
        Map<String, String> env = new HashMap<>(System.getenv());
        Set<String> keys = new HashSet<>(Set.of(CassandraSettings.ENV_CONTACT_POINTS, CassandraSettings.ENV_LOCAL_DC,
                CassandraSettings.ENV_DCS, CassandraSettings.ENV_KEYSPACE_PREFIX));
        keys.removeIf(env::containsKey);
        if (!keys.isEmpty()) {
            env.putAll(fromServicesScript());
        }
        return env;
    }

    private static Map<String, String> fromServicesScript() {
        return ServicesScript.env("cassandra", START_HINT);
    }
}
