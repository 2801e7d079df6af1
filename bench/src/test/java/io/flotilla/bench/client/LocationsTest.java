package io.flotilla.bench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;

class LocationsTest {
    private static final URI BASE = URI.create("http://127.0.0.1:5000");

    @Test
    void resolvesAnAbsolutePathAgainstTheBase() {
        assertEquals(URI.create("http://127.0.0.1:5000/v2/r/blobs/uploads/1"),
                Locations.resolve(BASE, "/v2/r/blobs/uploads/1"));
    }

    @Test
    void keepsAnAbsoluteUrl() {
        assertEquals(URI.create("http://127.0.0.1:6000/v2/r/blobs/uploads/1"),
                Locations.resolve(BASE, "http://127.0.0.1:6000/v2/r/blobs/uploads/1"));
    }

    @Test
    void addsTheDigestWithAQuestionMarkOrAnAmpersand() {
        String digest = "sha256:" + "ab".repeat(32);
        assertEquals("http://h/v2/r/blobs/uploads/1?digest=" + digest,
                Locations.withDigest(URI.create("http://h/v2/r/blobs/uploads/1"), digest).toString());
        assertEquals("http://h/v2/r/blobs/uploads/1?_state=x%3D%3D&digest=" + digest,
                Locations.withDigest(URI.create("http://h/v2/r/blobs/uploads/1?_state=x%3D%3D"), digest).toString());
    }

    @Test
    void aMissingLocationIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Locations.resolve(BASE, ""));
        assertThrows(IllegalArgumentException.class, () -> Locations.resolve(BASE, null));
    }
}
