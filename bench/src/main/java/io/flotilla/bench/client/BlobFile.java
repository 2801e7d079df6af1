package io.flotilla.bench.client;

import java.nio.file.Path;
import java.util.List;

/**
 * A blob to push, held in files: one file for a monolithic push, or one file per chunk for a chunked push
 * (curl uploads whole files, so the chunks are cut when the blob is made).
 *
 * @param name    a short name for logs, also nginx's file name for it
 * @param parts   the blob's bytes, in order
 * @param size    the sum of the parts' sizes
 * @param digest  {@code sha256:<hex>} of all the bytes
 */
public record BlobFile(String name, List<Path> parts, long size, String digest) {

    public BlobFile {
        parts = List.copyOf(parts);
    }

    public boolean chunked() {
        return parts.size() > 1;
    }

    /** The one file of a monolithic blob. */
    public Path file() {
        if (chunked()) {
            throw new IllegalStateException(name + " is held in " + parts.size() + " chunks");
        }
        return parts.getFirst();
    }
}
