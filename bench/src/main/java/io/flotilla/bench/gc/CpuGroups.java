package io.flotilla.bench.gc;

import io.flotilla.bench.servers.BenchCluster;
import io.flotilla.bench.sys.CpuMeter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The processes whose CPU a GC run reports: the registry nodes, Cassandra, each Ceph daemon and the bench's
 * own client. The services are found by their command lines, so they are counted whoever started them; they
 * are shared, so their CPU includes any other work they did at the time.
 */
final class CpuGroups {
    static final String NODES = "registry nodes";
    static final String CASSANDRA = "cassandra";
    static final String RGW = "radosgw";
    static final String OSD = "ceph-osd";
    static final String MON = "ceph-mon + mgr";
    static final String BENCH = "bench client";

    private CpuGroups() {
    }

    static List<CpuMeter.Group> of(List<BenchCluster.Node> nodes, GcOptions options) {
        List<CpuMeter.Group> groups = new ArrayList<>();
        groups.add(new CpuMeter.Group(NODES, withDescendants(nodes.stream().map(BenchCluster.Node::pid).toList())));
        if (options.metadata().equals("cassandra")) {
            groups.add(new CpuMeter.Group(CASSANDRA,
                    CpuMeter.pidsWhere(cmd -> cmd.contains("org.apache.cassandra.service.CassandraDaemon"))));
        }
        if (options.blobBackend().equals("s3")) {
            groups.add(new CpuMeter.Group(RGW, programs(Set.of("radosgw"))));
        }
        if (options.blobBackend().equals("s3") || options.blobBackend().equals("rados")) {
            groups.add(new CpuMeter.Group(OSD, programs(Set.of("ceph-osd"))));
            groups.add(new CpuMeter.Group(MON, programs(Set.of("ceph-mon", "ceph-mgr"))));
        }
        groups.add(new CpuMeter.Group(BENCH, List.of(ProcessHandle.current().pid())));
        return groups;
    }

    /** The pids and their children: a node's pid is its JVM's, unless a wrapper script sat in between. */
    private static List<Long> withDescendants(List<Long> pids) {
        List<Long> all = new ArrayList<>();
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(h -> {
                all.add(h.pid());
                h.descendants().forEach(d -> all.add(d.pid()));
            });
        }
        return all;
    }

    private static List<Long> programs(Set<String> names) {
        return CpuMeter.pidsWhere(cmd -> names.contains(CpuMeter.program(cmd)));
    }
}
