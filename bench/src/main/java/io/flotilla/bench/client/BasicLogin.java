package io.flotilla.bench.client;

import java.util.List;
import java.util.Optional;

/**
 * Basic credentials on every request, as {@code curl -u} sends them. A Flotilla node remembers a password
 * check for a while (auth.credential-cache-seconds), so a load row measures checking a cached credential.
 */
record BasicLogin(BenchCredentials credentials) implements RegistryLogin {

    @Override
    public List<String> headers(String scope) {
        return List.of("Authorization: " + credentials.basicAuthorization());
    }

    @Override
    public Optional<String> fixtureAuthorization() {
        return Optional.of(credentials.basicAuthorization());
    }
}
