package io.flotilla.cluster.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.Partition;
import com.hazelcast.partition.PartitionService;
import com.hazelcast.partition.ReplicaMigrationEvent;
import io.flotilla.cluster.Member;
import io.flotilla.cluster.Membership;
import io.flotilla.cluster.Ownership;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ownership from the grid's partition table. A String key falls in the partition the grid's maps put
 * it in, so {@link #ownerOf} of an upload id names the member holding its session.
 */
final class HazelcastOwnership implements Ownership, MigrationListener {

    private final PartitionService partitions;
    private final Membership membership;
    private final Listeners listeners = new Listeners();
    private final AtomicLong migrations = new AtomicLong();

    HazelcastOwnership(HazelcastInstance instance, Membership membership) {
        this.partitions = instance.getPartitionService();
        this.membership = membership;
        partitions.addMigrationListener(this);
        // A crashed member's partitions go to the backups' holders, which may move no data.
        membership.onChange(listeners::fire);
    }

    @Override
    public int partitionCount() {
        return partitions.getPartitions().size();
    }

    @Override
    public int partitionOf(String key) {
        return partitions.getPartition(key).getPartitionId();
    }

    @Override
    public boolean owns(String key) {
        com.hazelcast.cluster.Member owner = partitions.getPartition(key).getOwner();
        return owner != null && owner.localMember() && membership.hasQuorum();
    }

    @Override
    public Optional<Member> ownerOf(String key) {
        return Optional.ofNullable(partitions.getPartition(key).getOwner()).map(HazelcastMembership::member);
    }

    @Override
    public Set<Integer> ownedPartitions() {
        Set<Integer> owned = new TreeSet<>();
        for (Partition p : partitions.getPartitions()) {
            com.hazelcast.cluster.Member owner = p.getOwner();
            if (owner != null && owner.localMember()) {
                owned.add(p.getPartitionId());
            }
        }
        return owned;
    }

    @Override
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void migrationStarted(MigrationState state) {
        // Only finished migrations change who owns what.
    }

    @Override
    public void migrationFinished(MigrationState state) {
        listeners.fire();
    }

    @Override
    public void replicaMigrationCompleted(ReplicaMigrationEvent event) {
        migrations.incrementAndGet();
    }

    @Override
    public void replicaMigrationFailed(ReplicaMigrationEvent event) {
        // The grid retries it; the completion is what counts.
    }

    /** Partition replica migrations completed in the cluster since this member's listener was registered. */
    long migrationCount() {
        return migrations.get();
    }
}
