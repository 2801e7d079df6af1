package io.flotilla.cluster.hazelcast;

import com.hazelcast.cluster.Address;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.util.ConcurrencyUtil;
import com.hazelcast.map.IMap;
import io.flotilla.cluster.Caches;
import io.flotilla.cluster.ClusterSettings;
import io.flotilla.cluster.ClusterStats;
import io.flotilla.cluster.Locks;
import io.flotilla.cluster.Membership;
import io.flotilla.cluster.Ownership;
import io.flotilla.cluster.UploadSessions;
import io.flotilla.storage.spi.ManifestRecord;
import io.flotilla.storage.spi.UploadRecord;
import io.flotilla.storage.spi.Versioned;

import java.util.concurrent.Executor;

/**
 * This node's membership of the grid, and the cluster interfaces backed by it. {@link #close()} leaves
 * gracefully, handing this member's partitions to the others; the node calls it after draining.
 */
public final class HazelcastCluster implements AutoCloseable {

    private static final Executor VIRTUAL_THREAD_PER_TASK = Thread::startVirtualThread;

    private final HazelcastInstance instance;
    private final UploadSessions uploadSessions;
    private final Locks locks;
    private final Caches caches;
    private final HazelcastMembership membership;
    private final HazelcastOwnership ownership;
    private final ClusterStats stats;

    private HazelcastCluster(HazelcastInstance instance, ClusterSettings settings) {
        this.instance = instance;
        // Maps are created here, not on first use, so a bad map config fails the start.
        IMap<String, Versioned<UploadRecord>> uploads = instance.getMap(MapConfigs.UPLOADS);
        IMap<String, Object> lockMap = instance.getMap(MapConfigs.LOCKS);
        IMap<String, ManifestRecord> manifests = instance.getMap(MapConfigs.MANIFESTS);
        IMap<String, Boolean> links = instance.getMap(MapConfigs.BLOB_LINKS);
        IMap<String, Long> reads = instance.getMap(MapConfigs.BLOB_READS);
        GridCalls calls = new GridCalls(settings.gridCallTimeout());
        this.uploadSessions = new HazelcastUploadSessions(uploads, calls);
        this.locks = new HazelcastLocks(lockMap, settings.lockLease(), calls);
        this.caches = new HazelcastCaches(new MapCache<>(manifests, null, calls),
                new MapCache<>(links, settings.linkCacheTtl(), calls),
                new MapCache<>(reads, MapConfigs.BLOB_READS_TTL, calls));
        this.membership = new HazelcastMembership(instance, settings);
        this.ownership = new HazelcastOwnership(instance, membership);
        this.stats = new HazelcastClusterStats(instance, membership, ownership, uploads, calls);
    }

    /** Starts a member and returns once it has joined the members it could reach (or stands alone). */
    public static HazelcastCluster start(ClusterSettings settings) {
        // Every getAsync completes its future through this executor. Hazelcast's default is the common pool,
        // but on a machine with 2 CPUs (a common-pool parallelism of 1) it starts a new platform thread per
        // call: a near-cache hit then cost a thread creation, a quarter of a manifest GET's CPU.
        ConcurrencyUtil.setDefaultAsyncExecutor(VIRTUAL_THREAD_PER_TASK);
        HazelcastInstance instance = Hazelcast.newHazelcastInstance(MemberConfig.of(settings));
        try {
            return new HazelcastCluster(instance, settings);
        } catch (RuntimeException e) {
            instance.getLifecycleService().terminate();
            throw e;
        }
    }

    public UploadSessions uploadSessions() {
        return uploadSessions;
    }

    public Locks locks() {
        return locks;
    }

    public Caches caches() {
        return caches;
    }

    public Membership membership() {
        return membership;
    }

    public Ownership ownership() {
        return ownership;
    }

    public ClusterStats stats() {
        return stats;
    }

    /** This member's id, unique across restarts. */
    public String memberId() {
        return instance.getCluster().getLocalMember().getUuid().toString();
    }

    /** {@code host:port} other members can join through (the real port when 0 was asked for). */
    public String address() {
        Address a = instance.getCluster().getLocalMember().getAddress();
        return a.getHost() + ":" + a.getPort();
    }

    public int memberCount() {
        return instance.getCluster().getMembers().size();
    }

    public boolean isRunning() {
        return instance.getLifecycleService().isRunning();
    }

    /**
     * True when no migration is running and every partition has its backups, so losing one member now
     * loses no session. Right after a member joins or leaves this is false for a while.
     */
    public boolean isClusterSafe() {
        return instance.getPartitionService().isClusterSafe();
    }

    /** Leaves the cluster gracefully; waits at most the configured shutdown time. Idempotent. */
    @Override
    public void close() {
        instance.shutdown();
    }

    /** Stops dead without handing anything over, as a crash would: for tests of failover. */
    void crash() {
        instance.getLifecycleService().terminate();
    }
}
