package io.flotilla.storage.spi;

import java.io.Serializable;
import java.util.List;

/** Where a committed blob's bytes live: its pieces, in order. Reads stream them one after another. */
public record BlobLocation(List<Piece> pieces) implements Serializable {
    public BlobLocation {
        pieces = List.copyOf(pieces);
    }

    public static BlobLocation of(Piece piece) {
        return new BlobLocation(List.of(piece));
    }

    public long size() {
        long total = 0;
        for (Piece p : pieces) {
            total += p.length();
        }
        return total;
    }
}
