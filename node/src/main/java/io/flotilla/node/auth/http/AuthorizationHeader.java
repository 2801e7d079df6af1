package io.flotilla.node.auth.http;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * An {@code Authorization} header taken apart without trusting it: Basic credentials or a Bearer token, or
 * {@link Malformed} with the reason. Lengths are bounded before any decoding, Basic must be valid base64 of
 * valid UTF-8 holding a ':', and control characters are refused anywhere.
 */
sealed interface AuthorizationHeader {

    /** Longer than any token this project issues (8 KiB) plus the scheme, and than any sane credentials. */
    int MAX_LENGTH = 8 * 1024 + 16;

    record None() implements AuthorizationHeader {
    }

    record Basic(String username, char[] password) implements AuthorizationHeader {
    }

    record Bearer(String token) implements AuthorizationHeader {
    }

    record Malformed(String reason) implements AuthorizationHeader {
    }

    static AuthorizationHeader parse(String header) {
        if (header == null || header.isEmpty()) {
            return new None();
        }
        if (header.length() > MAX_LENGTH) {
            return new Malformed("Authorization header longer than " + MAX_LENGTH + " characters");
        }
        int space = header.indexOf(' ');
        if (space <= 0) {
            return new Malformed("Authorization header has no scheme and value");
        }
        String scheme = header.substring(0, space).toLowerCase(Locale.ROOT);
        String value = header.substring(space + 1).strip();
        if (value.isEmpty()) {
            return new Malformed("Authorization header has an empty value");
        }
        return switch (scheme) {
            case "basic" -> basic(value);
            case "bearer" -> printable(value) ? new Bearer(value) : new Malformed("Bearer token holds bad characters");
            default -> new Malformed("unsupported authorization scheme");
        };
    }

    private static AuthorizationHeader basic(String value) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            return new Malformed("Basic credentials are not base64");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            return new Malformed("Basic credentials are not UTF-8");
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            return new Malformed("Basic credentials hold no ':'");
        }
        String user = text.substring(0, colon);
        if (text.chars().anyMatch(Character::isISOControl)) {
            return new Malformed("Basic credentials hold control characters");
        }
        return new Basic(user, text.substring(colon + 1).toCharArray());
    }

    private static boolean printable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }
}
