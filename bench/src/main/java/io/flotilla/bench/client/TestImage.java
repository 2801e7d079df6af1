package io.flotilla.bench.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/**
 * A small OCI image for the request-rate and listing fixtures: a config blob, one random layer and the image
 * manifest naming both.
 */
public record TestImage(byte[] config, String configDigest, byte[] layer, String layerDigest, byte[] manifest,
                        String manifestDigest) {

    public static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";
    /** What clients send when they pull a manifest: OCI and Docker types, images and indexes. */
    public static final String MANIFEST_ACCEPT = MANIFEST_TYPE + ", application/vnd.oci.image.index.v1+json, "
            + "application/vnd.docker.distribution.manifest.v2+json, "
            + "application/vnd.docker.distribution.manifest.list.v2+json";

    /** An image with a random layer of {@code layerBytes}. */
    public static TestImage random(Random random, int layerBytes) {
        byte[] layer = new byte[layerBytes];
        random.nextBytes(layer);
        String layerDigest = digest(layer);
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + layerDigest + "\"]}}")
                .getBytes(StandardCharsets.UTF_8);
        String configDigest = digest(config);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST_TYPE + "\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                + configDigest + "\",\"size\":" + config.length + "},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\""
                + layerDigest + "\",\"size\":" + layer.length + "}]}").getBytes(StandardCharsets.UTF_8);
        return new TestImage(config, configDigest, layer, layerDigest, manifest, digest(manifest));
    }

    public static String digest(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
