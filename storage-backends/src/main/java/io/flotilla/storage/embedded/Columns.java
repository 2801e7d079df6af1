package io.flotilla.storage.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.model.Digest;
import io.flotilla.storage.spi.Piece;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Converts values to and from their column form: instants as epoch nanoseconds, collections as JSON. */
final class Columns {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<PieceJson>> PIECES = new TypeReference<>() { };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };

    /** The JSON shape of a piece; kept separate so that the SPI record can change without breaking old rows. */
    private record PieceJson(String key, long length) {
    }

    private Columns() {
    }

    /** A time to store; times that do not fit in 64-bit nanoseconds (years before 1678 or after 2262) are refused. */
    static long nanos(Instant t) {
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("time out of range for the metadata store: " + t, e);
        }
    }

    /** A time to compare against: clamped, so that Instant.MAX and MIN work as open bounds. */
    static long boundNanos(Instant t) {
        if (t.isAfter(Instant.ofEpochSecond(0, Long.MAX_VALUE))) {
            return Long.MAX_VALUE;
        }
        if (t.isBefore(Instant.ofEpochSecond(0, Long.MIN_VALUE))) {
            return Long.MIN_VALUE;
        }
        return nanos(t);
    }

    static Long nullableNanos(Instant t) {
        return t == null ? null : nanos(t);
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(0, nanos);
    }

    static Instant nullableInstant(ResultSet rs, String column) throws SQLException {
        long nanos = rs.getLong(column);
        return rs.wasNull() ? null : instant(nanos);
    }

    static String text(Object value) {
        return value == null ? null : value.toString();
    }

    static Digest digest(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        return text == null ? null : Digest.parse(text);
    }

    static String pieces(List<Piece> pieces) {
        return write(pieces.stream().map(p -> new PieceJson(p.key(), p.length())).toList());
    }

    static List<Piece> pieces(String json) {
        return read(json, PIECES).stream().map(p -> new Piece(p.key(), p.length())).toList();
    }

    static String digests(List<Digest> digests) {
        return write(digests.stream().map(Digest::toString).toList());
    }

    static List<Digest> digests(String json) {
        List<Digest> out = new ArrayList<>();
        for (String d : read(json, STRINGS)) {
            out.add(Digest.parse(d));
        }
        return out;
    }

    static String stringMap(Map<String, String> map) {
        return write(map);
    }

    static Map<String, String> stringMap(String json) {
        return read(json, STRING_MAP);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode column value", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt JSON column: " + e.getOriginalMessage(), e);
        }
    }
}
