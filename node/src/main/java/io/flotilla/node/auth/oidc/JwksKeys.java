package io.flotilla.node.auth.oidc;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import io.flotilla.node.auth.oidc.OidcLoginException.Reason;

import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The provider's JWKS, fetched on first use and kept. Providers rotate keys by publishing the new one first,
 * so an unknown key id is the signal to fetch again; at most once per {@link #MIN_REFRESH_INTERVAL}, so
 * tokens with made-up key ids cannot turn this node into a flood against the provider.
 */
final class JwksKeys implements ProviderKeys {
    static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);

    private final Supplier<URI> jwksUri;
    private final ProviderHttp http;
    private final Clock clock;
    private List<JWK> keys;
    private Instant fetchedAt = Instant.MIN;
    private int fetches;

    JwksKeys(Supplier<URI> jwksUri, ProviderHttp http, Clock clock) {
        this.jwksUri = Objects.requireNonNull(jwksUri, "jwksUri");
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized List<JWK> signingKeys(String kid) {
        if (keys == null) {
            fetch();
        }
        List<JWK> found = matching(kid);
        if (found.isEmpty() && !clock.instant().isBefore(fetchedAt.plus(MIN_REFRESH_INTERVAL))) {
            fetch();
            found = matching(kid);
        }
        return found;
    }

    /** How often the JWKS was fetched: tests check that unknown key ids do not each cause a fetch. */
    synchronized int fetches() {
        return fetches;
    }

    private List<JWK> matching(String kid) {
        return keys.stream().filter(k -> kid == null || kid.equals(k.getKeyID())).toList();
    }

    private void fetch() {
        URI uri = jwksUri.get();
        // The attempt counts even when it fails, so a provider that is down is not asked on every login.
        fetchedAt = clock.instant();
        fetches++;
        JWKSet set;
        try {
            set = JWKSet.parse(http.getJson(uri, "JWKS").toString());
        } catch (ParseException e) {
            throw new OidcLoginException(Reason.BAD_PROVIDER_RESPONSE, "JWKS at " + uri + ": " + e.getMessage(), e);
        }
        // Only public signing keys: Keycloak also publishes an encryption key, which must never verify a token.
        keys = set.toPublicJWKSet().getKeys().stream()
                .filter(k -> k.getKeyUse() == null || KeyUse.SIGNATURE.equals(k.getKeyUse()))
                .toList();
    }
}
