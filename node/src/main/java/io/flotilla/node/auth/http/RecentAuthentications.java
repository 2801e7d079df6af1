package io.flotilla.node.auth.http;

import io.flotilla.node.access.Caller;
import io.flotilla.node.auth.VerifiedToken;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an {@code Authorization} header authenticated as, remembered briefly, so a client that sends the same
 * credentials or token on every request pays helidon-security's per-request work (a context, an audit event
 * with a stack walk), the credential checks and the ES256 verification once per TTL rather than per request.
 * Keys are an HMAC of the header under a random in-memory key, never the header itself. A Basic entry lives the
 * credential cache's TTL; a token's lives until it expires or that TTL, whichever is first. Only successes are
 * kept. {@link #forget} drops an account's entries at once on this node when its password, secret or state
 * changes; other nodes drop theirs within the TTL.
 */
final class RecentAuthentications {

    private static final String MAC = "HmacSHA256";
    private static final int MAX_ENTRIES = 10_000;

    record Remembered(Caller caller, VerifiedToken token) {
    }

    private record Entry(Remembered value, Instant until) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final SecretKeySpec key;
    private final Duration ttl;
    private final Clock clock;
    /** A Mac is not thread-safe and costs to make; one per carrier of requests (Helidon: per connection). */
    private final ThreadLocal<Mac> macs;

    RecentAuthentications(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, MAC);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    Optional<Remembered> get(String header) {
        Entry entry = entries.get(keyOf(header));
        if (entry == null || !clock.instant().isBefore(entry.until())) {
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    void remember(String header, Remembered value) {
        Instant now = clock.instant();
        Instant until = now.plus(ttl);
        if (value.token() != null && value.token().expiresAt().isBefore(until)) {
            until = value.token().expiresAt();
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(e -> !now.isBefore(e.until()));
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(keyOf(header), new Entry(value, until));
    }

    /** Drops every entry of an account (names compare without case, as accounts do). */
    void forget(String account) {
        String name = account.toLowerCase(Locale.ROOT);
        entries.values().removeIf(e -> e.value().caller().name().toLowerCase(Locale.ROOT).equals(name));
    }

    private String keyOf(String header) {
        return Base64.getEncoder().encodeToString(macs.get().doFinal(header.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + MAC, e);
        }
    }
}
