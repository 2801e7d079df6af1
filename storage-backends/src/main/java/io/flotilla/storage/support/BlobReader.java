package io.flotilla.storage.support;

import io.flotilla.storage.spi.BlobLocation;
import io.flotilla.storage.spi.BlobStore;
import io.flotilla.storage.spi.Piece;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/** Reads a committed blob, which may be several staged pieces, as one stream of bytes. */
public final class BlobReader {
    private final BlobStore store;

    public BlobReader(BlobStore store) {
        this.store = store;
    }

    /**
     * Opens bytes {@code [offset, offset + length)} of the blob at {@code location}. Pieces are opened one at
     * a time as the stream reaches them, so a long read holds one backend stream at a time.
     */
    public InputStream open(BlobLocation location, long offset, long length) {
        if (offset < 0 || length < 0 || offset > location.size() - length) {
            throw new IllegalArgumentException("range " + offset + "+" + length
                    + " is outside a blob of " + location.size() + " bytes");
        }
        List<Segment> segments = new ArrayList<>();
        long pieceStart = 0;
        long end = offset + length;
        for (Piece piece : location.pieces()) {
            long pieceEnd = pieceStart + piece.length();
            long from = Math.max(offset, pieceStart);
            long to = Math.min(end, pieceEnd);
            if (from < to) {
                segments.add(new Segment(piece, from - pieceStart, to - from));
            }
            pieceStart = pieceEnd;
        }
        return new SegmentsInputStream(store, segments, length);
    }

    /** Feeds every byte of the blob at {@code location} to {@code digest}; returns how many bytes that was. */
    public long digest(BlobLocation location, MessageDigest digest) throws IOException {
        long total = 0;
        for (Piece piece : location.pieces()) {
            try (InputStream in = store.open(piece, 0, piece.length())) {
                total += Batches.pump(in, (batch, n) -> digest.update(batch, 0, n));
            }
        }
        return total;
    }

    private record Segment(Piece piece, long offset, long length) {
    }

    /**
     * Concatenates segments, opening each lazily and closing it once drained; the last one closes with this
     * stream.
     */
    private static final class SegmentsInputStream extends BoundedInputStream {
        private final BlobStore store;
        private final List<Segment> segments;
        private int next;
        private InputStream current;

        SegmentsInputStream(BlobStore store, List<Segment> segments, long length) {
            super(source(segments), length);
            this.store = store;
            this.segments = segments;
        }

        /** Names the pieces read, for the error when the range falls short. */
        private static String source(List<Segment> segments) {
            if (segments.size() <= 1) {
                return segments.isEmpty() ? "an empty range" : segments.getFirst().piece().key();
            }
            return "pieces " + segments.getFirst().piece().key() + " to " + segments.getLast().piece().key();
        }

        @Override
        protected int readSome(byte[] b, int off, int len) throws IOException {
            while (true) {
                if (current == null) {
                    if (next == segments.size()) {
                        return -1;
                    }
                    Segment s = segments.get(next++);
                    current = store.open(s.piece(), s.offset(), s.length());
                }
                int n = current.read(b, off, len);
                if (n >= 0) {
                    return n;
                }
                current.close();
                current = null;
            }
        }

        @Override
        protected void onClose(long unread) throws IOException {
            if (current != null) {
                current.close();
            }
        }
    }
}
