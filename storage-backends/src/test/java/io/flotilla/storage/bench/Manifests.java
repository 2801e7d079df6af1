package io.flotilla.storage.bench;

import io.flotilla.model.Digest;
import io.flotilla.model.DigestAlgorithm;
import io.flotilla.model.MediaTypes;
import io.flotilla.model.RepositoryName;
import io.flotilla.storage.spi.ManifestRecord;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Realistic manifest rows: an OCI image manifest of exactly {@value #SIZE} bytes of pretty-printed JSON with
 * the usual {@code org.opencontainers.image.*} annotations, naming three blobs: a config and a top layer of
 * its own, and one of {@value #BASE_LAYERS} base layers that many images share. Every call gives a different
 * manifest; its digest is the real SHA-256 of its bytes. Making one takes about 10-15 microseconds here,
 * inside the timed loop: a few per cent of an embedded put, under one per cent of a Cassandra put.
 */
final class Manifests {
    static final int SIZE = 2048;
    static final int BASE_LAYERS = 8;
    private static final String LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
    private static final String CONFIG = "application/vnd.oci.image.config.v1+json";
    private static final String FILLER = "A service image built by the release pipeline for the benchmark. ";

    private final RepositoryName repo;
    private final long nonce;

    /** Manifests for {@code repo}; {@code nonce} keeps them apart from those of every other generator. */
    Manifests(RepositoryName repo, long nonce) {
        this.repo = repo;
        this.nonce = nonce;
    }

    ManifestRecord next(int worker, long i) {
        Digest config = fake(1, worker, i);
        Digest base = fake(2, 0, i % BASE_LAYERS);
        Digest top = fake(3, worker, i);
        Instant created = Instant.now();
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("org.opencontainers.image.created", created.toString());
        annotations.put("org.opencontainers.image.authors", "Platform Team <platform@example.com>");
        annotations.put("org.opencontainers.image.url", "https://git.example.com/platform/service");
        annotations.put("org.opencontainers.image.source", "https://git.example.com/platform/service.git");
        annotations.put("org.opencontainers.image.version", "1." + worker + "." + i);
        annotations.put("org.opencontainers.image.revision", fake(4, worker, i).hex().substring(0, 40));
        annotations.put("org.opencontainers.image.vendor", "Example Corp");
        annotations.put("org.opencontainers.image.licenses", "Apache-2.0");
        annotations.put("org.opencontainers.image.title", "service");
        annotations.put("org.opencontainers.image.description", "");
        int unpadded = json(config, base, top, annotations).length;
        annotations.put("org.opencontainers.image.description", filler(SIZE - unpadded));
        byte[] content = json(config, base, top, annotations);
        return new ManifestRecord(repo, Digest.sha256(content), MediaTypes.OCI_MANIFEST, MediaTypes.OCI_MANIFEST,
                null, null, List.of(config, base, top), annotations, content, created);
    }

    private static byte[] json(Digest config, Digest base, Digest top, Map<String, String> annotations) {
        StringBuilder s = new StringBuilder(SIZE + 64);
        s.append("{\n  \"schemaVersion\": 2,\n  \"mediaType\": \"").append(MediaTypes.OCI_MANIFEST).append("\",\n");
        s.append("  \"config\": {\n    \"mediaType\": \"").append(CONFIG).append("\",\n    \"digest\": \"")
                .append(config).append("\",\n    \"size\": 7391\n  },\n");
        s.append("  \"layers\": [\n");
        s.append("    {\n      \"mediaType\": \"").append(LAYER).append("\",\n      \"digest\": \"").append(base)
                .append("\",\n      \"size\": 29154783\n    },\n");
        s.append("    {\n      \"mediaType\": \"").append(LAYER).append("\",\n      \"digest\": \"").append(top)
                .append("\",\n      \"size\": 4194304,\n      \"annotations\": {\n")
                .append("        \"org.opencontainers.image.title\": \"app.tar.gz\"\n      }\n    }\n  ],\n");
        s.append("  \"annotations\": {\n");
        int k = 0;
        for (Map.Entry<String, String> e : annotations.entrySet()) {
            s.append("    \"").append(e.getKey()).append("\": \"").append(e.getValue()).append('"')
                    .append(++k < annotations.size() ? ",\n" : "\n");
        }
        s.append("  }\n}\n");
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String filler(int length) {
        if (length <= 0) {
            return "";
        }
        return FILLER.repeat(length / FILLER.length() + 1).substring(0, length);
    }

    /** A well-formed sha256 digest made of its inputs, for blobs that need a name but no bytes. */
    private Digest fake(int kind, int worker, long i) {
        return new Digest(DigestAlgorithm.SHA256,
                String.format(Locale.ROOT, "%016x%016x%016x%016x", kind == 2 ? 0 : nonce, kind, worker, i));
    }
}
