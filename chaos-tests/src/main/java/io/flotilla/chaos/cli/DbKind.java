package io.flotilla.chaos.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a run's nodes live. {@link #CONTAINER} is the default because it is the real thing: every node has an
 * address of its own, so a partition can also cut one node from Cassandra or Ceph. {@link #PROCESS} runs nodes
 * as local processes sharing 127.0.0.1 with the services: lighter, no Docker, but no service cuts.
 */
enum DbKind {
    CONTAINER,
    PROCESS;

    /** The name on the command line: {@code container} or {@code process}. */
    String flag() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<DbKind> named(String flag) {
        return Arrays.stream(values()).filter(k -> k.flag().equals(flag)).findFirst();
    }
}
