package io.flotilla.node.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * This node's own ES256 (P-256) signing keys, kept in {@code <data-dir>/auth/signing-keys/}. Exactly one
 * key is current and signs; {@link #rotate()} makes a new current key and retires the old one, which stays
 * (on disk and in {@link #publicKeys()}) until {@code retiredAt + maxTokenLifetime}, so every token it
 * signed can still be verified until it expires. Private keys never leave this class and its files.
 */
public final class SigningKeys {

    private final Path dir;
    private final Duration maxTokenLifetime;
    private final Clock clock;
    /** Oldest first; the last one is the current key. */
    private final List<SigningKey> keys = new ArrayList<>();

    private SigningKeys(Path dir, Duration maxTokenLifetime, Clock clock) {
        this.dir = dir;
        this.maxTokenLifetime = maxTokenLifetime;
        this.clock = clock;
    }

    /** The directory under a node's data directory where its keys live. */
    public static Path directoryUnder(Path dataDir) {
        return dataDir.resolve("auth").resolve("signing-keys");
    }

    /**
     * Loads the keys under {@code dataDir}, dropping those past their validity, and makes the first key
     * if none is left. {@code maxTokenLifetime} must be at least the lifetime of any token issued.
     */
    public static SigningKeys open(Path dataDir, Duration maxTokenLifetime, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        if (maxTokenLifetime.isNegative() || maxTokenLifetime.isZero()) {
            throw new IllegalArgumentException("maxTokenLifetime must be positive");
        }
        SigningKeys signingKeys = new SigningKeys(directoryUnder(dataDir), maxTokenLifetime, clock);
        signingKeys.load();
        return signingKeys;
    }

    public synchronized SigningKey current() {
        return keys.getLast();
    }

    /** Makes a new current key and retires the old. The new key is written first, so a crash loses no key. */
    public SigningKey rotate() {
        return rotate(key -> { });
    }

    /**
     * As {@link #rotate()}, handing the new public key to {@code publish} before it signs anything, so that
     * every node can verify its first token.
     */
    public synchronized SigningKey rotate(Consumer<ECKey> publish) {
        SigningKey fresh = generate();
        SigningKeyFiles.write(dir, fresh);
        publish.accept(fresh.publicJwk());
        retireAll();
        keys.add(fresh);
        prune();
        return fresh;
    }

    /** The public halves of every key whose tokens may still be live: what the JWKS will publish. */
    public synchronized List<ECKey> publicKeys() {
        prune();
        return keys.stream().map(SigningKey::publicJwk).toList();
    }

    /** A verifier's key lookup over this node's own keys; other nodes' keys will come from the JWKS. */
    public synchronized Optional<ECPublicKey> publicKey(String kid) {
        for (SigningKey key : keys) {
            if (key.kid().equals(kid) && key.inValidity(clock.instant(), maxTokenLifetime)) {
                try {
                    return Optional.of(key.privateJwk().toECPublicKey());
                } catch (JOSEException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** Rotates when the current key is older than {@code maxAge}; true if it did. */
    public synchronized boolean rotateIfOlderThan(Duration maxAge, Consumer<ECKey> publish) {
        if (current().createdAt().plus(maxAge).isAfter(clock.instant())) {
            return false;
        }
        rotate(publish);
        return true;
    }

    public Duration maxTokenLifetime() {
        return maxTokenLifetime;
    }

    private void load() {
        SigningKeyFiles.createDirectory(dir);
        keys.addAll(SigningKeyFiles.readAll(dir));
        // Retired keys first, then by age: the newest unretired key ends last and is current.
        keys.sort(Comparator.comparing((SigningKey key) -> !key.retired()).thenComparing(SigningKey::createdAt));
        prune();
        if (keys.isEmpty() || current().retired()) {
            keys.add(generate());
            SigningKeyFiles.write(dir, current());
        }
        // A rotation cut short between its two writes leaves two unretired keys; retire the older one now.
        SigningKey current = keys.removeLast();
        retireAll();
        keys.add(current);
    }

    private void retireAll() {
        for (int i = 0; i < keys.size(); i++) {
            SigningKey key = keys.get(i);
            if (!key.retired()) {
                SigningKey retired = key.retire(clock.instant());
                SigningKeyFiles.write(dir, retired);
                keys.set(i, retired);
            }
        }
    }

    private void prune() {
        keys.removeIf(key -> {
            boolean expired = !key.inValidity(clock.instant(), maxTokenLifetime);
            if (expired) {
                SigningKeyFiles.delete(dir, key.kid());
            }
            return expired;
        });
    }

    private SigningKey generate() {
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate();
            return new SigningKey(key, clock.instant(), null);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a P-256 key", e);
        }
    }
}
