package io.flotilla.node.observe;

import io.flotilla.cluster.Cache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Optional;

/** Counts the hits and misses of a shared cache, for its hit ratio. */
public final class CountingCache<V> implements Cache<V> {
    private final Cache<V> delegate;
    private final Counter hits;
    private final Counter misses;

    CountingCache(Cache<V> delegate, String name, MeterRegistry registry) {
        this.delegate = delegate;
        this.hits = Counter.builder("flotilla.cache.gets").tags("cache", name, "result", "hit").register(registry);
        this.misses = Counter.builder("flotilla.cache.gets").tags("cache", name, "result", "miss").register(registry);
    }

    @Override
    public Optional<V> get(String key) {
        Optional<V> value = delegate.get(key);
        (value.isPresent() ? hits : misses).increment();
        return value;
    }

    @Override
    public void put(String key, V value) {
        delegate.put(key, value);
    }

    @Override
    public void invalidate(String key) {
        delegate.invalidate(key);
    }
}
