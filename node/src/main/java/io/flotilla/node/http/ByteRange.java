package io.flotilla.node.http;

import io.flotilla.node.registry.ErrorCode;
import io.flotilla.node.registry.RegistryException;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A single satisfiable byte range of a blob, from a {@code Range: bytes=...} request header. */
record ByteRange(long start, long length) {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,19})-(\\d{0,19})");

    long end() {
        return start + length - 1;
    }

    String contentRange(long size) {
        return "bytes " + start + "-" + end() + "/" + size;
    }

    /**
     * The range to serve, or empty to serve the whole blob (no header, or a form this server does not
     * honour, such as several ranges, which RFC 9110 lets a server ignore). A well-formed range that
     * lies outside the blob raises RANGE_INVALID with {@code Content-Range: bytes *}{@code /size}.
     */
    static Optional<ByteRange> parse(String header, long size) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = SINGLE.matcher(header.strip());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return Optional.empty();
        }
        if (m.group(1).isEmpty()) {
            long suffix = position(m.group(2));
            if (suffix == 0 || size == 0) {
                throw unsatisfiable(size);
            }
            long length = Math.min(suffix, size);
            return Optional.of(new ByteRange(size - length, length));
        }
        long start = position(m.group(1));
        long last = m.group(2).isEmpty() ? size - 1 : Math.min(position(m.group(2)), size - 1);
        if (start >= size || (!m.group(2).isEmpty() && position(m.group(2)) < start)) {
            throw unsatisfiable(size);
        }
        return Optional.of(new ByteRange(start, last - start + 1));
    }

    /** A position of up to 19 digits; one past {@code Long.MAX_VALUE} lies beyond any blob, so it saturates. */
    private static long position(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static RegistryException unsatisfiable(long size) {
        return new RegistryException(ErrorCode.RANGE_INVALID, "the blob holds " + size + " bytes",
                Map.of("Content-Range", "bytes */" + size));
    }
}
