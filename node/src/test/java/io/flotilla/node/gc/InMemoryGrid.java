package io.flotilla.node.gc;

import io.flotilla.cluster.Cache;
import io.flotilla.cluster.Caches;
import io.flotilla.cluster.Locks;
import io.flotilla.cluster.UploadSessions;
import io.flotilla.storage.spi.ManifestRecord;
import io.flotilla.storage.spi.UploadRecord;
import io.flotilla.storage.spi.Versioned;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The grid's shared state for one in-process node without a cluster: plain maps, and locks that never block. */
final class InMemoryGrid implements Caches, UploadSessions {
    static final Locks NO_LOCKS = (name, wait) -> Optional.of(() -> { });

    private final Cache<ManifestRecord> manifests = new MapCache<>();
    private final Cache<Boolean> links = new MapCache<>();
    private final Cache<Long> reads = new MapCache<>();
    private final Map<String, Versioned<UploadRecord>> sessions = new ConcurrentHashMap<>();

    @Override
    public Cache<ManifestRecord> manifests() {
        return manifests;
    }

    @Override
    public Cache<Boolean> blobLinks() {
        return links;
    }

    @Override
    public Cache<Long> blobReads() {
        return reads;
    }

    @Override
    public Optional<Versioned<UploadRecord>> get(String uploadId) {
        return Optional.ofNullable(sessions.get(uploadId));
    }

    @Override
    public void put(Versioned<UploadRecord> session) {
        sessions.merge(session.value().id(), session, (old, now) -> now.version() >= old.version() ? now : old);
    }

    @Override
    public void remove(String uploadId) {
        sessions.remove(uploadId);
    }

    @Override
    public int openCount() {
        return sessions.size();
    }

    private static final class MapCache<V> implements Cache<V> {
        private final Map<String, V> map = new ConcurrentHashMap<>();

        @Override
        public Optional<V> get(String key) {
            return Optional.ofNullable(map.get(key));
        }

        @Override
        public void put(String key, V value) {
            map.put(key, value);
        }

        @Override
        public void invalidate(String key) {
            map.remove(key);
        }
    }
}
