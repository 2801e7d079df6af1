package io.flotilla.chaos.db.container;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cassandra and Ceph from {@code deploy/local/services.sh up --bind GATEWAY}, on the Docker bridge's host
 * address (docker0, 172.17.0.1): bindable on the host and routed to from every container network, while a
 * service on 127.0.0.1 is out of the containers' reach. They run in a state folder and on ports of their own
 * (not the defaults), so services another test started on 127.0.0.1 with the default ports are not disturbed.
 * They are left running for reuse, as cluster.sh leaves its services; {@code services.sh down} with the same
 * environment stops them.
 */
final class BridgeServices {

    static final String GATEWAY = "172.17.0.1";
    static final int CQL_PORT = 9042;
    static final int MON_PORT = 3301;
    static final int MON_V1_PORT = 6790;
    static final int RGW_PORT = 7481;
    /** Ceph daemons other than the monitor (the OSD) bind in this range (ms_bind_port_min/max in ceph.sh). */
    static final String OSD_PORTS = "6800:6899";

    private final Script script;

    BridgeServices(Script script) {
        this.script = script.withEnv(environment());
    }

    /** What services.sh reads: our own state folder and ports. */
    static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("FLOTILLA_SERVICES_DIR", "/var/lib/flotilla-chaos-services");
        env.put("FLOTILLA_CASSANDRA_CQL_PORT", Integer.toString(CQL_PORT));
        // JMX binds 127.0.0.1 whatever --bind says: keep clear of a Cassandra on the default 7199.
        env.put("FLOTILLA_CASSANDRA_JMX_PORT", "7299");
        env.put("FLOTILLA_CEPH_MON_PORT", Integer.toString(MON_PORT));
        env.put("FLOTILLA_CEPH_MON_V1_PORT", Integer.toString(MON_V1_PORT));
        env.put("FLOTILLA_RGW_PORT", Integer.toString(RGW_PORT));
        return env;
    }

    /** Starts (or finds running) Cassandra and Ceph; answers the FLOTILLA_* settings a node needs for them. */
    Map<String, String> up() {
        script.run(Duration.ofMinutes(10), "deploy/local/services.sh", "up", "--bind", GATEWAY, "cassandra", "ceph");
        return Script.keyValues(script.run(Duration.ofMinutes(1), "deploy/local/services.sh", "env", "cassandra", "ceph"));
    }

    /** The TCP ports of a service as "PORT" or "FIRST:LAST", all on {@link #GATEWAY}. */
    static List<String> ports(String service) {
        return switch (service) {
            case "cassandra" -> List.of(Integer.toString(CQL_PORT));
            // S3 blobs go through RGW; the monitor and OSD ports too, for a node on rados blobs.
            case "ceph" -> List.of(Integer.toString(RGW_PORT), Integer.toString(MON_PORT),
                    Integer.toString(MON_V1_PORT), OSD_PORTS);
            default -> throw new UnsupportedOperationException("no service " + service + " (cassandra, ceph)");
        };
    }
}
