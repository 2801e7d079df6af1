package io.flotilla.chaos.cluster;

import io.flotilla.chaos.client.Descriptor;
import io.flotilla.chaos.client.ImageManifest;
import io.flotilla.chaos.generator.SeededContent;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A one-image OCI image layout on disk, for clients (skopeo) that push from one. */
final class OciLayout {

    private OciLayout() {
    }

    /** Writes a layout holding one image tagged {@code tag}; returns its directory. */
    static Path write(Path dir, String tag) throws IOException {
        byte[] config = ImageManifest.config("layout-" + tag);
        byte[] layer = new SeededContent(77, 64 * 1024).bytes();
        byte[] manifest = ImageManifest.of(Descriptor.of(Descriptor.CONFIG, config),
                List.of(Descriptor.of(Descriptor.LAYER, layer)));
        Path blobs = Files.createDirectories(dir.resolve("blobs").resolve("sha256"));
        for (byte[] blob : List.of(config, layer, manifest)) {
            Files.write(blobs.resolve(hex(blob)), blob);
        }
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\""
                + ImageManifest.MEDIA_TYPE + "\",\"digest\":\"" + sha256(manifest) + "\",\"size\":"
                + manifest.length + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + tag + "\"}}]}",
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("manifest-digest"), sha256(manifest));
        return dir;
    }

    static String manifestDigest(Path layout) throws IOException {
        return Files.readString(layout.resolve("manifest-digest")).strip();
    }

    /** {@code sha256:<hex>}. */
    private static String sha256(byte[] content) {
        return SeededContent.sha256(new ByteArrayInputStream(content));
    }

    private static String hex(byte[] content) {
        return sha256(content).substring("sha256:".length());
    }
}
