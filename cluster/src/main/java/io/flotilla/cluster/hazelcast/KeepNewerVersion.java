package io.flotilla.cluster.hazelcast;

import com.hazelcast.map.EntryProcessor;
import io.flotilla.storage.spi.UploadRecord;
import io.flotilla.storage.spi.Versioned;

import java.io.Serial;
import java.util.Map;

/**
 * Writes a session unless the map already holds a newer version. It runs on the key's owner (and the
 * same way on its backups), so two nodes racing cannot interleave a read and a write.
 */
final class KeepNewerVersion implements EntryProcessor<String, Versioned<UploadRecord>, Void> {

    @Serial
    private static final long serialVersionUID = 1L;

    private final Versioned<UploadRecord> incoming;

    KeepNewerVersion(Versioned<UploadRecord> incoming) {
        this.incoming = incoming;
    }

    @Override
    public Void process(Map.Entry<String, Versioned<UploadRecord>> entry) {
        Versioned<UploadRecord> current = entry.getValue();
        // An equal version is the same write repeated: rewriting it only refreshes the idle clock.
        if (current == null || current.version() <= incoming.version()) {
            entry.setValue(incoming);
        }
        return null;
    }
}
