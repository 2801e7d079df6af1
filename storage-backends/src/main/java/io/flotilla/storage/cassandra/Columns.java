package io.flotilla.storage.cassandra;

import com.datastax.oss.driver.api.core.cql.Row;
import io.flotilla.model.Digest;
import io.flotilla.storage.spi.Piece;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Values to and from their column form. CQL timestamps keep milliseconds, the precision the contract
 * promises; pieces are two parallel frozen lists (keys and lengths), each one cell, so rewriting a row
 * leaves no collection tombstones behind.
 */
final class Columns {
    /** Work items and upload index entries live in hourly buckets. */
    static final long BUCKET_MILLIS = Duration.ofHours(1).toMillis();

    private Columns() {
    }

    /** A time to store; one outside the range of epoch milliseconds is refused. */
    static Instant time(Instant t) {
        try {
            t.toEpochMilli();
            return t;
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("time out of range for the metadata store: " + t, e);
        }
    }

    /** A time to compare against: clamped, so that Instant.MAX and MIN work as open bounds. */
    static Instant bound(Instant t) {
        if (t.isAfter(Instant.ofEpochMilli(Long.MAX_VALUE))) {
            return Instant.ofEpochMilli(Long.MAX_VALUE);
        }
        if (t.isBefore(Instant.ofEpochMilli(Long.MIN_VALUE))) {
            return Instant.ofEpochMilli(Long.MIN_VALUE);
        }
        return t;
    }

    /** The hourly bucket a time falls in. */
    static long bucket(Instant t) {
        return Math.floorDiv(bound(t).toEpochMilli(), BUCKET_MILLIS);
    }

    /** The first instant after a bucket. */
    static Instant bucketEnd(long bucket) {
        return Instant.ofEpochMilli((bucket + 1) * BUCKET_MILLIS);
    }

    /** Seconds a row written now should live: until {@code retention} after the end of its bucket. */
    static int ttlSeconds(long bucket, Duration retention, Instant now) {
        Instant end = bucketEnd(bucket);
        Instant from = end.isAfter(now) ? end : now;
        long seconds = Duration.between(now, from.plus(retention)).toSeconds();
        return (int) Math.max(1, Math.min(seconds, 20L * 365 * 24 * 3600)); // Cassandra caps TTLs at 20 years
    }

    static String text(Object value) {
        return value == null ? null : value.toString();
    }

    static Digest digest(Row row, String column) {
        String text = row.getString(column);
        return text == null || text.isEmpty() ? null : Digest.parse(text);
    }

    static List<String> digestTexts(List<Digest> digests) {
        return digests.stream().map(Digest::toString).toList();
    }

    static List<Digest> parseDigests(List<String> texts) {
        return texts == null ? List.of() : texts.stream().map(Digest::parse).toList();
    }

    static List<String> pieceKeys(List<Piece> pieces) {
        return pieces.stream().map(Piece::key).toList();
    }

    static List<Long> pieceLengths(List<Piece> pieces) {
        return pieces.stream().map(Piece::length).toList();
    }

    static List<Piece> pieces(Row row) {
        List<String> keys = row.getList("piece_keys", String.class);
        List<Long> lengths = row.getList("piece_lengths", Long.class);
        if (keys.size() != lengths.size()) {
            throw new IllegalStateException("corrupt piece list: " + keys.size() + " keys, " + lengths.size() + " lengths");
        }
        List<Piece> pieces = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            pieces.add(new Piece(keys.get(i), lengths.get(i)));
        }
        return pieces;
    }

    static ByteBuffer bytes(byte[] content) {
        return ByteBuffer.wrap(content);
    }

    static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return new byte[0];
        }
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    /** A listing limit: negative is a caller's bug; zero is answered without asking Cassandra. */
    static int limit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("negative limit " + limit);
        }
        return limit;
    }
}
