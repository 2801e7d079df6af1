package io.flotilla.node.auth.oidc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Proof Key for Code Exchange (RFC 7636), S256 only: the "plain" method would send the verifier itself in the
 * browser's URL, which is what PKCE exists to avoid.
 */
public final class Pkce {
    /** RFC 7636 section 4.1: 43 to 128 unreserved characters. */
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    public static final String METHOD = "S256";

    private Pkce() {
    }

    /** A fresh verifier: 32 random bytes as base64url, 43 characters, as RFC 7636 section 4.1 recommends. */
    public static String newVerifier() {
        return RandomStrings.urlSafe(32);
    }

    /** BASE64URL(SHA-256(ASCII(verifier))), the code_challenge sent with the authorization request. */
    public static String challenge(String verifier) {
        if (verifier == null || !VERIFIER.matcher(verifier).matches()) {
            throw new IllegalArgumentException("a PKCE verifier is 43 to 128 characters of [A-Za-z0-9._~-]");
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
