package io.flotilla.chaos.client;

import io.flotilla.chaos.generator.SeededContent;
import java.io.ByteArrayInputStream;

/** An OCI content descriptor: what a manifest says about one blob. */
public record Descriptor(String mediaType, String digest, long size) {

    public static final String CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String LAYER = "application/vnd.oci.image.layer.v1.tar";

    public static Descriptor of(String mediaType, byte[] content) {
        return new Descriptor(mediaType, SeededContent.sha256(new ByteArrayInputStream(content)), content.length);
    }
}
