package io.flotilla.cluster.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.config.MergePolicyConfig;
import com.hazelcast.config.NearCacheConfig;
import com.hazelcast.spi.merge.PutIfAbsentMergePolicy;
import io.flotilla.cluster.ClusterSettings;

import java.time.Duration;

/**
 * The shared maps, their names and how each is kept. Values travel by Java serialization for now (the
 * records are {@code Serializable}); Compact serialization is a later optimisation.
 */
final class MapConfigs {

    static final String UPLOADS = "flotilla.uploads";
    static final String LOCKS = "flotilla.locks";
    static final String MANIFESTS = "flotilla.manifests";
    static final String BLOB_LINKS = "flotilla.blob-links";
    static final String BLOB_READS = "flotilla.blob-reads";
    static final Duration BLOB_READS_TTL = Duration.ofDays(7);

    /** Near-cached manifests per node; they are held as objects, so this bounds heap, not a hit rate. */
    private static final int MANIFEST_NEAR_CACHE_ENTRIES = 2_000;
    private static final int LINK_NEAR_CACHE_ENTRIES = 10_000;
    private static final int MERGE_BATCH = 100;
    /** Read times of distinct blobs a member keeps; past it the oldest go, which only hastens collection. */
    private static final int BLOB_READS_PER_MEMBER = 500_000;

    private MapConfigs() {
    }

    static void addTo(Config config, ClusterSettings settings) {
        config.addMapConfig(uploads(settings));
        config.addMapConfig(locks(settings));
        config.addMapConfig(manifests(settings));
        config.addMapConfig(blobLinks(settings));
        config.addMapConfig(blobReads(settings));
    }

    private static MapConfig uploads(ClusterSettings settings) {
        // Max idle, not TTL: a session is alive while anyone touches it, whatever its age.
        return new MapConfig(UPLOADS)
                .setBackupCount(settings.backupCount())
                .setMaxIdleSeconds(MemberConfig.ceilSeconds(settings.uploadSessionTtl()))
                // After a split heals, keep the side that saw more of the upload.
                .setMergePolicyConfig(new MergePolicyConfig(HigherVersionMergePolicy.class.getName(), MERGE_BATCH))
                .setSplitBrainProtectionName(splitBrainProtection(settings));
    }

    private static MapConfig locks(ClusterSettings settings) {
        // Holds no entries, only lock state, which follows the map's backups to survive a member's loss.
        return new MapConfig(LOCKS).setBackupCount(settings.backupCount())
                .setSplitBrainProtectionName(splitBrainProtection(settings));
    }

    /** The rule a protected map follows, or null (no protection) when it is off. */
    private static String splitBrainProtection(ClusterSettings settings) {
        return settings.minMembers() > 0 ? MemberConfig.MIN_MEMBERS_RULE : null;
    }

    // The caches keep no backups: a lost entry is a miss that the metadata store answers, which is
    // cheaper than copying every entry twice.

    private static MapConfig manifests(ClusterSettings settings) {
        // Immutable by digest, so no expiry: only heap pressure (LRU) and deletes remove them.
        NearCacheConfig near = new NearCacheConfig(MANIFESTS)
                // Objects, not bytes: a hit must not deserialize up to 4 MiB again. Callers must not mutate.
                .setInMemoryFormat(InMemoryFormat.OBJECT)
                .setInvalidateOnChange(true)
                .setCacheLocalEntries(true)
                .setEvictionConfig(new EvictionConfig()
                        .setMaxSizePolicy(MaxSizePolicy.ENTRY_COUNT)
                        .setSize(MANIFEST_NEAR_CACHE_ENTRIES)
                        .setEvictionPolicy(EvictionPolicy.LRU));
        return new MapConfig(MANIFESTS)
                .setBackupCount(0)
                .setEvictionConfig(new EvictionConfig()
                        .setMaxSizePolicy(MaxSizePolicy.USED_HEAP_SIZE)
                        .setSize(settings.manifestCacheMegabytes())
                        .setEvictionPolicy(EvictionPolicy.LRU))
                .setNearCacheConfig(near)
                .setMergePolicyConfig(new MergePolicyConfig(PutIfAbsentMergePolicy.class.getName(), MERGE_BATCH));
    }

    private static MapConfig blobLinks(ClusterSettings settings) {
        int ttl = MemberConfig.ceilSeconds(settings.linkCacheTtl());
        // Near-cache invalidation is fire-and-forget; the TTL bounds how long a lost one can mislead.
        NearCacheConfig near = new NearCacheConfig(BLOB_LINKS)
                .setInMemoryFormat(InMemoryFormat.OBJECT)
                .setInvalidateOnChange(true)
                .setCacheLocalEntries(true)
                .setTimeToLiveSeconds(ttl)
                .setEvictionConfig(new EvictionConfig()
                        .setMaxSizePolicy(MaxSizePolicy.ENTRY_COUNT)
                        .setSize(LINK_NEAR_CACHE_ENTRIES)
                        .setEvictionPolicy(EvictionPolicy.LRU));
        // Entries are put with the exact TTL; the map default is only a whole-second backstop.
        return new MapConfig(BLOB_LINKS)
                .setBackupCount(0)
                .setTimeToLiveSeconds(ttl)
                .setNearCacheConfig(near)
                .setMergePolicyConfig(new MergePolicyConfig(PutIfAbsentMergePolicy.class.getName(), MERGE_BATCH));
    }

    private static MapConfig blobReads(ClusterSettings settings) {
        // A backup, unlike the caches: a lost entry is not a miss the store answers, it is a forgotten read.
        return new MapConfig(BLOB_READS)
                .setBackupCount(Math.min(1, settings.backupCount()))
                .setTimeToLiveSeconds(MemberConfig.ceilSeconds(BLOB_READS_TTL))
                .setEvictionConfig(new EvictionConfig()
                        .setMaxSizePolicy(MaxSizePolicy.PER_NODE)
                        .setSize(BLOB_READS_PER_MEMBER)
                        .setEvictionPolicy(EvictionPolicy.LRU))
                .setMergePolicyConfig(new MergePolicyConfig(PutIfAbsentMergePolicy.class.getName(), MERGE_BATCH));
    }
}
