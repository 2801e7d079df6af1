package io.flotilla.node.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Remembers recent successful Basic-credential checks for a short while, so a client sending the same
 * user and password on every request pays for Argon2 (about 40 ms) or an LDAP bind once per TTL, not
 * per request. Only successes are cached; a wrong password always misses and goes to the real check.
 *
 * <p>Entries are keyed by HMAC-SHA256 under a random key made per instance and held only in memory, over
 * the user name's length, the name and the password. A heap dump therefore holds no password and nothing
 * to test guesses against offline: a plain SHA-256 would let anyone with the dump try billions of
 * passwords a second. The length prefix keeps the input unambiguous when a name contains a NUL.
 *
 * <p>Bounded and short-lived: every entry lives the same TTL, so insertion order is expiry order, and the
 * oldest entry is the one dropped when full. A password changed or an account disabled in the directory
 * stays usable here for up to one TTL unless the caller also calls {@link #invalidateUser}, which scans
 * the entries instead of keeping a user index: it runs on rare admin actions, 10,000 entries scan in well
 * under a millisecond, and there is no second structure to keep in step. The scan matches names
 * case-insensitively, because over-invalidating is harmless and LDAP/AD names ignore case.
 *
 * @param <V> what a successful check established, such as the authenticated principal
 */
public final class CredentialCache<V> {

    public static final int DEFAULT_MAX_ENTRIES = 10_000;
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);
    private static final String MAC = "HmacSHA256";

    private final SecretKeySpec macKey;
    private final int maxEntries;
    private final Duration ttl;
    private final Clock clock;
    private final LinkedHashMap<Key, Cached<V>> entries;

    public CredentialCache(int maxEntries, Duration ttl, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        this.maxEntries = maxEntries;
        this.ttl = ttl;
        this.clock = Objects.requireNonNull(clock, "clock");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.macKey = new SecretKeySpec(key, MAC);
        Arrays.fill(key, (byte) 0); // SecretKeySpec keeps its own copy
        this.entries = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Cached<V>> eldest) {
                return size() > CredentialCache.this.maxEntries;
            }
        };
    }

    public CredentialCache(Clock clock) {
        this(DEFAULT_MAX_ENTRIES, DEFAULT_TTL, clock);
    }

    /** What a still-fresh successful check of exactly this user and password established, if any. */
    public Optional<V> get(String user, char[] password) {
        Optional<Key> key = keyOf(user, password);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        synchronized (this) {
            Cached<V> entry = entries.get(key.get());
            if (entry == null) {
                return Optional.empty();
            }
            if (!clock.instant().isBefore(entry.expiresAt())) {
                entries.remove(key.get());
                return Optional.empty();
            }
            return Optional.of(entry.value());
        }
    }

    /** Records a successful check; call it only after the password was verified. */
    public void put(String user, char[] password, V value) {
        Objects.requireNonNull(value, "value");
        Optional<Key> key = keyOf(user, password);
        if (key.isEmpty()) {
            return; // not valid Unicode: never verified by anything here, so nothing to remember
        }
        synchronized (this) {
            Instant now = clock.instant();
            dropExpired(now);
            entries.remove(key.get()); // re-inserted at the end, keeping insertion order equal to expiry order
            entries.put(key.get(), new Cached<>(user, value, now.plus(ttl)));
        }
    }

    /** Forgets every entry of {@code user}, whatever its password: after a password change or a disable. */
    public synchronized void invalidateUser(String user) {
        Objects.requireNonNull(user, "user");
        entries.values().removeIf(entry -> entry.user().equalsIgnoreCase(user));
    }

    public synchronized void clear() {
        entries.clear();
    }

    synchronized int size() {
        return entries.size();
    }

    /** The stored keys, for tests that check no plain digest of a credential is kept. */
    synchronized List<byte[]> storedKeys() {
        return entries.keySet().stream().map(key -> key.mac().clone()).toList();
    }

    private void dropExpired(Instant now) {
        Iterator<Cached<V>> it = entries.values().iterator();
        while (it.hasNext() && !now.isBefore(it.next().expiresAt())) {
            it.remove();
        }
    }

    private Optional<Key> keyOf(String user, char[] password) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Optional<byte[]> passwordBytes = Utf8.encode(password);
        if (passwordBytes.isEmpty()) {
            return Optional.empty();
        }
        byte[] userBytes = user.getBytes(StandardCharsets.UTF_8);
        try {
            Mac mac = Mac.getInstance(MAC); // a Mac is not thread-safe, and making one costs microseconds
            mac.init(macKey);
            mac.update(ByteBuffer.allocate(Integer.BYTES).putInt(userBytes.length).array());
            mac.update(userBytes);
            mac.update(passwordBytes.get());
            return Optional.of(new Key(mac.doFinal()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
        } finally {
            Arrays.fill(passwordBytes.get(), (byte) 0);
        }
    }

    private record Cached<V>(String user, V value, Instant expiresAt) {
    }

    /** A MAC compared by content, as a map key must be. */
    private record Key(byte[] mac) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Arrays.equals(mac, key.mac);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(mac);
        }

        @Override
        public String toString() {
            return "Key[…]";
        }
    }
}
