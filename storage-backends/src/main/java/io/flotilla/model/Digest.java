package io.flotilla.model;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest such as {@code sha256:<64 hex>}. Parsing follows the OCI grammar and then
 * requires a supported algorithm with an encoding of exactly the right length in lowercase hex.
 */
public record Digest(DigestAlgorithm algorithm, String hex) implements Comparable<Digest>, java.io.Serializable {

    private static final Pattern GRAMMAR = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");
    private static final Pattern LOWER_HEX = Pattern.compile("[0-9a-f]+");

    public Digest {
        if (hex.length() != algorithm.hexLength() || !LOWER_HEX.matcher(hex).matches()) {
            throw new InvalidDigestException("digest encoding must be " + algorithm.hexLength()
                    + " lowercase hex characters for " + algorithm.prefix());
        }
    }

    /** Parses a digest string, throwing {@link InvalidDigestException} with a reason a client can read. */
    public static Digest parse(String text) {
        if (text == null || text.length() > 256 || !GRAMMAR.matcher(text).matches()) {
            throw new InvalidDigestException("not a digest: " + Names.printable(text));
        }
        int colon = text.indexOf(':');
        DigestAlgorithm algorithm = DigestAlgorithm.byPrefix(text.substring(0, colon))
                .orElseThrow(() -> new InvalidDigestException("unsupported digest algorithm: "
                        + Names.printable(text.substring(0, colon))));
        return new Digest(algorithm, text.substring(colon + 1));
    }

    /** True when the text looks like a digest (has the digest grammar), even if it is invalid. */
    public static boolean looksLikeDigest(String text) {
        return text != null && text.indexOf(':') > 0;
    }

    public static Digest of(DigestAlgorithm algorithm, MessageDigest finished) {
        return new Digest(algorithm, HexFormat.of().formatHex(finished.digest()));
    }

    public static Digest compute(DigestAlgorithm algorithm, byte[] content) {
        MessageDigest md = algorithm.newMessageDigest();
        md.update(content);
        return of(algorithm, md);
    }

    public static Digest sha256(byte[] content) {
        return compute(DigestAlgorithm.SHA256, content);
    }

    @Override
    public String toString() {
        return algorithm.prefix() + ":" + hex;
    }

    @Override
    public int compareTo(Digest other) {
        return toString().compareTo(other.toString());
    }
}
