package io.flotilla.chaos.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.chaos.client.Descriptor;
import io.flotilla.chaos.client.ImageManifest;
import io.flotilla.chaos.client.NodeCounters;
import io.flotilla.chaos.client.OciClient;
import io.flotilla.chaos.client.OciResponse;
import io.flotilla.chaos.db.LocalCluster;
import io.flotilla.chaos.generator.SeededContent;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A push acknowledged by one node is what every other node answers at once, with no sleep in between: the
 * same tag moves on every round, so a stale cache entry on any node would show. The client signs in with
 * Docker token auth, its tokens fetched from the balancer's realm and sent to single nodes, which is what the
 * harness relies on: a token from one node is good on every node.
 */
class ReadYourWritesClusterTest {

    private static final String REPO = "chaos/ryw";
    private static final String TAG = "latest";
    private static final int ROUNDS = 50;
    private static final int PULLS = 30;
    @RegisterExtension
    static final ClusterUnderTest CLUSTER = new ClusterUnderTest(3);

    private final LocalCluster cluster = CLUSTER.get();
    private final List<URI> nodes = CLUSTER.nodeUrls();
    private final OciClient client = CLUSTER.client();

    @Test
    void aManifestPushedThroughOneNodeIsAtOnceWhatEveryOtherNodeAnswers() {
        byte[] layer = new SeededContent(9, 2048).bytes();
        assertEquals(201, client.pushBlob(nodes.get(0), REPO, layer).status());
        List<String> stale = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            URI writer = nodes.get(round % nodes.size());
            byte[] config = ImageManifest.config("ryw-" + round);
            assertEquals(201, client.pushBlob(writer, REPO, config).status(), "config of round " + round);
            byte[] manifest = ImageManifest.of(Descriptor.of(Descriptor.CONFIG, config),
                    List.of(Descriptor.of(Descriptor.LAYER, layer)));
            String digest = SeededContent.sha256(new ByteArrayInputStream(manifest));
            OciResponse put = client.pushManifest(writer, REPO, TAG, manifest, ImageManifest.MEDIA_TYPE);
            assertEquals(201, put.status(), "round " + round + ": " + put);

            for (URI reader : nodes) {
                if (reader.equals(writer)) {
                    continue;
                }
                OciResponse byTag = client.getManifest(reader, REPO, TAG);
                if (byTag.status() != 200 || !Arrays.equals(manifest, byTag.body())) {
                    stale.add("round " + round + " tag on " + reader + ": " + byTag.status() + " "
                            + byTag.dockerContentDigest().orElse("-") + ", pushed " + digest);
                }
                OciResponse byDigest = client.getManifest(reader, REPO, digest);
                if (byDigest.status() != 200 || !Arrays.equals(manifest, byDigest.body())) {
                    stale.add("round " + round + " digest on " + reader + ": " + byDigest.status());
                }
                OciResponse configBlob = client.headBlob(reader, REPO, Descriptor.of(Descriptor.CONFIG, config).digest());
                if (configBlob.status() != 200) {
                    stale.add("round " + round + " config blob on " + reader + ": " + configBlob.status());
                }
            }
        }
        assertEquals(List.of(), stale, stale.size() + " stale reads in " + ROUNDS + " rounds");
    }

    @Test
    void repeatedPullsAreServedFromTheSharedManifestCache() {
        byte[] config = ImageManifest.config("cached");
        byte[] layer = new SeededContent(10, 4096).bytes();
        URI endpoint = cluster.endpoint();
        assertEquals(201, client.pushBlob(endpoint, REPO, config).status());
        assertEquals(201, client.pushBlob(endpoint, REPO, layer).status());
        byte[] manifest = ImageManifest.of(Descriptor.of(Descriptor.CONFIG, config),
                List.of(Descriptor.of(Descriptor.LAYER, layer)));
        assertEquals(201, client.pushManifest(endpoint, REPO, "cached", manifest, ImageManifest.MEDIA_TYPE).status());
        NodeCounters counters = new NodeCounters(client);
        long hitsBefore = sum(n -> counters.cacheGets(n, "manifests", "hit"));
        long missesBefore = sum(n -> counters.cacheGets(n, "manifests", "miss"));

        for (int pull = 0; pull < PULLS; pull++) {
            OciResponse got = client.getManifest(endpoint, REPO, "cached");
            assertEquals(200, got.status());
            assertArrayEquals(manifest, got.body());
        }
        long hits = sum(n -> counters.cacheGets(n, "manifests", "hit")) - hitsBefore;
        long misses = sum(n -> counters.cacheGets(n, "manifests", "miss")) - missesBefore;
        double ratio = hits / (double) Math.max(1, hits + misses);
        System.out.printf("repeated pull: %d pulls by tag through the balancer, manifest cache %d hits, %d misses "
                + "(hit ratio %.2f)%n", PULLS, hits, misses, ratio);
        assertEquals(PULLS, hits + misses, "each pull looks the manifest up once");
        assertTrue(ratio >= 0.9, "hit ratio " + ratio);
    }

    @Test
    void aTokenFetchedThroughTheBalancerIsGoodOnEveryNodeAndNoRequestGoesWithoutOne() throws Exception {
        byte[] layer = new SeededContent(11, 512).bytes();
        assertEquals(201, client.pushBlob(cluster.endpoint(), REPO, layer).status());
        HttpClient http = HttpClient.newHttpClient();
        for (URI node : nodes) {
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(node.resolve("/v2/" + REPO + "/tags/list"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, anonymous.statusCode(), node + " without credentials");
            String challenge = anonymous.headers().firstValue("WWW-Authenticate").orElse("");
            assertTrue(challenge.startsWith("Bearer realm=\"" + cluster.endpoint() + "/service/token\""),
                    "the realm is the balancer's: " + challenge);
        }
        String scope = URLEncoder.encode("repository:" + REPO + ":pull", StandardCharsets.UTF_8);
        HttpResponse<String> issued = http.send(HttpRequest.newBuilder(
                        cluster.endpoint().resolve("/service/token?service=flotilla-registry&scope=" + scope))
                .header("Authorization", cluster.credentials().basicAuthorization()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, issued.statusCode(), issued.body());
        String token = new ObjectMapper().readTree(issued.body()).path("token").asText();
        String digest = Descriptor.of(Descriptor.LAYER, layer).digest();
        for (URI node : nodes) {
            HttpResponse<Void> head = http.send(HttpRequest.newBuilder(node.resolve("/v2/" + REPO + "/blobs/" + digest))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + token)
                    .build(), HttpResponse.BodyHandlers.discarding());
            assertEquals(200, head.statusCode(), "the balancer's token on " + node);
        }
    }

    private long sum(ToLongFunction<URI> perNode) {
        return nodes.stream().mapToLong(perNode).sum();
    }
}
