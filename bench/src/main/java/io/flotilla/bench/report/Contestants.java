package io.flotilla.bench.report;

import java.util.Map;

/** The contestants' names, as rows key them and as tables show them. */
public final class Contestants {
    /** Flotilla, one node on embedded defaults (SQLite and local files). */
    public static final String FLOTILLA = "flotilla";
    /** The peer: Debian's docker-registry, CNCF Distribution 2.8.2, filesystem storage. */
    public static final String PEER = "docker-registry";
    /** Three Flotilla nodes behind HAProxy on Cassandra and Ceph RADOS. */
    public static final String CLUSTER = "cluster";
    /** Bare Helidon SE storing and serving one file: the ceiling of Flotilla's HTTP layer. */
    public static final String PLAIN_HELIDON = "plain-helidon";
    /** nginx with sendfile: the ceiling of serving a file on this box. */
    public static final String NGINX = "nginx";
    /** {@code openssl dgst -sha256}: how fast this CPU hashes. */
    public static final String OPENSSL = "openssl";
    /** {@code dd ... conv=fdatasync}: how fast this disk takes durable writes. */
    public static final String DD = "dd";

    private static final Map<String, String> DISPLAY = Map.of(
            FLOTILLA, "Flotilla", PEER, "docker-registry", CLUSTER, "cluster (3 nodes)",
            PLAIN_HELIDON, "plain Helidon", NGINX, "nginx", OPENSSL, "openssl", DD, "dd");

    private Contestants() {
    }

    public static String display(String contestant) {
        return DISPLAY.getOrDefault(contestant, contestant);
    }
}
