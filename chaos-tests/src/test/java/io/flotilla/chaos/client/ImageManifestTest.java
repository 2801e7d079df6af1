package io.flotilla.chaos.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageManifestTest {

    @Test
    void namesTheConfigAndLayersByDigestAndSize() throws IOException {
        Descriptor config = Descriptor.of(Descriptor.CONFIG, ImageManifest.config("x"));
        Descriptor layer = Descriptor.of(Descriptor.LAYER, new byte[] {1, 2, 3});
        JsonNode m = new ObjectMapper().readTree(ImageManifest.of(config, List.of(layer)));
        assertEquals(2, m.get("schemaVersion").asInt());
        assertEquals(ImageManifest.MEDIA_TYPE, m.get("mediaType").asText());
        assertEquals(config.digest(), m.get("config").get("digest").asText());
        assertEquals(3, m.get("layers").get(0).get("size").asLong());
        assertEquals("sha256:039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81",
                m.get("layers").get(0).get("digest").asText());
    }

    @Test
    void configLabelsMakeConfigsDistinct() {
        assertEquals(false, Descriptor.of(Descriptor.CONFIG, ImageManifest.config("a")).digest()
                .equals(Descriptor.of(Descriptor.CONFIG, ImageManifest.config("b")).digest()));
    }
}
