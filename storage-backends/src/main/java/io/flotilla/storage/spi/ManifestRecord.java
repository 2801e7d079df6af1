package io.flotilla.storage.spi;

import io.flotilla.model.Descriptor;
import io.flotilla.model.Digest;
import io.flotilla.model.RepositoryName;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A manifest row. {@code contentType} is the Content-Type it was pushed with, without parameters, served
 * back as is; {@code mediaType} is the manifest type it was validated as. {@code artifactType}, {@code subject} may be null.
 * {@code references} are the config, layers, blobs or child manifests it names.
 */
public record ManifestRecord(RepositoryName repo, Digest digest, String contentType, String mediaType,
                             String artifactType, Digest subject, List<Digest> references,
                             Map<String, String> annotations, byte[] content, Instant created)
        implements java.io.Serializable {
    public ManifestRecord {
        references = List.copyOf(references);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    public long size() {
        return content.length;
    }

    /** How this manifest appears in a referrers listing of its subject. */
    public Descriptor asReferrer() {
        return new Descriptor(mediaType, digest, content.length, artifactType, annotations);
    }
}
