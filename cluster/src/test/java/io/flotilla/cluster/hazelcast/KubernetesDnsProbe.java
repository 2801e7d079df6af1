package io.flotilla.cluster.hazelcast;

import io.flotilla.cluster.ClusterSettings;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;

/**
 * One "pod" for {@link KubernetesDnsDiscoveryTest}, run in a JVM of its own: the JDK reads
 * {@code -Djdk.net.hosts.file} once, before its first lookup, so a test JVM that has resolved anything
 * cannot use it. Prints what the service name resolves to, starts a member configured with the service name
 * only (no member list), prints a "started" line, then how many members it sees once it sees the expected
 * number (or after 20 s), and leaves when its standard input closes.
 *
 * <p>Arguments: cluster name, service DNS name, port, expected member count. The member's address comes
 * from {@code -Dhazelcast.local.localAddress}, as a pod has its own IP; loopback aliases such as 127.0.0.2
 * are not interface addresses, so interface matching alone cannot pick them.
 */
public final class KubernetesDnsProbe {

    private KubernetesDnsProbe() {
    }

    public static void main(String[] args) throws Exception {
        String service = args[1];
        int port = Integer.parseInt(args[2]);
        int expected = Integer.parseInt(args[3]);
        String self = System.getProperty("hazelcast.local.localAddress");
        System.out.println("resolved " + Arrays.stream(InetAddress.getAllByName(service))
                .map(InetAddress::getHostAddress).sorted().toList());
        ClusterSettings settings = ClusterSettings.defaults(args[0])
                .withBindHost(self)
                .withPort(port)
                .withFailureDetection(Duration.ofSeconds(1), Duration.ofSeconds(3))
                .withKubernetesServiceDns(service);
        try (HazelcastCluster member = HazelcastCluster.start(settings)) {
            System.out.println("started " + member.address());
            System.out.flush();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (member.memberCount() < expected && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            System.out.println("member " + member.address() + " sees " + member.memberCount());
            System.out.flush();
            while (System.in.read() >= 0) {
                // stay in the cluster until the test lets go
            }
        }
        System.exit(0);
    }
}
