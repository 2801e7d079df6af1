package io.flotilla.bench.servers;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.flotilla.bench.sys.Command;
import io.flotilla.bench.sys.Log;
import io.flotilla.bench.sys.Processes;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Removes what a bench cluster left in the shared services: its Cassandra keyspace (dropped with the driver),
 * its objects in the RADOS pool (listed and removed with the rados CLI) and its S3 bucket on RGW (removed
 * with its objects by radosgw-admin), the CLIs running as client.admin through the services' ceph.conf.
 * Other namespaces, buckets and keyspaces are never touched.
 */
final class ClusterCleanup {
    /** The driver logs every connection at INFO; only its warnings belong in the bench's progress. */
    private static final Logger DRIVER_LOG = Logger.getLogger("com.datastax.oss.driver");
    private static final Pattern BENCH_KEYSPACE = Pattern.compile("[a-z0-9_]*bench_[a-z0-9_]+");
    private static final Pattern BENCH_BUCKET = Pattern.compile("[a-z0-9-]*bench-[a-z0-9-]+");
    private static final int REMOVE_BATCH = 200;

    private ClusterCleanup() {
    }

    static void dropKeyspace(Map<String, String> services, String keyspace) {
        // A guard against a mistake here dropping someone else's data.
        if (!BENCH_KEYSPACE.matcher(keyspace).matches()) {
            throw new IllegalArgumentException("refusing to drop " + keyspace + ": not a bench keyspace");
        }
        DRIVER_LOG.setLevel(Level.WARNING);
        List<InetSocketAddress> points = new ArrayList<>();
        for (String p : services.getOrDefault("FLOTILLA_CASSANDRA_CONTACT_POINTS", "127.0.0.1:9042").split(",")) {
            int colon = p.lastIndexOf(':');
            points.add(new InetSocketAddress(p.substring(0, colon), Integer.parseInt(p.substring(colon + 1))));
        }
        try (CqlSession session = CqlSession.builder().addContactPoints(points)
                .withLocalDatacenter(services.getOrDefault("FLOTILLA_CASSANDRA_LOCAL_DC", "dc1")).build()) {
            session.execute(SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + keyspace)
                    .setTimeout(Duration.ofSeconds(60)));
        }
        Log.info("cluster: dropped keyspace " + keyspace);
    }

    static void emptyNamespace(Processes processes, Map<String, String> services, String namespace) {
        if (namespace == null || !namespace.startsWith("bench-")) {
            throw new IllegalArgumentException("refusing to empty namespace " + namespace + ": not a bench namespace");
        }
        List<String> rados = List.of("rados", "-c", services.get("FLOTILLA_CEPH_CONF"), "-p",
                services.getOrDefault("FLOTILLA_RADOS_POOL", "flotilla"), "-N", namespace);
        List<String> ls = new ArrayList<>(rados);
        ls.add("ls");
        List<String> objects = processes.run(Command.of(ls), Duration.ofMinutes(2)).check().stdout().lines()
                .filter(l -> !l.isBlank()).toList();
        for (int i = 0; i < objects.size(); i += REMOVE_BATCH) {
            List<String> rm = new ArrayList<>(rados);
            rm.add("rm");
            rm.addAll(objects.subList(i, Math.min(objects.size(), i + REMOVE_BATCH)));
            processes.run(Command.of(rm), Duration.ofMinutes(5)).check();
        }
        Log.info("cluster: removed " + objects.size() + " objects from RADOS namespace " + namespace);
    }

    static void removeBucket(Processes processes, Map<String, String> services, String bucket) {
        if (bucket == null || !BENCH_BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("refusing to remove bucket " + bucket + ": not a bench bucket");
        }
        // --bypass-gc frees the objects now rather than through RGW's own GC hours later.
        processes.run(Command.of("radosgw-admin", "-c", services.get("FLOTILLA_CEPH_CONF"), "bucket", "rm",
                "--bucket=" + bucket, "--purge-objects", "--bypass-gc"), Duration.ofMinutes(10)).check();
        Log.info("cluster: removed bucket " + bucket + " and its objects");
    }
}
