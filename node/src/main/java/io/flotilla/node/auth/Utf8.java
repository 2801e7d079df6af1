package io.flotilla.node.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/** Passwords as UTF-8 bytes without an interned String copy, so callers can wipe them after use. */
final class Utf8 {

    private Utf8() {
    }

    /**
     * The UTF-8 bytes of {@code chars}, or empty if they are not valid UTF-16 (a lone surrogate), which a
     * replacing encoder would map to the same bytes as other such passwords.
     */
    static Optional<byte[]> encode(char[] chars) {
        ByteBuffer buffer;
        try {
            buffer = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(chars));
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        Arrays.fill(buffer.array(), (byte) 0);
        return Optional.of(bytes);
    }
}
