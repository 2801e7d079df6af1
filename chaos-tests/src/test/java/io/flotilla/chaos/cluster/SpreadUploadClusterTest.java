package io.flotilla.chaos.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flotilla.chaos.client.OciClient;
import io.flotilla.chaos.client.OciResponse;
import io.flotilla.chaos.db.LocalCluster;
import io.flotilla.chaos.generator.SeededContent;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One chunked upload whose steps each land on another node: the upload session must be the cluster's. */
class SpreadUploadClusterTest {

    private static final String REPO = "chaos/spread";
    private static final int CHUNK = 16 * 1024 * 1024;
    @RegisterExtension
    static final ClusterUnderTest CLUSTER = new ClusterUnderTest(3);

    private final LocalCluster cluster = CLUSTER.get();
    private final List<URI> nodes = CLUSTER.nodeUrls();
    private final OciClient client = CLUSTER.client();

    @Test
    void postPatchesAndPutOnDifferentNodesGiveOneByteExactBlob() throws IOException {
        SeededContent content = new SeededContent(2024, 3L * CHUNK + 12_345);
        OciResponse started = client.startUpload(nodes.get(0), REPO);
        URI upload = client.uploadUrl(nodes.get(0), started);

        // PATCHes on node2, node3, node1; then the PUT, with the last bytes, on node2.
        long offset = 0;
        for (int i = 0; i < 3; i++) {
            URI node = nodes.get((i + 1) % 3);
            long from = offset;
            OciResponse patched = client.patch(OciClient.on(upload, node), from, CHUNK, () -> content.open(from, CHUNK));
            offset += CHUNK;
            assertEquals(202, patched.status(), "PATCH " + i + " on " + node + ": " + patched);
            assertEquals(Optional.of("0-" + (offset - 1)), patched.header("Range"), "PATCH " + i + " on " + node);
            upload = patched.location(node);
        }
        OciResponse status = client.status(OciClient.on(upload, nodes.get(2)));
        assertEquals(204, status.status(), "status on node3: " + status);
        assertEquals(Optional.of("0-" + (offset - 1)), status.header("Range"));

        byte[] last = content.open(offset, content.size() - offset).readAllBytes();
        OciResponse done = client.complete(OciClient.on(upload, nodes.get(1)), content.digest(), last);
        assertEquals(201, done.status(), "PUT on node2: " + done);
        assertEquals(Optional.of(content.digest()), done.dockerContentDigest());

        List<URI> readers = new ArrayList<>(nodes);
        readers.add(0, cluster.endpoint());
        for (URI reader : readers) {
            OciResponse read = client.getBlobDigest(reader, REPO, content.digest());
            assertEquals(200, read.status(), "GET from " + reader);
            assertEquals(content.size(), read.bodyLength(), "length from " + reader);
            assertEquals(Optional.of(content.digest()), read.bodyDigest(), "bytes from " + reader);
        }
    }

    @Test
    void aRangeAcrossChunkBoundariesReadsBackFromEveryNode() throws IOException {
        SeededContent content = new SeededContent(77, 2L * CHUNK);
        OciResponse started = client.startUpload(nodes.get(2), REPO);
        URI upload = client.uploadUrl(nodes.get(2), started);
        OciResponse patched = client.patch(OciClient.on(upload, nodes.get(0)), 0, CHUNK, () -> content.open(0, CHUNK));
        assertEquals(202, patched.status(), patched.toString());
        byte[] rest;
        try (InputStream in = content.open(CHUNK, CHUNK)) {
            rest = in.readAllBytes();
        }
        OciResponse done = client.complete(OciClient.on(patched.location(nodes.get(0)), nodes.get(1)), content.digest(), rest);
        assertEquals(201, done.status(), done.toString());

        long from = CHUNK - 1000;
        byte[] expected;
        try (InputStream in = content.open(from, 2000)) {
            expected = in.readAllBytes();
        }
        for (URI node : nodes) {
            OciResponse range = client.getBlob(node, REPO, content.digest(),
                    Optional.of("bytes=" + from + "-" + (from + 1999)));
            assertEquals(206, range.status(), "range from " + node + ": " + range);
            assertArrayEquals(expected, range.body(), "range bytes from " + node);
        }
    }
}
