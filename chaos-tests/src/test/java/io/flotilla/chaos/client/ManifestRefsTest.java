package io.flotilla.chaos.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestRefsTest {

    @Test
    void namesTheConfigThenEveryLayer() {
        byte[] manifest = ImageManifest.of(new Descriptor(Descriptor.CONFIG, "sha256:c", 10),
                List.of(new Descriptor(Descriptor.LAYER, "sha256:l1", 5), new Descriptor(Descriptor.LAYER, "sha256:l2", 6)));
        assertEquals(List.of("sha256:c", "sha256:l1", "sha256:l2"), ManifestRefs.of(manifest));
    }

    @Test
    void bytesThatAreNoImageManifestNameNothing() {
        assertEquals(List.of(), ManifestRefs.of("{}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(), ManifestRefs.of("not json".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(), ManifestRefs.of("[1]".getBytes(StandardCharsets.UTF_8)));
    }
}
