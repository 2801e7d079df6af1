package io.flotilla.storage.spi;

import java.io.Serializable;

/** One stored object: its backend key and its length in bytes. */
public record Piece(String key, long length) implements Serializable {
    public Piece {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("piece key must not be empty");
        }
        if (length < 0) {
            throw new IllegalArgumentException("piece length must not be negative");
        }
    }
}
