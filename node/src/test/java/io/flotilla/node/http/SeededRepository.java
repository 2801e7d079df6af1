package io.flotilla.node.http;

import io.flotilla.model.Digest;
import io.flotilla.node.http.RawHttp.BodyMode;
import io.flotilla.node.http.RawHttp.Request;
import io.flotilla.node.http.RawHttp.Response;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The known state the hostile table runs against, pushed through the API like any client would: one
 * repository with a config and a layer blob, two manifests under the tags {@code v1} and {@code latest},
 * and an open upload holding {@link #UPLOAD_BYTES} bytes.
 */
record SeededRepository(String repo, Blob config, Blob layer, String v1, String latest, String uploadId) {
    static final String REPO = "hostile/app";
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String CONFIG_TYPE = "application/vnd.oci.image.config.v1+json";
    static final String LAYER_TYPE = "application/vnd.oci.image.layer.v1.tar";
    static final byte[] UPLOAD_BYTES = "12345".getBytes(StandardCharsets.US_ASCII);

    /** A seeded blob: its digest and size. */
    record Blob(String digest, int size) {
        static Blob of(byte[] content) {
            return new Blob(Digest.sha256(content).toString(), content.length);
        }
    }

    List<Blob> blobs() {
        return List.of(config, layer);
    }

    String uploadPath() {
        return "/v2/" + repo + "/blobs/uploads/" + uploadId;
    }

    /** An image manifest over the seeded blobs, with an annotation so different notes give different digests. */
    String manifest(String note) {
        return imageManifest(OCI_MANIFEST, config, layer, note);
    }

    static String imageManifest(String mediaType, Blob config, Blob layer, String note) {
        return """
                {"schemaVersion":2,"mediaType":"%s",\
                "config":{"mediaType":"%s","digest":"%s","size":%d},\
                "layers":[{"mediaType":"%s","digest":"%s","size":%d}],\
                "annotations":{"note":"%s"}}"""
                .formatted(mediaType, CONFIG_TYPE, config.digest(), config.size(),
                        LAYER_TYPE, layer.digest(), layer.size(), note);
    }

    static SeededRepository push(RawHttp http) throws IOException {
        byte[] configBytes = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\"}}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] layerBytes = "pretend this is a tar archive of a hostile-input test layer, 0123456789"
                .getBytes(StandardCharsets.UTF_8);
        Blob config = pushBlob(http, configBytes);
        Blob layer = pushBlob(http, layerBytes);
        SeededRepository partial = new SeededRepository(REPO, config, layer, null, null, null);
        String v1 = pushManifest(http, "v1", partial.manifest("first"));
        String latest = pushManifest(http, "latest", partial.manifest("second"));
        String uploadId = openUpload(http);
        return new SeededRepository(REPO, config, layer, v1, latest, uploadId);
    }

    private static Blob pushBlob(RawHttp http, byte[] content) throws IOException {
        Blob blob = Blob.of(content);
        expect(http, new Request("POST", "/v2/" + REPO + "/blobs/uploads/?digest=" + blob.digest(),
                List.of(Map.entry("Content-Type", "application/octet-stream")), content, BodyMode.EXACT), 201);
        return blob;
    }

    private static String pushManifest(RawHttp http, String tag, String json) throws IOException {
        Response r = expect(http, new Request("PUT", "/v2/" + REPO + "/manifests/" + tag,
                List.of(Map.entry("Content-Type", OCI_MANIFEST)), json.getBytes(StandardCharsets.UTF_8),
                BodyMode.EXACT), 201);
        return r.header("Docker-Content-Digest").orElseThrow();
    }

    private static String openUpload(RawHttp http) throws IOException {
        Response started = expect(http, new Request("POST", "/v2/" + REPO + "/blobs/uploads/", List.of(), new byte[0],
                BodyMode.EXACT), 202);
        String location = started.header("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        expect(http, new Request("PATCH", location, List.of(
                Map.entry("Content-Type", "application/octet-stream"),
                Map.entry("Content-Range", "0-" + (UPLOAD_BYTES.length - 1))), UPLOAD_BYTES, BodyMode.EXACT), 202);
        return id;
    }

    private static Response expect(RawHttp http, Request request, int status) throws IOException {
        Response r = http.exchange(request).orElseThrow(() -> new IOException("seeding got no response"));
        if (r.status() != status) {
            throw new IOException("seeding " + request.method() + " " + request.target() + " answered "
                    + r.status() + ": " + r.bodyText());
        }
        return r;
    }
}
