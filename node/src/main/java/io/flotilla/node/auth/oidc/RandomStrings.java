package io.flotilla.node.auth.oidc;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable URL-safe strings for state, nonce, PKCE verifiers and CLI secrets. */
final class RandomStrings {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private RandomStrings() {
    }

    /** {@code bytes} random bytes as unpadded base64url: 32 bytes give 43 characters and 256 bits. */
    static String urlSafe(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return URL_SAFE.encodeToString(raw);
    }
}
