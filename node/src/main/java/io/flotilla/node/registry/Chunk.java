package io.flotilla.node.registry;

import java.io.InputStream;

/**
 * The body of a PATCH or final PUT: its bytes, and the {@code Content-Range} start and end the client
 * declared ({@code start < 0} when it declared none).
 */
public record Chunk(InputStream body, long start, long end) {

    public static Chunk unranged(InputStream body) {
        return new Chunk(body, -1, -1);
    }

    public boolean ranged() {
        return start >= 0;
    }

    public long declaredLength() {
        return end - start + 1;
    }
}
