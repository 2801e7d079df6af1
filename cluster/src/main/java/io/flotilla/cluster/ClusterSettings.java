package io.flotilla.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How this node joins and tunes its cluster. Plain values only, so that {@code node} can build it from
 * its configuration without knowing which grid sits behind the interfaces.
 *
 * @param clusterName         nodes with different names never join each other (one name per DC, and per test)
 * @param bindHost            the address to listen on and to advertise; {@code 0.0.0.0} listens everywhere.
 *                            The grid has no authentication, so the default is loopback.
 * @param port                the member port; 0 picks a free one. There is no auto-increment: a node binds
 *                            where it is told or fails to start.
 * @param members             {@code host:port} of members to join; empty means start alone
 * @param backupCount         synchronous backups of every shared entry (1 survives the loss of one member)
 * @param uploadSessionTtl    an upload session untouched this long leaves the grid (the durable row remains)
 * @param linkCacheTtl        how long a cached repository-to-blob link may live, invalidation or not
 * @param lockLease           a lock whose holder died is released after this long
 * @param heartbeatInterval   how often members heartbeat each other
 * @param maxNoHeartbeat      a member silent this long is declared dead and its partitions move
 * @param mergeFirstRunDelay  after start, how soon to look for a split cluster to merge with
 * @param mergeInterval       how often to look again
 * @param shutdownMaxWait     how long a graceful leave may wait for its partitions to be handed over
 * @param manifestCacheMegabytes heap per node that the shared manifest cache may use
 * @param kubernetesServiceDns  a headless service's DNS name; when not empty, members are found by resolving
 *                              it (each address at {@code port}) instead of through {@code members}. Empty: off
 * @param httpUrl             this node's direct HTTP URL, advertised to the other members; empty: none
 * @param minMembers          split-brain protection: with fewer members than this in view, this side is a
 *                            minority, the upload and lock maps refuse calls, and it owns no keys. 0: off
 * @param gridCallTimeout     the longest a request waits for one grid call before going on without the grid
 */
