package io.flotilla.storage.spi;

import java.io.Serializable;

/**
 * A value with the version it was read at. Versions start at 1 on creation and grow by one per write;
 * {@link #ABSENT} is the expected version that means "must not exist yet". The version is the fencing
 * token of every compare-and-set in the metadata store.
 */
public record Versioned<T>(T value, long version) implements Serializable {
    public static final long ABSENT = 0;
}
