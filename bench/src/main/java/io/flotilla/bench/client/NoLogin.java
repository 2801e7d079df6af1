package io.flotilla.bench.client;

import java.util.List;
import java.util.Optional;

/** A registry without access control: requests go as they are. */
enum NoLogin implements RegistryLogin {
    INSTANCE;

    @Override
    public List<String> headers(String scope) {
        return List.of();
    }

    @Override
    public Optional<String> fixtureAuthorization() {
        return Optional.empty();
    }
}
