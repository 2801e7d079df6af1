package io.flotilla.cluster.hazelcast;

import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.map.IMap;
import io.flotilla.cluster.UploadSessions;
import io.flotilla.storage.spi.UploadRecord;
import io.flotilla.storage.spi.Versioned;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Upload sessions in a map with backups. Every call is bounded by {@link GridCalls}: when the grid fails,
 * a read is a miss (the caller reads the durable row) and a write is skipped (the row already has it).
 */
final class HazelcastUploadSessions implements UploadSessions {

    private final IMap<String, Versioned<UploadRecord>> map;
    private final GridCalls calls;
    /** The last count the grid gave, so a metric scraped during an outage keeps a plausible value. */
    private final AtomicInteger lastOpenCount = new AtomicInteger();

    HazelcastUploadSessions(IMap<String, Versioned<UploadRecord>> map, GridCalls calls) {
        this.map = map;
        this.calls = calls;
    }

    @Override
    public Optional<Versioned<UploadRecord>> get(String uploadId) {
        return calls.await("session get", () -> map.getAsync(uploadId));
    }

    @Override
    public void put(Versioned<UploadRecord> session) {
        Objects.requireNonNull(session.value(), "session value");
        calls.await("session put", () -> map.submitToKey(session.value().id(), new KeepNewerVersion(session)));
    }

    @Override
    public void remove(String uploadId) {
        calls.await("session remove", () -> map.deleteAsync(uploadId));
    }

    @Override
    public int openCount() {
        // The grid has no asynchronous size; a metrics scrape, not a request, is what waits here.
        try {
            lastOpenCount.set(map.size());
        } catch (HazelcastException | HazelcastInstanceNotActiveException e) {
            calls.degrade("session count", e);
        }
        return lastOpenCount.get();
    }
}
