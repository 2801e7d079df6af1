package io.flotilla.node.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flotilla.node.http.OciTestClient.Blob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.flotilla.node.http.OciTestClient.OCI_CONFIG;
import static io.flotilla.node.http.OciTestClient.OCI_LAYER;
import static io.flotilla.node.http.OciTestClient.OCI_MANIFEST;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Many tags of images sharing a base layer (most of them one and the same manifest), pushed 32 at a time:
 * every manifest PUT relies on the shared blobs and on the manifest's own stored copy, bumping their GC
 * epoch, and none may fail for it. The benchmark's fixture once got 503 "blob is contended" here, because
 * each PUT had to win a compare-and-set of its own on the shared rows.
 */
class SharedLayerPushHttpTest {
    @RegisterExtension
    static final OciTestClient oci = OciTestClient.perClass();

    private static final int IMAGES = 1_000;
    private static final int AT_ONCE = 32;

    @Test
    void concurrentManifestsOverOneSharedLayerAllSucceed() throws Exception {
        String repo = OciTestClient.uniqueRepo("shared");
        Blob base = oci.pushBlob(repo, OCI_LAYER, "the shared base layer".getBytes(StandardCharsets.UTF_8));
        Blob config = oci.pushBlob(repo, OCI_CONFIG, "{\"architecture\":\"amd64\",\"os\":\"linux\"}"
                .getBytes(StandardCharsets.UTF_8));
        List<Future<HttpResponse<byte[]>>> puts = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE)) {
            for (int i = 0; i < IMAGES; i++) {
                ObjectNode manifest = OciTestClient.imageManifest(OCI_MANIFEST, config, base);
                if (i % 4 == 0) {
                    manifest.putObject("annotations").put("image", Integer.toString(i)); // the rest share bytes
                }
                String tag = "t" + i;
                puts.add(pool.submit(() -> oci.put("/v2/" + repo + "/manifests/" + tag,
                        OciTestClient.bytes(manifest), "Content-Type", OCI_MANIFEST)));
            }
            for (Future<HttpResponse<byte[]>> put : puts) {
                HttpResponse<byte[]> r = put.get();
                assertEquals(201, r.statusCode(), () -> OciTestClient.text(r));
            }
        }
        for (int i = 0; i < IMAGES; i++) {
            assertEquals(200, oci.head("/v2/" + repo + "/manifests/t" + i).statusCode());
        }
    }
}
