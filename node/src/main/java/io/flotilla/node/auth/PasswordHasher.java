package io.flotilla.node.auth;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Argon2id password hashes for local accounts, stored as PHC strings
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, unpadded standard base64), so the reference
 * {@code argon2} tool and other libraries read and write the same strings.
 *
 * <p>A stored hash is data, not trusted code: {@link #verify} refuses any string it did not parse strictly,
 * and any parameters above {@link Params}' caps, rather than spending what a planted hash asks for. It
 * answers false for every refusal and never throws.
 *
 * <p>Cost, measured on this project's 2-core build machine under load: one hash or verify at the default
 * parameters takes about 40 ms of one core once the JIT has warmed up (the first in a fresh JVM, about
 * 0.65 s) and 19 MiB of heap; BouncyCastle's pure-Java Argon2 runs its lanes one after another. So callers
 * keep it off the hot path ({@link CredentialCache}) and bound how many run at once.
 */
public final class PasswordHasher {

    /** Bounds the work one login can ask for; no honest password is longer. */
    public static final int MAX_PASSWORD_CHARS = 1024;
    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] URL_SAFE =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();

    private final Params params;

    public PasswordHasher(Params params) {
        this.params = Objects.requireNonNull(params, "params");
    }

    public PasswordHasher() {
        this(Params.OWASP);
    }

    /**
     * Argon2id cost parameters. The caps bound what verifying any stored hash may cost: RFC 9106's
     * memory-constrained recommendation (64 MiB) is the most we allocate, because each concurrent login
     * holds that much heap; more iterations only burn CPU, so ten is plenty.
     *
     * @param memoryKiB   memory in KiB, at least 8 per lane
     * @param iterations  passes over the memory
     * @param parallelism lanes
     */
    public record Params(int memoryKiB, int iterations, int parallelism) {

        public static final int MAX_MEMORY_KIB = 64 * 1024;
        public static final int MAX_ITERATIONS = 10;
        public static final int MAX_PARALLELISM = 16;
        /** OWASP's Password Storage Cheat Sheet default for Argon2id: m=19 MiB, t=2, p=1. */
        public static final Params OWASP = new Params(19 * 1024, 2, 1);

        public Params {
            if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
                throw new IllegalArgumentException("parallelism " + parallelism + " must be between 1 and " + MAX_PARALLELISM);
            }
            if (iterations < 1 || iterations > MAX_ITERATIONS) {
                throw new IllegalArgumentException("iterations " + iterations + " must be between 1 and " + MAX_ITERATIONS);
            }
            if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
                throw new IllegalArgumentException("memory " + memoryKiB + " KiB must be between 8 KiB per lane and "
                        + MAX_MEMORY_KIB + " KiB");
            }
        }
    }

    public Params params() {
        return params;
    }

    /**
     * @return a PHC string with a fresh random salt
     * @throws IllegalArgumentException for an empty password (LDAP would take it as an anonymous bind, and a
     *                                  local account must not differ), one over {@link #MAX_PASSWORD_CHARS},
     *                                  or one that is not valid UTF-16 (a lone surrogate)
     */
    public String hash(char[] password) {
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("a password must not be empty");
        }
        if (password.length > MAX_PASSWORD_CHARS) {
            throw new IllegalArgumentException("a password must be at most " + MAX_PASSWORD_CHARS + " characters");
        }
        byte[] passwordBytes = Utf8.encode(password)
                .orElseThrow(() -> new IllegalArgumentException("a password must be valid Unicode text"));
        try {
            byte[] salt = new byte[SALT_BYTES];
            RANDOM.nextBytes(salt);
            byte[] hash = argon2id(passwordBytes, salt, null, null, params, HASH_BYTES);
            return new PhcHash(params, salt, hash).encode();
        } finally {
            Arrays.fill(passwordBytes, (byte) 0);
        }
    }

    /** Whether {@code password} matches {@code encoded}; false, never an exception, for anything refused. */
    public boolean verify(char[] password, String encoded) {
        if (password == null || password.length == 0 || password.length > MAX_PASSWORD_CHARS) {
            return false;
        }
        Optional<PhcHash> stored = PhcHash.parse(encoded);
        if (stored.isEmpty()) {
            return false;
        }
        Optional<byte[]> passwordBytes = Utf8.encode(password);
        if (passwordBytes.isEmpty()) {
            return false;
        }
        try {
            PhcHash phc = stored.get();
            byte[] actual = argon2id(passwordBytes.get(), phc.salt(), null, null, phc.params(), phc.hash().length);
            return MessageDigest.isEqual(actual, phc.hash());
        } catch (RuntimeException e) {
            return false; // a library surprise on a hostile hash is still just "no"
        } finally {
            Arrays.fill(passwordBytes.get(), (byte) 0);
        }
    }

    /**
     * Whether {@code encoded} should be replaced after the next successful login: it was made with other
     * parameters or another hash length, or it is not a hash this class can verify at all.
     */
    public boolean needsRehash(String encoded) {
        return PhcHash.parse(encoded)
                .map(phc -> !phc.params().equals(params) || phc.hash().length != HASH_BYTES)
                .orElse(true);
    }

    /** A random password for a bootstrap account: 24 characters of URL-safe base64, 144 bits. */
    public static char[] randomPassword() {
        char[] password = new char[24];
        for (int i = 0; i < password.length; i++) {
            password[i] = URL_SAFE[RANDOM.nextInt(URL_SAFE.length)];
        }
        return password;
    }

    /**
     * Raw Argon2id (version 0x13). The secret and associated data exist for RFC 9106's test vector; the
     * stored hashes use neither.
     */
    static byte[] argon2id(byte[] password, byte[] salt, byte[] secret, byte[] associatedData, Params params, int length) {
        Argon2Parameters.Builder builder = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(params.memoryKiB())
                .withIterations(params.iterations())
                .withParallelism(params.parallelism())
                .withSalt(salt);
        if (secret != null) {
            builder.withSecret(secret);
        }
        if (associatedData != null) {
            builder.withAdditional(associatedData);
        }
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(builder.build());
        byte[] out = new byte[length];
        generator.generateBytes(password, out);
        return out;
    }
}
