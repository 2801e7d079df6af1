package io.flotilla.chaos.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flotilla.chaos.client.Descriptor;
import io.flotilla.chaos.client.ImageManifest;
import io.flotilla.chaos.client.OciClient;
import io.flotilla.chaos.client.OciResponse;
import io.flotilla.chaos.db.LocalCluster;
import io.flotilla.chaos.generator.SeededContent;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A push acknowledged by one node is what every other node answers at once, with no sleep in between: the
 * same tag moves on every round, so a stale cache entry on any node would show.
 */
class ReadYourWritesClusterTest {

    private static final String REPO = "chaos/ryw";
    private static final String TAG = "latest";
    private static final int ROUNDS = 50;
    private static LocalCluster cluster;
    private static List<URI> nodes;
    private final OciClient client = new OciClient();

    @BeforeAll
    static void up() {
        cluster = Clusters.start(ReadYourWritesClusterTest.class, 3);
        nodes = cluster.nodes().stream().map(n -> n.http()).toList();
    }

    @AfterAll
    static void down() {
        if (cluster != null) {
            cluster.close();
        }
    }

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
}
