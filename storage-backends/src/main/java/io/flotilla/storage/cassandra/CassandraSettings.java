package io.flotilla.storage.cassandra;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How to reach Cassandra and how to use it.
 *
 * @param contactPoints     nodes to connect to first; the driver discovers the rest
 * @param localDc           the DC this node runs in, as the snitch names it: requests go there, and blob rows
 *                          are this DC's
 * @param keyspace          the keyspace holding every table; created if missing
 * @param replication       replicas per DC for a new keyspace (NetworkTopologyStrategy); an existing keyspace
 *                          keeps its replication, which operators change with ALTER KEYSPACE
 * @param consistency       of reads and writes; LOCAL_QUORUM by default
 * @param serialConsistency of compare-and-set (LWT); LOCAL_SERIAL by default: linearizable within a DC, last
 *                          writer wins across DCs. SERIAL makes it linearizable across DCs at WAN latency
 * @param requestTimeout    of one request, after which it fails with {@code StorageUnavailableException}
 * @param connectTimeout    of connecting to a node and of the connection's first queries
 * @param ddlTimeout        of schema changes and of waiting for schema agreement
 * @param bucketRetention   how long a work item or an upload's index entry outlives its time bucket before
 *                          Cassandra expires it (TTL); work not done by then is dropped
 */
public record CassandraSettings(List<InetSocketAddress> contactPoints, String localDc, String keyspace,
                                Map<String, Integer> replication, DefaultConsistencyLevel consistency,
                                DefaultConsistencyLevel serialConsistency, Duration requestTimeout,
                                Duration connectTimeout, Duration ddlTimeout, Duration bucketRetention) {

    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_DDL_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_BUCKET_RETENTION = Duration.ofDays(30);

    /** Environment keys, as {@code deploy/local/services.sh env cassandra} prints them. */
    public static final String ENV_CONTACT_POINTS = "FLOTILLA_CASSANDRA_CONTACT_POINTS";
    public static final String ENV_LOCAL_DC = "FLOTILLA_CASSANDRA_LOCAL_DC";
    public static final String ENV_DCS = "FLOTILLA_CASSANDRA_DCS";
    public static final String ENV_KEYSPACE_PREFIX = "FLOTILLA_CASSANDRA_KEYSPACE_PREFIX";

    private static final Pattern KEYSPACE = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,47}");
    private static final Pattern DC = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    public CassandraSettings {
        contactPoints = List.copyOf(contactPoints);
        replication = Map.copyOf(new LinkedHashMap<>(replication));
        if (contactPoints.isEmpty()) {
            throw new IllegalArgumentException("at least one Cassandra contact point is needed");
        }
        if (localDc == null || !DC.matcher(localDc).matches()) {
            throw new IllegalArgumentException("invalid local DC name: " + localDc);
        }
        if (keyspace == null || !KEYSPACE.matcher(keyspace).matches()) {
            throw new IllegalArgumentException("invalid keyspace name (letters, digits, _; at most 48): " + keyspace);
        }
        if (replication.isEmpty()) {
            throw new IllegalArgumentException("replication needs at least one DC");
        }
        replication.forEach((dc, factor) -> {
            if (!DC.matcher(dc).matches() || factor == null || factor < 1) {
                throw new IllegalArgumentException("invalid replication " + dc + ":" + factor);
            }
        });
        if (consistency.isSerial()) {
            throw new IllegalArgumentException("consistency must not be a serial level: " + consistency);
        }
        if (!serialConsistency.isSerial()) {
            throw new IllegalArgumentException("serial consistency must be SERIAL or LOCAL_SERIAL: " + serialConsistency);
        }
        for (Duration d : List.of(requestTimeout, connectTimeout, ddlTimeout, bucketRetention)) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("durations must be positive: " + d);
            }
        }
    }

    /** Settings with the defaults: LOCAL_QUORUM, LOCAL_SERIAL, 2 s requests, 5 s connects, 30 s DDL. */
    public static CassandraSettings of(List<InetSocketAddress> contactPoints, String localDc, String keyspace,
                                       Map<String, Integer> replication) {
        return new CassandraSettings(contactPoints, localDc, keyspace, replication,
                DefaultConsistencyLevel.LOCAL_QUORUM, DefaultConsistencyLevel.LOCAL_SERIAL,
                DEFAULT_REQUEST_TIMEOUT, DEFAULT_CONNECT_TIMEOUT, DEFAULT_DDL_TIMEOUT, DEFAULT_BUCKET_RETENTION);
    }

    /**
     * Settings from the {@code FLOTILLA_CASSANDRA_*} variables; the keyspace is the prefix, or
     * {@code <prefix>_<suffix>} when a suffix is given. Missing keys are named in the exception.
     */
    public static CassandraSettings fromEnvironment(Map<String, String> env, String keyspaceSuffix) {
        String prefix = required(env, ENV_KEYSPACE_PREFIX);
        String keyspace = keyspaceSuffix == null || keyspaceSuffix.isEmpty() ? prefix : prefix + "_" + keyspaceSuffix;
        return of(contactPoints(required(env, ENV_CONTACT_POINTS)), required(env, ENV_LOCAL_DC), keyspace,
                replication(required(env, ENV_DCS)));
    }

    public CassandraSettings withKeyspace(String name) {
        return new CassandraSettings(contactPoints, localDc, name, replication, consistency, serialConsistency,
                requestTimeout, connectTimeout, ddlTimeout, bucketRetention);
    }

    public CassandraSettings withConsistency(DefaultConsistencyLevel level, DefaultConsistencyLevel serial) {
        return new CassandraSettings(contactPoints, localDc, keyspace, replication, level, serial,
                requestTimeout, connectTimeout, ddlTimeout, bucketRetention);
    }

    public CassandraSettings withTimeouts(Duration request, Duration connect, Duration ddl) {
        return new CassandraSettings(contactPoints, localDc, keyspace, replication, consistency, serialConsistency,
                request, connect, ddl, bucketRetention);
    }

    /** Parses {@code host:port,host:port}; a missing port means 9042. */
    public static List<InetSocketAddress> contactPoints(String text) {
        List<InetSocketAddress> points = new ArrayList<>();
        for (String item : text.split(",")) {
            String s = item.trim();
            if (s.isEmpty()) {
                continue;
            }
            int colon = s.lastIndexOf(':');
            try {
                points.add(colon < 0 ? new InetSocketAddress(s, 9042)
                        : new InetSocketAddress(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid Cassandra contact point '" + s + "'", e);
            }
        }
        return points;
    }

    /** Parses {@code dc1:3,dc2:3}. */
    public static Map<String, Integer> replication(String text) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String item : text.split(",")) {
            String s = item.trim();
            int colon = s.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("invalid replication '" + s + "'; expected dc:replicas");
            }
            try {
                out.put(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid replication '" + s + "'; expected dc:replicas", e);
            }
        }
        return out;
    }

    private static String required(Map<String, String> env, String key) {
        String value = env.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is not set");
        }
        return value.trim();
    }
}
