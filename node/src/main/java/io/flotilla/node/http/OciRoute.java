package io.flotilla.node.http;

import io.flotilla.model.Names;
import io.flotilla.model.RepositoryName;
import io.flotilla.node.registry.ErrorCode;
import io.flotilla.node.registry.RegistryException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request path under {@code /v2} taken apart: which resource it names, the repository and the last
 * segment (a reference, digest or upload id). Names are validated here; the other segment is validated
 * by the resource that knows its type.
 */
public record OciRoute(Kind kind, RepositoryName repo, String argument) {

    /** The resources of the API. The names double as the {@code route} label of metrics and logs. */
    public enum Kind { BASE, CATALOG, TAGS, MANIFEST, UPLOADS, UPLOAD, BLOB, REFERRERS }

    private record Shape(Kind kind, Pattern pattern) {
    }

    // Longest name first: each pattern is anchored on its suffix, so a name may itself contain "blobs".
    private static final List<Shape> SHAPES = List.of(
            new Shape(Kind.TAGS, Pattern.compile("/v2/(.+)/tags/list")),
            new Shape(Kind.MANIFEST, Pattern.compile("/v2/(.+)/manifests/([^/]+)")),
            new Shape(Kind.UPLOADS, Pattern.compile("/v2/(.+)/blobs/uploads/?")),
            new Shape(Kind.UPLOAD, Pattern.compile("/v2/(.+)/blobs/uploads/([^/]+)")),
            new Shape(Kind.BLOB, Pattern.compile("/v2/(.+)/blobs/([^/]+)")),
            new Shape(Kind.REFERRERS, Pattern.compile("/v2/(.+)/referrers/([^/]+)")));

    private static final int MAX_PATH = 2048;

    /** Parses a raw (still percent-encoded) request path; unknown shapes raise NOT_FOUND. */
    public static OciRoute parse(String rawPath) {
        String path = decode(rawPath);
        if (path.equals("/v2") || path.equals("/v2/")) {
            return new OciRoute(Kind.BASE, null, null);
        }
        if (path.equals("/v2/_catalog")) {
            return new OciRoute(Kind.CATALOG, null, null);
        }
        for (Shape shape : SHAPES) {
            Matcher m = shape.pattern().matcher(path);
            if (m.matches()) {
                RepositoryName repo = RepositoryName.parse(m.group(1));
                return new OciRoute(shape.kind(), repo, m.groupCount() > 1 ? m.group(2) : null);
            }
        }
        throw new RegistryException(ErrorCode.NOT_FOUND, "no endpoint at " + Names.printable(path));
    }

    /** The route label of a path for metrics, without raising: unknown or invalid paths are "other". */
    public static String label(String rawPath) {
        try {
            return parse(rawPath).kind().name().toLowerCase(java.util.Locale.ROOT);
        } catch (RuntimeException e) {
            return "other";
        }
    }

    /**
     * Strict percent-decoding: nothing the API uses needs encoding, so an encoded '/', a NUL or a
     * malformed escape is refused rather than interpreted, as is any raw character outside printable
     * ASCII (which must not be narrowed into an ASCII one).
     */
    private static String decode(String raw) {
        if (raw.length() > MAX_PATH) {
            throw new RegistryException(ErrorCode.NAME_INVALID, "request path too long");
        }
        byte[] out = new byte[raw.length()];
        int n = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                throw new RegistryException(ErrorCode.NAME_INVALID, "path holds a forbidden character");
            }
            if (c != '%') {
                out[n++] = (byte) c;
                continue;
            }
            int value = i + 2 < raw.length() ? hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2)) : -1;
            if (value < 0x20 || value == '/' || value == '\\' || value >= 0x7f) {
                throw new RegistryException(ErrorCode.NAME_INVALID, "path holds a forbidden escape");
            }
            out[n++] = (byte) value;
            i += 2;
        }
        return new String(out, 0, n, StandardCharsets.US_ASCII);
    }

    private static int hex(char c) {
        int d = Character.digit(c, 16);
        return d < 0 ? -1000 : d;
    }
}
