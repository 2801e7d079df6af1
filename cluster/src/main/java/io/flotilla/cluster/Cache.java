package io.flotilla.cluster;

import java.util.Optional;

/** A shared cache by string key. Entries may vanish at any time; callers fall back to the store. */
public interface Cache<V> {

    Optional<V> get(String key);

    void put(String key, V value);

    void invalidate(String key);
}
