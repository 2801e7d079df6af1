package io.flotilla.node.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A small node-local cache of access records that every request consults (projects, memberships, accounts),
 * so authorisation costs no metadata read on the hot path. Entries live {@code ttl}: a change made on another
 * node takes effect here within that time; changes made on this node invalidate at once. Bounded by dropping
 * everything when full, which is rare and only costs re-reads.
 */
final class ExpiringCache<K, V> {

    private record Entry<V>(Optional<V> value, Instant expires) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;

    ExpiringCache(Duration ttl, int maxEntries, Clock clock) {
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /** The cached value, or {@code load}'s (absence is cached too, so unknown names cost no repeated reads). */
    Optional<V> get(K key, Function<K, Optional<V>> load) {
        Instant now = clock.instant();
        Entry<V> entry = entries.get(key);
        if (entry != null && now.isBefore(entry.expires())) {
            return entry.value();
        }
        Optional<V> loaded = load.apply(key);
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(key, new Entry<>(loaded, now.plus(ttl)));
        return loaded;
    }

    void invalidate(K key) {
        entries.remove(key);
    }

    void clear() {
        entries.clear();
    }
}
