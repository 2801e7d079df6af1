package io.flotilla.node.registry;

import io.flotilla.model.Descriptor;
import io.flotilla.model.Digest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the registry needs from a validated manifest. {@code requiredBlobs} must exist before the
 * manifest is accepted (config and layers); {@code children} (an index's manifests) and the subject
 * need not. {@code artifactType} is the value the referrers API shows, and may be null.
 */
public record ParsedManifest(String mediaType, String artifactType, Descriptor subject,
                             List<Descriptor> requiredBlobs, List<Descriptor> children,
                             Map<String, String> annotations) {

    public ParsedManifest {
        requiredBlobs = List.copyOf(requiredBlobs);
        children = List.copyOf(children);
        annotations = Map.copyOf(annotations);
    }

    /** Every digest the manifest names, for reverse references. */
    public List<Digest> references() {
        List<Digest> all = new ArrayList<>();
        requiredBlobs.forEach(d -> all.add(d.digest()));
        children.forEach(d -> all.add(d.digest()));
        return all;
    }
}
