package io.flotilla.cluster.hazelcast;

import com.hazelcast.map.IMap;
import io.flotilla.cluster.Cache;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A cache over a map, with an optional time to live per entry. A cache must never fail or stall a
 * request, so every call is bounded by {@link GridCalls}: a grid failure reads as a miss and a failed
 * write is dropped; callers fall back to the store.
 */
final class MapCache<V> implements Cache<V> {

    private final IMap<String, V> map;
    private final long ttlMillis;
    private final GridCalls calls;

    /** @param ttl how long each entry lives, or null to keep entries until evicted or invalidated */
    MapCache(IMap<String, V> map, Duration ttl, GridCalls calls) {
        this.map = map;
        this.ttlMillis = ttl == null ? 0 : ttl.toMillis();
        this.calls = calls;
    }

    @Override
    public Optional<V> get(String key) {
        return calls.await(map.getName() + " get", () -> map.getAsync(key));
    }

    @Override
    public void put(String key, V value) {
        calls.await(map.getName() + " put", () -> ttlMillis > 0
                ? map.setAsync(key, value, ttlMillis, TimeUnit.MILLISECONDS)
                : map.setAsync(key, value));
    }

    /** A failed invalidation leaves the entry for its TTL (links) or until evicted (manifests). */
    @Override
    public void invalidate(String key) {
        calls.await(map.getName() + " invalidate", () -> map.deleteAsync(key));
    }
}
