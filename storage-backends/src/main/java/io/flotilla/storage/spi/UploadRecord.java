package io.flotilla.storage.spi;

import io.flotilla.model.Digest;
import io.flotilla.model.RepositoryName;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A durable upload in flight: the staged pieces received so far, in order. GC and cleanup read these
 * rows, never the cluster's soft state. {@code committedAs} is null until a commit claims the upload for
 * a digest; a row left with it set tells cleanup that its pieces may already belong to that blob.
 */
public record UploadRecord(String id, RepositoryName repo, List<Piece> pieces, Instant started, Instant touched,
                           Digest committedAs) implements Serializable {

    public UploadRecord {
        pieces = List.copyOf(pieces);
    }

    public static UploadRecord start(String id, RepositoryName repo, Instant now) {
        return new UploadRecord(id, repo, List.of(), now, now, null);
    }

    /** Bytes received so far: the offset the next chunk must start at. */
    public long size() {
        long total = 0;
        for (Piece p : pieces) {
            total += p.length();
        }
        return total;
    }

    public UploadRecord withPiece(Piece piece, Instant now) {
        List<Piece> more = new ArrayList<>(pieces);
        more.add(piece);
        return new UploadRecord(id, repo, more, started, now, null);
    }

    /** The row as a commit of {@code pieces} to {@code digest} leaves it until the upload is forgotten. */
    public UploadRecord committing(List<Piece> finalPieces, Digest digest, Instant now) {
        return new UploadRecord(id, repo, finalPieces, started, now, digest);
    }
}
