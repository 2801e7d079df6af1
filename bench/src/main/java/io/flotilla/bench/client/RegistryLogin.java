package io.flotilla.bench.client;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * How the bench signs its requests to one registry: nothing (the peer, or Flotilla with access control off),
 * Basic credentials on every request, or a Bearer token from the registry's token endpoint. Measured requests
 * ask for their headers once per load row or transfer, outside the timed part, so a token fetch is never in a
 * number; the untimed fixtures sign with Basic whatever the mode, since one fixture load spans many scopes.
 */
public interface RegistryLogin {

    /**
     * Headers ({@code Name: value}) for the measured requests of one load row or one transfer, all within
     * {@code scope} (such as {@code repository:bench/small:pull}); a token login fetches a new token for it now.
     */
    List<String> headers(String scope);

    /** The {@code Authorization} value for the untimed fixture requests, if any. */
    Optional<String> fixtureAuthorization();

    /** No credentials. */
    static RegistryLogin none() {
        return NoLogin.INSTANCE;
    }

    /** {@code Authorization: Basic …} on every request. */
    static RegistryLogin basic(BenchCredentials credentials) {
        return new BasicLogin(credentials);
    }

    /** {@code Authorization: Bearer …}, the token fetched from the realm that {@code base}'s challenge names. */
    static RegistryLogin token(URI base, BenchCredentials credentials) {
        return new TokenLogin(base, credentials);
    }
}
