package io.flotilla.cluster.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.flotilla.cluster.ClusterStats;

/** The numbers behind the node's cluster metrics, each read from this member's local state. */
final class HazelcastClusterStats implements ClusterStats {

    private final HazelcastInstance instance;
    private final HazelcastMembership membership;
    private final HazelcastOwnership ownership;
    private final IMap<?, ?> uploads;
    private final GridCalls calls;

    HazelcastClusterStats(HazelcastInstance instance, HazelcastMembership membership, HazelcastOwnership ownership,
                          IMap<?, ?> uploads, GridCalls calls) {
        this.instance = instance;
        this.membership = membership;
        this.ownership = ownership;
        this.uploads = uploads;
        this.calls = calls;
    }

    @Override
    public int members() {
        return instance.getCluster().getMembers().size();
    }

    @Override
    public int partitionsOwned() {
        return ownership.ownedPartitions().size();
    }

    @Override
    public long migrationsCompleted() {
        return ownership.migrationCount();
    }

    @Override
    public long membersRemoved() {
        return membership.removedCount();
    }

    @Override
    public long uploadSessionsOwned() {
        return uploads.getLocalMapStats().getOwnedEntryCount();
    }

    @Override
    public long degradedCalls() {
        return calls.degradedCount();
    }
}
