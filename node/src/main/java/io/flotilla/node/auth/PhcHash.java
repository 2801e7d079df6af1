package io.flotilla.node.auth;

import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.flotilla.node.auth.PasswordHasher.Params;

/**
 * An Argon2id hash in the PHC string format, {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>}
 * with unpadded standard base64. Parsing is strict and canonical: the string must re-encode to itself, so
 * there is exactly one spelling of each hash (no leading zeros, no stray low bits in the last base64
 * character, no padding) and nothing in a stored string goes unchecked.
 *
 * @param params cost parameters, already within {@link Params}' caps
 * @param salt   8 to 64 bytes
 * @param hash   16 to 64 bytes
 */
record PhcHash(Params params, byte[] salt, byte[] hash) {

    /** A canonical hash at the caps is under 200 characters; anything longer is refused before the regex. */
    static final int MAX_LENGTH = 256;

    // Ten digits fit a long, so an absurd number is refused by the caps, not an overflow.
    private static final Pattern FORMAT = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,10}),t=(\\d{1,10}),p=(\\d{1,10})\\$([A-Za-z0-9+/]{11,86})\\$([A-Za-z0-9+/]{22,86})");
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();

    static Optional<PhcHash> parse(String encoded) {
        if (encoded == null || encoded.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(encoded);
        if (!m.matches()) {
            return Optional.empty();
        }
        long memory = Long.parseLong(m.group(1));
        long iterations = Long.parseLong(m.group(2));
        long parallelism = Long.parseLong(m.group(3));
        if (memory > Params.MAX_MEMORY_KIB || iterations > Params.MAX_ITERATIONS || parallelism > Params.MAX_PARALLELISM) {
            return Optional.empty(); // refused, never computed: a planted hash must not cost the node more
        }
        PhcHash phc;
        try {
            phc = new PhcHash(new Params((int) memory, (int) iterations, (int) parallelism),
                    Base64.getDecoder().decode(m.group(4)), Base64.getDecoder().decode(m.group(5)));
        } catch (IllegalArgumentException e) { // below the minimums, or base64 of an impossible length
            return Optional.empty();
        }
        return phc.encode().equals(encoded) ? Optional.of(phc) : Optional.empty();
    }

    PhcHash {
        if (salt.length < 8 || salt.length > 64) {
            throw new IllegalArgumentException("salt of " + salt.length + " bytes");
        }
        if (hash.length < 16 || hash.length > 64) {
            throw new IllegalArgumentException("hash of " + hash.length + " bytes");
        }
    }

    String encode() {
        return "$argon2id$v=19$m=" + params.memoryKiB() + ",t=" + params.iterations() + ",p=" + params.parallelism()
                + '$' + ENCODER.encodeToString(salt) + '$' + ENCODER.encodeToString(hash);
    }
}
