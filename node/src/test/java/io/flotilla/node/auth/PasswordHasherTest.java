package io.flotilla.node.auth;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import io.flotilla.node.auth.PasswordHasher.Params;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHasherTest {

    private static final char[] PASSWORD = "correct horse battery staple".toCharArray();
    /** The reference argon2 tool's hash of PASSWORD (see below); the malformed cases each spoil it in one way. */
    private static final String REFERENCE = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$QKHrg5tayLGcN+Y0HVPNaBqykOVLUxlMkZycXE1uWRM";
    /** Cheap parameters for tests that are about the format, not the cost. */
    private static final Params CHEAP = new Params(64, 1, 1);

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void aHashVerifiesWithItsPasswordOnly() {
        String encoded = hasher.hash(PASSWORD);
        assertTrue(encoded.matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"), encoded);
        assertTrue(hasher.verify(PASSWORD, encoded));
        assertFalse(hasher.verify("correct horse battery stapler".toCharArray(), encoded));
        assertFalse(hasher.verify("Correct horse battery staple".toCharArray(), encoded));
    }

    @Test
    void twoHashesOfOnePasswordDifferBySalt() {
        String first = hasher.hash(PASSWORD);
        String second = hasher.hash(PASSWORD);
        assertNotEquals(first, second);
        assertNotEquals(first.split("\\$")[4], second.split("\\$")[4]);
    }

    /** RFC 9106 section 5.3: Argon2id with a secret and associated data, m=32 KiB, t=3, p=4. */
    @Test
    void argon2idMatchesRfc9106TestVector() {
        byte[] tag = PasswordHasher.argon2id(filled(32, 0x01), filled(16, 0x02), filled(8, 0x03), filled(12, 0x04),
                new Params(32, 3, 4), 32);
        assertArrayEquals(HexFormat.of().parseHex("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659"), tag);
    }

    /**
     * Strings written by the reference implementation's CLI (Debian's argon2 0~20171227), e.g.
     * {@code echo -n 'correct horse battery staple' | argon2 saltsaltsaltsalt -id -t 2 -k 19456 -p 1 -l 32}:
     * our PHC parsing, base64 and UTF-8 handling agree with it.
     */
    @Test
    void verifiesHashesWrittenByTheReferenceArgon2Tool() {
        assertTrue(hasher.verify(PASSWORD, REFERENCE));
        assertFalse(hasher.needsRehash(REFERENCE));

        String nonAscii = "$argon2id$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$yxo0u725ht/u+ArqyyL37VGxPOyFMvsz2eBUq2J6aH8";
        assertTrue(hasher.verify("p\u00e4ssw\u00f6rd".toCharArray(), nonAscii));
        assertFalse(hasher.verify("passwd".toCharArray(), nonAscii));
    }

    @Test
    void aTamperedHashDoesNotVerify() {
        PasswordHasher cheap = new PasswordHasher(CHEAP);
        String encoded = cheap.hash(PASSWORD);
        assertTrue(cheap.verify(PASSWORD, encoded));
        String[] parts = encoded.split("\\$");
        int hashStart = encoded.lastIndexOf('$') + 1;

        assertFalse(cheap.verify(PASSWORD, replaceAt(encoded, hashStart, otherChar(encoded.charAt(hashStart)))));
        int saltStart = hashStart - 1 - parts[4].length();
        assertFalse(cheap.verify(PASSWORD, replaceAt(encoded, saltStart, otherChar(encoded.charAt(saltStart)))));
        assertFalse(cheap.verify(PASSWORD, encoded.replace("m=64,", "m=72,")));
        assertFalse(cheap.verify(PASSWORD, encoded.replace("t=1,", "t=2,")));
        assertFalse(cheap.verify(PASSWORD, encoded.substring(0, encoded.length() - 4))); // a shorter hash
    }

    /** 32 bytes are 43 base64 characters whose last carries 2 unused bits: a second spelling of one hash. */
    @Test
    void aNonCanonicalSpellingOfARightHashIsRefused() {
        PasswordHasher cheap = new PasswordHasher(CHEAP);
        String encoded = cheap.hash(PASSWORD);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        int last = encoded.length() - 1;
        String respelled = replaceAt(encoded, last, alphabet.charAt(alphabet.indexOf(encoded.charAt(last)) + 1));
        String hashOf = encoded.substring(encoded.lastIndexOf('$') + 1);
        String respelledHash = respelled.substring(respelled.lastIndexOf('$') + 1);
        assertArrayEquals(Base64.getDecoder().decode(hashOf), Base64.getDecoder().decode(respelledHash));

        assertFalse(cheap.verify(PASSWORD, respelled));
        assertFalse(cheap.verify(PASSWORD, encoded.replace("m=64,", "m=064,")));
    }

    @Test
    void theUnspoiledStringVerifies() {
        assertTrue(hasher.verify(PASSWORD, REFERENCE));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "$argon2id$",
            "argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$QKHrg5tayLGcN+Y0HVPNaBqykOVLUxlMkZycXE1uWRM", // no leading $
            "$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$QKHrg5tayLGcN+Y0HVPNaBqykOVLUxlMkZycXE1uWRM", // another variant
            "$argon2d$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$QKHrg5tayLGcN+Y0HVPNaBqykOVLUxlMkZycXE1uWRM",
            "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy", // bcrypt
            "$argon2id$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$QKHrg5tayLGcN+Y0HVPNaBqykOVLUxlMkZycXE1uWRM", // no version: Argon2 1.0
            "$argon2id$v=16$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$QKHrg5tayLGcN+Y0HVPNaBqykOVLUxlMkZycXE1uWRM",
            "$argon2id$v=19$t=2,m=19456,p=1$c2FsdHNhbHRzYWx0c2FsdA$QKHrg5tayLGcN+Y0HVPNaBqykOVLUxlMkZycXE1uWRM", // parameters out of order
            "$argon2id$v=19$m=019456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$QKHrg5tayLGcN+Y0HVPNaBqykOVLUxlMkZycXE1uWRM", // leading zero
            "$argon2id$v=19$m=19456,t=2,p=1,keyid=x$c2FsdHNhbHRzYWx0c2FsdA$QKHrg5tayLGcN+Y0HVPNaBqykOVLUxlMkZycXE1uWRM", // extra parameter
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA==$QKHrg5tayLGcN+Y0HVPNaBqykOVLUxlMkZycXE1uWRM", // padded base64
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNh!HRzYWx0c2FsdA$QKHrg5tayLGcN+Y0HVPNaBqykOVLUxlMkZycXE1uWRM", // outside the alphabet
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$QKHrg5tayLGcN-Y0HVPNaBqykOVLUxlMkZycXE1uWRM", // URL-safe alphabet
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2Fsd$QKHrg5tayLGcN+Y0HVPNaBqykOVLUxlMkZycXE1uWRM", // impossible base64 length
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$QKHrg5tayLGcN+Y0HVPNaBqykOVLUxlMkZycXE1uWRM$x", // extra field
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$QKHrg5tayLGcN+Y0HVPNaBqykOVLUxlMkZycXE1uWRM ", // trailing space
            " $argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$QKHrg5tayLGcN+Y0HVPNaBqykOVLUxlMkZycXE1uWRM", // leading space
            "$argon2id$v=19$m=19456,t=2,p=1$$QKHrg5tayLGcN+Y0HVPNaBqykOVLUxlMkZycXE1uWRM", // empty salt
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$QKHrg5tayLGcN+Y0HVPNaBqykOVLUxlMkZycXE1uWRM", // salt under 8 bytes
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$QKHrg5tayLGc", // hash under 16 bytes
            "$argon2id$v=19$m=0,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$QKHrg5tayLGcN+Y0HVPNaBqykOVLUxlMkZycXE1uWRM",
            "$argon2id$v=19$m=19456,t=0,p=1$c2FsdHNhbHRzYWx0c2FsdA$QKHrg5tayLGcN+Y0HVPNaBqykOVLUxlMkZycXE1uWRM",
            "$argon2id$v=19$m=19456,t=2,p=0$c2FsdHNhbHRzYWx0c2FsdA$QKHrg5tayLGcN+Y0HVPNaBqykOVLUxlMkZycXE1uWRM",
            "$argon2id$v=19$m=-19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$QKHrg5tayLGcN+Y0HVPNaBqykOVLUxlMkZycXE1uWRM",
            "$argon2id$v=19$m=4194304,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$QKHrg5tayLGcN+Y0HVPNaBqykOVLUxlMkZycXE1uWRM", // 4 GiB
            "$argon2id$v=19$m=99999999999,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$QKHrg5tayLGcN+Y0HVPNaBqykOVLUxlMkZycXE1uWRM", // eleven digits
            "$argon2id$v=19$m=9999999999,t=9999999999,p=9999999999$c2FsdHNhbHRzYWx0c2FsdA$QKHrg5tayLGcN+Y0HVPNaBqykOVLUxlMkZycXE1uWRM",
            "$argon2id$v=19$m=19456,t=1000000,p=1$c2FsdHNhbHRzYWx0c2FsdA$QKHrg5tayLGcN+Y0HVPNaBqykOVLUxlMkZycXE1uWRM",
            "$argon2id$v=19$m=19456,t=2,p=255$c2FsdHNhbHRzYWx0c2FsdA$QKHrg5tayLGcN+Y0HVPNaBqykOVLUxlMkZycXE1uWRM",
            "\uff04argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$QKHrg5tayLGcN+Y0HVPNaBqykOVLUxlMkZycXE1uWRM", // a fullwidth dollar
    })
    void aMalformedHashIsRefusedByTheParserAndIsFalseNotAnException(String encoded) {
        assertTrue(PhcHash.parse(encoded).isEmpty());
        assertFalse(hasher.verify(PASSWORD, encoded));
        assertTrue(hasher.needsRehash(encoded));
    }

    @Test
    void aHugeStringIsRefusedBeforeParsing() {
        String huge = "$argon2id$v=19$m=64,t=1,p=1$" + "A".repeat(1_000_000) + "$" + "A".repeat(43);
        assertFalse(hasher.verify(PASSWORD, huge));
    }

    /** Real hashes just past each cap, made around our code: refused even with the right password. */
    @Test
    void parametersPastTheCapsAreRefusedNotComputed() {
        int maxMemory = Params.MAX_MEMORY_KIB;
        assertTrue(hasher.verify(PASSWORD, referenceHash(maxMemory, 1, 1))); // the cap itself is allowed
        assertFalse(hasher.verify(PASSWORD, referenceHash(maxMemory + 1024, 1, 1)));

        assertTrue(hasher.verify(PASSWORD, referenceHash(64, Params.MAX_ITERATIONS, 1)));
        assertFalse(hasher.verify(PASSWORD, referenceHash(64, Params.MAX_ITERATIONS + 1, 1)));

        int lanes = Params.MAX_PARALLELISM;
        assertTrue(hasher.verify(PASSWORD, referenceHash(8 * (lanes + 1), 1, lanes)));
        assertFalse(hasher.verify(PASSWORD, referenceHash(8 * (lanes + 1), 1, lanes + 1)));
    }

    @Test
    void needsRehashWhenParametersOrLengthDiffer() {
        String current = hasher.hash(PASSWORD);
        assertFalse(hasher.needsRehash(current));

        PasswordHasher stronger = new PasswordHasher(new Params(19 * 1024, 3, 1));
        assertTrue(stronger.needsRehash(current));
        assertTrue(stronger.verify(PASSWORD, current)); // still verifies until it is replaced
        assertTrue(hasher.needsRehash(new PasswordHasher(CHEAP).hash(PASSWORD)));

        byte[] salt = filled(16, 0x02);
        byte[] shortHash = PasswordHasher.argon2id(bytes(PASSWORD), salt, null, null, Params.OWASP, 16);
        String sixteenBytes = new PhcHash(Params.OWASP, salt, shortHash).encode();
        assertTrue(hasher.verify(PASSWORD, sixteenBytes));
        assertTrue(hasher.needsRehash(sixteenBytes));
    }

    @Test
    void passwordsAreBoundedAndMustBeText() {
        assertThrows(IllegalArgumentException.class, () -> hasher.hash(new char[0]));
        char[] longest = new char[PasswordHasher.MAX_PASSWORD_CHARS];
        Arrays.fill(longest, 'x');
        char[] tooLong = new char[PasswordHasher.MAX_PASSWORD_CHARS + 1];
        Arrays.fill(tooLong, 'x');
        assertThrows(IllegalArgumentException.class, () -> hasher.hash(tooLong));

        PasswordHasher cheap = new PasswordHasher(CHEAP);
        String encoded = cheap.hash(longest);
        assertTrue(cheap.verify(longest, encoded));
        assertFalse(cheap.verify(tooLong, encoded)); // refused before any work, even sharing the right prefix
        assertFalse(cheap.verify(new char[0], encoded));
        assertFalse(cheap.verify(null, encoded));

        char[] loneSurrogate = {'a', '\ud800', 'b'};
        assertThrows(IllegalArgumentException.class, () -> cheap.hash(loneSurrogate));
        assertFalse(cheap.verify(loneSurrogate, encoded));
    }

    @Test
    void paramsOutsideTheCapsCannotBeConfigured() {
        assertThrows(IllegalArgumentException.class, () -> new Params(Params.MAX_MEMORY_KIB + 1, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> new Params(19 * 1024, Params.MAX_ITERATIONS + 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Params(19 * 1024, 2, Params.MAX_PARALLELISM + 1));
        assertThrows(IllegalArgumentException.class, () -> new Params(15, 2, 2)); // under 8 KiB per lane
        assertThrows(IllegalArgumentException.class, () -> new Params(19 * 1024, 0, 1));
    }

    @Test
    void randomPasswordsAreUrlSafeAndDistinct() {
        char[] first = PasswordHasher.randomPassword();
        char[] second = PasswordHasher.randomPassword();
        assertEquals(24, first.length);
        assertTrue(new String(first).matches("[A-Za-z0-9_-]{24}"), new String(first));
        assertFalse(Arrays.equals(first, second));
    }

    /** A PHC string computed by BouncyCastle directly, so the test can make hashes our Params refuse. */
    private static String referenceHash(int memoryKiB, int iterations, int parallelism) {
        byte[] salt = filled(16, 0x07);
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKiB).withIterations(iterations).withParallelism(parallelism)
                .withSalt(salt).build());
        byte[] hash = new byte[32];
        generator.generateBytes(bytes(PASSWORD), hash);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism
                + '$' + b64.encodeToString(salt) + '$' + b64.encodeToString(hash);
    }

    private static byte[] bytes(char[] chars) {
        return new String(chars).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static char otherChar(char c) {
        return c == 'A' ? 'B' : 'A';
    }

    private static String replaceAt(String s, int index, char c) {
        return s.substring(0, index) + c + s.substring(index + 1);
    }
}
