package io.flotilla.bench.client;

import java.net.URI;

/** A registry contestant as the measuring clients see it: where it listens and how requests sign in. */
public record RegistryEndpoint(URI base, RegistryLogin login) {
}