public record ClusterSettings(String clusterName, String bindHost, int port, List<String> members,
                              int backupCount, Duration uploadSessionTtl, Duration linkCacheTtl,
                              Duration lockLease, Duration heartbeatInterval, Duration maxNoHeartbeat,
                              Duration mergeFirstRunDelay, Duration mergeInterval, Duration shutdownMaxWait,
                              int manifestCacheMegabytes, String kubernetesServiceDns, String httpUrl,
                              int minMembers, Duration gridCallTimeout) {

    public static final int DEFAULT_PORT = 5701;
    public static final Duration DEFAULT_GRID_CALL_TIMEOUT = Duration.ofSeconds(2);

    public ClusterSettings {
        requireText(clusterName, "clusterName");
        requireText(bindHost, "bindHost");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        members = List.copyOf(members);
        for (String m : members) {
            requireText(m, "member address");
        }
        if (backupCount < 0 || backupCount > 6) {
            throw new IllegalArgumentException("backupCount must be 0..6: " + backupCount);
        }
        requirePositive(uploadSessionTtl, "uploadSessionTtl");
        requirePositive(linkCacheTtl, "linkCacheTtl");
        requirePositive(lockLease, "lockLease");
        requirePositive(heartbeatInterval, "heartbeatInterval");
        requirePositive(maxNoHeartbeat, "maxNoHeartbeat");
        requirePositive(mergeFirstRunDelay, "mergeFirstRunDelay");
        requirePositive(mergeInterval, "mergeInterval");
        requirePositive(shutdownMaxWait, "shutdownMaxWait");
        if (maxNoHeartbeat.compareTo(heartbeatInterval) <= 0) {
            throw new IllegalArgumentException("maxNoHeartbeat must exceed heartbeatInterval");
        }
        if (manifestCacheMegabytes <= 0) {
            throw new IllegalArgumentException("manifestCacheMegabytes must be positive");
        }
        httpUrl = httpUrl == null ? "" : httpUrl.strip();
        if (minMembers < 0) {
            throw new IllegalArgumentException("minMembers must be 0 (off) or more: " + minMembers);
        }
        requirePositive(gridCallTimeout, "gridCallTimeout");
        kubernetesServiceDns = kubernetesServiceDns == null ? "" : kubernetesServiceDns.strip();
        if (!kubernetesServiceDns.isEmpty()) {
            if (!members.isEmpty()) {
                throw new IllegalArgumentException("set either members or kubernetesServiceDns, not both");
            }
            if (port == 0) {
                // Every address the name resolves to is dialled at this port, so it must be a known one.
                throw new IllegalArgumentException("kubernetesServiceDns needs a fixed port, not 0");
            }
        }
    }

    /** The settings before Kubernetes discovery existed: members from {@code members} only. */
    public ClusterSettings(String clusterName, String bindHost, int port, List<String> members,
                           int backupCount, Duration uploadSessionTtl, Duration linkCacheTtl,
                           Duration lockLease, Duration heartbeatInterval, Duration maxNoHeartbeat,
                           Duration mergeFirstRunDelay, Duration mergeInterval, Duration shutdownMaxWait,
                           int manifestCacheMegabytes) {
        this(clusterName, bindHost, port, members, backupCount, uploadSessionTtl, linkCacheTtl, lockLease,
                heartbeatInterval, maxNoHeartbeat, mergeFirstRunDelay, mergeInterval, shutdownMaxWait,
                manifestCacheMegabytes, "", "", 0, DEFAULT_GRID_CALL_TIMEOUT);
    }

    /** Whether members are found through a headless service's DNS name rather than a list. */
    public boolean kubernetesDiscovery() {
        return !kubernetesServiceDns.isEmpty();
    }

    /**
     * Defaults tuned for fast failover: a dead member is noticed within about 5 s (the grid's own
     * default is 60 s) and split clusters look for each other within seconds, not minutes.
     */
    public static ClusterSettings defaults(String clusterName) {
        return new ClusterSettings(clusterName, "127.0.0.1", DEFAULT_PORT, List.of(), 1,
                Duration.ofHours(24), Duration.ofSeconds(1), Duration.ofSeconds(60),
                Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(30), 256);
    }

    public ClusterSettings withBindHost(String host) {
        return new ClusterSettings(clusterName, host, port, members, backupCount, uploadSessionTtl,
                linkCacheTtl, lockLease, heartbeatInterval, maxNoHeartbeat, mergeFirstRunDelay, mergeInterval,
                shutdownMaxWait, manifestCacheMegabytes, kubernetesServiceDns, httpUrl, minMembers, gridCallTimeout);
    }

    public ClusterSettings withPort(int newPort) {
        return new ClusterSettings(clusterName, bindHost, newPort, members, backupCount, uploadSessionTtl,
                linkCacheTtl, lockLease, heartbeatInterval, maxNoHeartbeat, mergeFirstRunDelay, mergeInterval,
                shutdownMaxWait, manifestCacheMegabytes, kubernetesServiceDns, httpUrl, minMembers, gridCallTimeout);
    }

    public ClusterSettings withMembers(List<String> newMembers) {
        return new ClusterSettings(clusterName, bindHost, port, newMembers, backupCount, uploadSessionTtl,
                linkCacheTtl, lockLease, heartbeatInterval, maxNoHeartbeat, mergeFirstRunDelay, mergeInterval,
                shutdownMaxWait, manifestCacheMegabytes, kubernetesServiceDns, httpUrl, minMembers, gridCallTimeout);
    }

    public ClusterSettings withLinkCacheTtl(Duration ttl) {
        return new ClusterSettings(clusterName, bindHost, port, members, backupCount, uploadSessionTtl,
                ttl, lockLease, heartbeatInterval, maxNoHeartbeat, mergeFirstRunDelay, mergeInterval,
                shutdownMaxWait, manifestCacheMegabytes, kubernetesServiceDns, httpUrl, minMembers, gridCallTimeout);
    }

    public ClusterSettings withLockLease(Duration lease) {
        return new ClusterSettings(clusterName, bindHost, port, members, backupCount, uploadSessionTtl,
                linkCacheTtl, lease, heartbeatInterval, maxNoHeartbeat, mergeFirstRunDelay, mergeInterval,
                shutdownMaxWait, manifestCacheMegabytes, kubernetesServiceDns, httpUrl, minMembers, gridCallTimeout);
    }

    public ClusterSettings withFailureDetection(Duration interval, Duration maxSilence) {
        return new ClusterSettings(clusterName, bindHost, port, members, backupCount, uploadSessionTtl,
                linkCacheTtl, lockLease, interval, maxSilence, mergeFirstRunDelay, mergeInterval,
                shutdownMaxWait, manifestCacheMegabytes, kubernetesServiceDns, httpUrl, minMembers, gridCallTimeout);
    }

    public ClusterSettings withHttpUrl(String url) {
        return new ClusterSettings(clusterName, bindHost, port, members, backupCount, uploadSessionTtl,
                linkCacheTtl, lockLease, heartbeatInterval, maxNoHeartbeat, mergeFirstRunDelay, mergeInterval,
                shutdownMaxWait, manifestCacheMegabytes, kubernetesServiceDns, url, minMembers, gridCallTimeout);
    }

    /** @param min the fewest members a side of a split needs to keep its quorum; 0 turns protection off */
    public ClusterSettings withMinMembers(int min) {
        return new ClusterSettings(clusterName, bindHost, port, members, backupCount, uploadSessionTtl,
                linkCacheTtl, lockLease, heartbeatInterval, maxNoHeartbeat, mergeFirstRunDelay, mergeInterval,
                shutdownMaxWait, manifestCacheMegabytes, kubernetesServiceDns, httpUrl, min, gridCallTimeout);
    }

    public ClusterSettings withGridCallTimeout(Duration timeout) {
        return new ClusterSettings(clusterName, bindHost, port, members, backupCount, uploadSessionTtl,
                linkCacheTtl, lockLease, heartbeatInterval, maxNoHeartbeat, mergeFirstRunDelay, mergeInterval,
                shutdownMaxWait, manifestCacheMegabytes, kubernetesServiceDns, httpUrl, minMembers, timeout);
    }

    public ClusterSettings withKubernetesServiceDns(String serviceDns) {
        return new ClusterSettings(clusterName, bindHost, port, members, backupCount, uploadSessionTtl,
                linkCacheTtl, lockLease, heartbeatInterval, maxNoHeartbeat, mergeFirstRunDelay, mergeInterval,
                shutdownMaxWait, manifestCacheMegabytes, serviceDns, httpUrl, minMembers, gridCallTimeout);
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }

    private static void requirePositive(Duration value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
    }
}
