package io.flotilla.cluster.hazelcast;

import io.flotilla.cluster.ClusterSettings;
import io.flotilla.cluster.Member;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Three members: every partition has exactly one owner, before and after a member goes. */
class OwnershipTest {

    private final List<HazelcastCluster> members = new ArrayList<>();

    @BeforeEach
    void start() throws InterruptedException {
        ClusterSettings settings = TestClusters.alone().withHttpUrl("http://127.0.0.1:5001");
        HazelcastCluster first = HazelcastCluster.start(settings);
        members.add(first);
        members.add(HazelcastCluster.start(TestClusters.joining(settings, first).withHttpUrl("http://127.0.0.1:5002")));
        members.add(HazelcastCluster.start(TestClusters.joining(settings, first).withHttpUrl("http://127.0.0.1:5003")));
        for (HazelcastCluster m : members) {
            TestClusters.awaitSafe(m);
        }
    }

    @AfterEach
    void stop() {
        members.forEach(HazelcastCluster::crash);
    }

    @Test
    void everyPartitionHasOneOwnerAndAllMembersAgreeWhichMember() {
        assertEveryPartitionOwnedOnce(members);
        for (int i = 0; i < 200; i++) {
            String key = TestClusters.uploadId();
            Member owner = members.get(0).ownership().ownerOf(key).orElseThrow();
            int owning = 0;
            for (HazelcastCluster m : members) {
                assertEquals(owner.id(), m.ownership().ownerOf(key).orElseThrow().id(), key);
                assertEquals(members.get(0).ownership().partitionOf(key), m.ownership().partitionOf(key));
                owning += m.ownership().owns(key) ? 1 : 0;
            }
            assertEquals(1, owning, "members owning " + key);
        }
    }

    @Test
    void membersCarryTheirNodesHttpUrl() {
        List<String> urls = members.get(1).membership().members().stream().map(Member::httpUrl).sorted().toList();
        assertEquals(List.of("http://127.0.0.1:5001", "http://127.0.0.1:5002", "http://127.0.0.1:5003"), urls);
        Member self = members.get(1).membership().self();
        assertTrue(self.self());
        assertEquals("http://127.0.0.1:5002", self.httpUrl());
        assertEquals(members.get(1).address(), self.clusterAddress());
        assertEquals(1, members.get(1).membership().members().stream().filter(Member::self).count());
    }

    @Test
    void theSurvivorsOwnEveryPartitionAfterAGracefulLeave() throws InterruptedException {
        AtomicInteger changes = watchOwnership(members.get(1));
        members.remove(0).close();
        awaitSurvivors(changes);
    }

    @Test
    void theSurvivorsOwnEveryPartitionAfterACrash() throws InterruptedException {
        AtomicInteger changes = watchOwnership(members.get(1));
        long t0 = System.nanoTime();
        members.remove(0).crash();
        awaitSurvivors(changes);
        System.out.printf("survivors own every partition %d ms after the crash%n", (System.nanoTime() - t0) / 1_000_000);
    }

    @Test
    void statsAddUpAcrossMembers() {
        int partitions = members.get(0).ownership().partitionCount();
        int owned = 0;
        for (HazelcastCluster m : members) {
            assertEquals(3, m.stats().members());
            owned += m.stats().partitionsOwned();
            assertEquals(0, m.stats().degradedCalls());
        }
        assertEquals(partitions, owned);
        // Two joins moved partitions onto the newcomers, and the first member heard of both.
        assertTrue(members.getFirst().stats().migrationsCompleted() > 0, "no migration counted");
    }

    private static AtomicInteger watchOwnership(HazelcastCluster member) {
        AtomicInteger changes = new AtomicInteger();
        member.ownership().onChange(changes::incrementAndGet);
        return changes;
    }

    private void awaitSurvivors(AtomicInteger changes) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (members.getFirst().memberCount() != 2 || members.getLast().memberCount() != 2) {
            assertTrue(System.nanoTime() < deadline, "the survivors still see the third member");
            Thread.sleep(20);
        }
        for (HazelcastCluster m : members) {
            TestClusters.awaitSafe(m);
            assertEquals(1, m.stats().membersRemoved());
        }
        assertEveryPartitionOwnedOnce(members);
        assertTrue(changes.get() > 0, "onChange never ran");
    }

    private static void assertEveryPartitionOwnedOnce(List<HazelcastCluster> members) {
        int[] owners = new int[members.getFirst().ownership().partitionCount()];
        for (HazelcastCluster m : members) {
            for (int p : m.ownership().ownedPartitions()) {
                owners[p]++;
            }
        }
        for (int p = 0; p < owners.length; p++) {
            assertEquals(1, owners[p], "owners of partition " + p);
        }
    }
}
