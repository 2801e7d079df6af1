package io.flotilla.cluster.hazelcast;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kubernetes discovery without Kubernetes: to its clients a headless service is a DNS name with one A record
 * per pod, and the member resolves it through {@code InetAddress}. A hosts file, given to fresh JVMs with
 * {@code -Djdk.net.hosts.file}, plays the cluster DNS. Two real members in two processes, on two loopback
 * addresses at the same port as two pods would be, find each other through the name alone.
 */
class KubernetesDnsDiscoveryTest {

    private static final String SERVICE = "flotilla-hs.registry.svc.cluster.local";
    private static final String POD_A = "127.0.0.2";
    private static final String POD_B = "127.0.0.3";

    @TempDir
    Path dir;

    @Test
    void membersFindEachOtherThroughTheServiceName() throws Exception {
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, POD_A + " " + SERVICE + "\n" + POD_B + " " + SERVICE + "\n");
        int port = freePortOnBoth(POD_A, POD_B);
        String cluster = "flotilla-k8s-dns-" + UUID.randomUUID();

        // One after the other, as pods of a StatefulSet start: the first finds only itself (the other
        // address refuses) and starts alone; the second resolves both and joins the first. Members that
        // start at the same moment also meet, but spend about 5 s more agreeing on a master.
        Process a = pod(hosts, POD_A, cluster, port);
        Process b = null;
        try {
            awaitLine(a, "started ", dir.resolve(POD_A + ".out"));
            b = pod(hosts, POD_B, cluster, port);
            String outA = awaitLine(a, "member ", dir.resolve(POD_A + ".out"));
            String outB = awaitLine(b, "member ", dir.resolve(POD_B + ".out"));
            for (String out : List.of(outA, outB)) {
                assertTrue(out.contains("resolved [" + POD_A + ", " + POD_B + "]"), out);
            }
            assertTrue(outA.contains("member " + POD_A + ":" + port + " sees 2"), outA);
            assertTrue(outB.contains("member " + POD_B + ":" + port + " sees 2"), outB);
        } finally {
            for (Process p : b == null ? List.of(a) : List.of(b, a)) {
                p.getOutputStream().close();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                }
            }
        }
        assertEquals(0, a.exitValue());
        assertEquals(0, b.exitValue());
    }

    private Process pod(Path hosts, String address, String cluster, int port) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djdk.net.hosts.file=" + hosts,
                "-Dhazelcast.local.localAddress=" + address,
                // Only the first join wait shrinks; discovery and joining are the member's real ones.
                "-Dhazelcast.wait.seconds.before.join=1",
                "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                KubernetesDnsProbe.class.getName(), cluster, SERVICE, Integer.toString(port), "2"));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(address + ".out").toFile()).start();
    }

    /** Waits up to 30 s for a line starting with {@code prefix} in a probe's output; returns the output. */
    private static String awaitLine(Process p, String prefix, Path out) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (text.lines().anyMatch(l -> l.startsWith(prefix))) {
                return text;
            }
            if (!p.isAlive()) {
                throw new AssertionError("probe exited with " + p.exitValue() + ":\n" + text);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + prefix + "' line within 30 s:\n" + Files.readString(out));
    }

    /** A port free on both addresses, so each member can bind it on its own address. */
    private static int freePortOnBoth(String a, String b) throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port;
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(a, 0));
                port = s.getLocalPort();
            }
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(b, port));
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no port free on both " + a + " and " + b);
    }
}
