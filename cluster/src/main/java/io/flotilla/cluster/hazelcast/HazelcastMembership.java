package io.flotilla.cluster.hazelcast;

import com.hazelcast.cluster.Address;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import io.flotilla.cluster.ClusterSettings;
import io.flotilla.cluster.Member;
import io.flotilla.cluster.Membership;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Membership from the grid's member list; quorum from its member-count split-brain protection. */
final class HazelcastMembership implements Membership, MembershipListener {

    private final HazelcastInstance instance;
    private final boolean protectedBySize;
    private final Listeners listeners = new Listeners();
    private final AtomicLong removed = new AtomicLong();

    HazelcastMembership(HazelcastInstance instance, ClusterSettings settings) {
        this.instance = instance;
        this.protectedBySize = settings.minMembers() > 0;
        instance.getCluster().addMembershipListener(this);
    }

    @Override
    public Member self() {
        return member(instance.getCluster().getLocalMember());
    }

    @Override
    public List<Member> members() {
        return instance.getCluster().getMembers().stream().map(HazelcastMembership::member).toList();
    }

    @Override
    public boolean hasQuorum() {
        if (!protectedBySize) {
            return true;
        }
        try {
            return instance.getSplitBrainProtectionService()
                    .getSplitBrainProtection(MemberConfig.MIN_MEMBERS_RULE).hasMinimumSize();
        } catch (HazelcastInstanceNotActiveException e) {
            return false; // a member that left speaks for no one
        }
    }

    @Override
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void memberAdded(MembershipEvent event) {
        listeners.fire();
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
        removed.incrementAndGet();
        listeners.fire();
    }

    /** Members removed from this member's view since it started, whether they crashed or left. */
    long removedCount() {
        return removed.get();
    }

    static Member member(com.hazelcast.cluster.Member m) {
        Address a = m.getAddress();
        String httpUrl = m.getAttribute(MemberConfig.HTTP_URL_ATTRIBUTE);
        return new Member(m.getUuid().toString(), a.getHost() + ":" + a.getPort(),
                httpUrl == null ? "" : httpUrl, m.localMember());
    }
}
