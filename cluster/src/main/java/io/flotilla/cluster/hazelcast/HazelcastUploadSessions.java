package io.flotilla.cluster.hazelcast;

import com.hazelcast.map.IMap;
import io.flotilla.cluster.UploadSessions;
import io.flotilla.storage.spi.UploadRecord;
import io.flotilla.storage.spi.Versioned;

import java.util.Objects;
import java.util.Optional;

/** Upload sessions in a backed-up map keyed by upload id; grid failures propagate to the caller. */
final class HazelcastUploadSessions implements UploadSessions {

    private final IMap<String, Versioned<UploadRecord>> map;

    HazelcastUploadSessions(IMap<String, Versioned<UploadRecord>> map) {
        this.map = map;
    }

    @Override
    public Optional<Versioned<UploadRecord>> get(String uploadId) {
        return Optional.ofNullable(map.get(uploadId));
    }

    @Override
    public void put(Versioned<UploadRecord> session) {
        Objects.requireNonNull(session.value(), "session value");
        map.executeOnKey(session.value().id(), new KeepNewerVersion(session));
    }

    @Override
    public void remove(String uploadId) {
        map.delete(uploadId);
    }

    @Override
    public int openCount() {
        return map.size();
    }
}
