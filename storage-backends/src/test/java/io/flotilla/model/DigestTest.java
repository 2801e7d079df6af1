package io.flotilla.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DigestTest {
    private static final String HEX64 = "a".repeat(64);

    @ParameterizedTest
    @CsvSource({
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855, SHA256",
            "sha512:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
                    + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, SHA512"})
    void validDigestsParseAndPrintBack(String text, DigestAlgorithm algorithm) {
        Digest d = Digest.parse(text);
        assertEquals(algorithm, d.algorithm());
        assertEquals(text, d.toString());
    }

    static Stream<String> invalidDigests() {
        return Stream.of("sha256", "sha256:", ":" + HEX64, "sha256:" + "A".repeat(64), "sha256:" + "a".repeat(63),
                "sha256:" + "a".repeat(65), "sha256:" + "g".repeat(64), "md5:" + "a".repeat(32),
                "sha384:" + "a".repeat(96), "SHA256:" + HEX64, "sha256:" + HEX64 + "\n", "sha256:" + HEX64 + " ",
                "sha256:" + "a".repeat(300));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @MethodSource("invalidDigests")
    void invalidDigestsAreRejected(String text) {
        assertThrows(InvalidDigestException.class, () -> Digest.parse(text));
    }

    @Test
    void unsupportedAlgorithmsSaySo() {
        InvalidDigestException e = assertThrows(InvalidDigestException.class, () -> Digest.parse("md5:" + "a".repeat(32)));
        assertTrue(e.getMessage().contains("unsupported"), e.getMessage());
    }

    @Test
    void computesTheKnownHashOfEmptyInput() {
        assertEquals("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                Digest.sha256(new byte[0]).toString());
        assertEquals(Digest.sha256("abc".getBytes(StandardCharsets.UTF_8)),
                Digest.compute(DigestAlgorithm.SHA256, "abc".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void ordersByText() {
        Digest a = Digest.parse("sha256:" + "0".repeat(64));
        Digest b = Digest.parse("sha256:" + HEX64);
        Digest c = Digest.parse("sha512:" + "0".repeat(128));
        assertTrue(a.compareTo(b) < 0);
        assertTrue(b.compareTo(c) < 0);
    }
}
