package io.flotilla.cluster.hazelcast;

import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.map.IMap;
import io.flotilla.cluster.Cache;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A cache over a map, with an optional time to live per entry. A cache must never fail a request, so a
 * grid failure reads as a miss and a failed write is dropped; callers fall back to the store.
 */
final class MapCache<V> implements Cache<V> {

    private static final Logger LOG = Logger.getLogger(MapCache.class.getName());

    private final IMap<String, V> map;
    private final long ttlMillis;

    /** @param ttl how long each entry lives, or null to keep entries until evicted or invalidated */
    MapCache(IMap<String, V> map, Duration ttl) {
        this.map = map;
        this.ttlMillis = ttl == null ? 0 : ttl.toMillis();
    }

    @Override
    public Optional<V> get(String key) {
        try {
            return Optional.ofNullable(map.get(key));
        } catch (HazelcastException | HazelcastInstanceNotActiveException e) {
            failed("get", key, e);
            return Optional.empty();
        }
    }

    @Override
    public void put(String key, V value) {
        try {
            if (ttlMillis > 0) {
                map.set(key, value, ttlMillis, TimeUnit.MILLISECONDS);
            } else {
                map.set(key, value);
            }
        } catch (HazelcastException | HazelcastInstanceNotActiveException e) {
            failed("put", key, e);
        }
    }

    @Override
    public void invalidate(String key) {
        try {
            map.delete(key);
        } catch (HazelcastException | HazelcastInstanceNotActiveException e) {
            // The entry lingers: for its TTL (links), or until evicted (manifests); logged loudly for that.
            failed("invalidate", key, e);
        }
    }

    private void failed(String op, String key, RuntimeException e) {
        LOG.log(Level.WARNING, e, () -> "cache " + map.getName() + " " + op + " of " + key + " failed");
    }
}
