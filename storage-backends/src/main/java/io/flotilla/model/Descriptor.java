package io.flotilla.model;

import java.util.Map;

/**
 * An OCI content descriptor as stored for referrers and manifest references.
 * {@code artifactType} and {@code annotations} may be null.
 */
public record Descriptor(String mediaType, Digest digest, long size, String artifactType,
                         Map<String, String> annotations) {
    public Descriptor {
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }
}
