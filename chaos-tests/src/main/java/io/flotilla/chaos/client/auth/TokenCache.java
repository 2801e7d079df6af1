package io.flotilla.chaos.client.auth;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens by realm and scope, each used until shortly before it expires. Expiry is counted on this machine's
 * clock from when the token arrived plus its {@code expires_in}, never from the token's own claims, so a node
 * whose clock is skewed cannot make the harness keep or drop tokens early; a node that still finds one expired
 * answers 401 {@code invalid_token}, and the client fetches a new one. Safe to share between threads.
 */
final class TokenCache {

    /** How long before its end a token is given up: a tenth of its lifetime, at most this. */
    static final Duration MAX_MARGIN = Duration.ofSeconds(30);

    private record Key(URI realm, String scope) {
    }

    private record Entry(String token, Instant usableUntil) {
    }

    private final Clock clock;
    private final ConcurrentHashMap<Key, Entry> tokens = new ConcurrentHashMap<>();

    TokenCache(Clock clock) {
        this.clock = clock;
    }

    /** A token for the scope that is not about to expire. */
    Optional<String> get(URI realm, String scope) {
        Entry e = tokens.get(new Key(realm, scope));
        return e != null && clock.instant().isBefore(e.usableUntil()) ? Optional.of(e.token()) : Optional.empty();
    }

    /** Keeps a token that arrived now and lives {@code lifetime}. */
    void put(URI realm, String scope, String token, Duration lifetime) {
        Duration margin = lifetime.dividedBy(10);
        if (margin.compareTo(MAX_MARGIN) > 0) {
            margin = MAX_MARGIN;
        }
        tokens.put(new Key(realm, scope), new Entry(token, clock.instant().plus(lifetime).minus(margin)));
    }

    /** Drops the token a registry refused, unless another thread has already put a newer one there. */
    void forget(URI realm, String scope, String token) {
        tokens.computeIfPresent(new Key(realm, scope), (k, e) -> e.token().equals(token) ? null : e);
    }
}
