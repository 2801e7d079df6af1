package io.flotilla.bench.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The seeder against small in-process HTTP servers that check what a registry would check of a monolithic
 * upload (the path, the digest against the body, the credentials). The real run is the CI smoke run of
 * {@code ./flotilla bench gc} against a cluster.
 */
class BlobSeederTest {
    private static final String AUTH = "Basic YWRtaW46cw==";
    private final List<HttpServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
    }

    /** A registry stand-in: 201 for a correct upload, 400 for a wrong digest; {@code refuseFirst} 503s a first try. */
    private URI server(Set<String> committed, boolean refuseFirst, AtomicInteger refusals) throws IOException {
        Set<String> tried = ConcurrentHashMap.newKeySet();
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        s.createContext("/v2/", ex -> handle(ex, committed, tried, refuseFirst, refusals));
        s.start();
        servers.add(s);
        return URI.create("http://127.0.0.1:" + s.getAddress().getPort());
    }

    private static void handle(HttpExchange ex, Set<String> committed, Set<String> tried, boolean refuseFirst,
                               AtomicInteger refusals) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        String query = ex.getRequestURI().getRawQuery();
        String digest = query != null && query.startsWith("digest=") ? query.substring(7) : "";
        int status;
        if (!ex.getRequestMethod().equals("POST") || !AUTH.equals(ex.getRequestHeaders().getFirst("Authorization"))
                || !ex.getRequestURI().getPath().matches("/v2/gcbench/r\\d\\d/blobs/uploads/")) {
            status = 400;
        } else if (!digest.equals(SeedBlobs.digest(body))) {
            status = 400;
        } else if (refuseFirst && tried.add(digest) && digest.hashCode() % 3 == 0) {
            refusals.incrementAndGet();
            status = 503;
        } else {
            committed.add(digest);
            status = 201;
        }
        ex.sendResponseHeaders(status, -1);
        ex.close();
    }

    @Test
    void seedsEveryBlobOverEveryNodeAndRetriesRefusals() throws IOException {
        Set<String> committed = ConcurrentHashMap.newKeySet();
        AtomicInteger refusals = new AtomicInteger();
        List<URI> nodes = List.of(server(committed, true, refusals), server(committed, true, refusals));
        SeedBlobs blobs = new SeedBlobs(new byte[16], 100, 600);
        SeedResult r = new BlobSeeder(nodes, List.of("gcbench/r00", "gcbench/r01"), AUTH, 8, 3)
                .seed(blobs, Duration.ofSeconds(60));
        assertEquals(600, r.seeded(), r.firstError());
        assertEquals(0, r.failed());
        assertEquals(600, committed.size());
        assertTrue(refusals.get() > 0, "some first tries were refused and tried again");
        assertTrue(r.firstError().contains("503"), r.firstError());
        assertTrue(r.perNode().get(0) > 0 && r.perNode().get(1) > 0, "both nodes took blobs: " + r.perNode());
        for (int i = 0; i < 600; i++) {
            assertEquals(SeedBlobs.digest(blobs.content(i)), r.digests()[i]);
        }
        assertTrue(r.lastCommitNanos() > 0 && r.perSecond() > 0);
        assertEquals(10, r.sampleIndices(10).size());
        assertEquals(0, r.sampleIndices(10).getFirst());
        assertEquals(599, r.sampleIndices(10).getLast());
    }

    @Test
    void blobsRefusedOnEveryAttemptCountAsFailed() throws IOException {
        Set<String> committed = ConcurrentHashMap.newKeySet();
        URI node = server(committed, false, new AtomicInteger());
        SeedResult r = new BlobSeeder(List.of(node), List.of("not/a/bench/repo"), AUTH, 4, 2)
                .seed(new SeedBlobs(new byte[16], 50, 20), Duration.ofSeconds(60));
        assertEquals(0, r.seeded());
        assertEquals(20, r.failed());
        assertTrue(r.firstError().contains("400"), r.firstError());
        assertTrue(r.sampleIndices(5).isEmpty());
        for (String d : r.digests()) {
            assertEquals(null, d);
        }
    }

    @Test
    void aNodeThatIsNotThereFailsTheBlobsInsteadOfHanging() {
        SeedResult r = new BlobSeeder(List.of(URI.create("http://127.0.0.1:1")), List.of("gcbench/r00"), AUTH, 2, 2)
                .seed(new SeedBlobs(new byte[16], 50, 10), Duration.ofSeconds(30));
        assertEquals(0, r.seeded());
        assertEquals(10, r.failed());
        assertNotNull(r.firstError());
        assertTrue(r.firstError().contains("cannot connect"), r.firstError());
    }
}
