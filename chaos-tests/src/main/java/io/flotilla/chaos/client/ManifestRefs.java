package io.flotilla.chaos.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The blobs an image manifest names (its config, then its layers), read from the bytes a client sends, so the
 * history can say what each manifest write keeps alive. Only what the harness itself builds is read here.
 */
public final class ManifestRefs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ManifestRefs() {
    }

    /** The config's digest and each layer's, in order; empty for bytes that are not an image manifest. */
    public static List<String> of(byte[] manifest) {
        JsonNode root;
        try {
            root = JSON.readTree(manifest);
        } catch (IOException e) {
            return List.of();  // a test's placeholder bytes: they name nothing
        }
        if (root == null || !root.isObject()) {
            return List.of();
        }
        List<String> refs = new ArrayList<>();
        JsonNode config = root.path("config").path("digest");
        if (config.isTextual()) {
            refs.add(config.asText());
        }
        for (JsonNode layer : root.path("layers")) {
            if (layer.path("digest").isTextual()) {
                refs.add(layer.path("digest").asText());
            }
        }
        return refs;
    }
}
