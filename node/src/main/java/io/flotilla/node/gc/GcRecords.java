package io.flotilla.node.gc;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.storage.spi.MetadataStore;
import io.flotilla.storage.spi.StoredRecord;
import io.flotilla.storage.spi.VersionConflictException;
import io.flotilla.storage.spi.Versioned;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The collector's settings that operators change at run time (pause, untagged policies), as small JSON
 * records in the metadata store, so every node sees them and they survive restarts. Writes replace: the
 * last writer wins, as for any setting.
 */
final class GcRecords<T> {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final MetadataStore store;
    private final String kind;
    private final Class<T> type;

    GcRecords(MetadataStore store, String kind, Class<T> type) {
        this.store = store;
        this.kind = kind;
        this.type = type;
    }

    Optional<T> get(String key) {
        return store.getRecord(kind, key).map(this::decode);
    }

    void put(String key, T value) {
        String document;
        try {
            document = MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        while (true) {
            long expected = store.getRecord(kind, key).map(StoredRecord::version).orElse(Versioned.ABSENT);
            try {
                store.putRecord(kind, key, document, expected);
                return;
            } catch (VersionConflictException raced) {
                // another node wrote it meanwhile; ours replaces theirs
            }
        }
    }

    private T decode(StoredRecord record) {
        try {
            return MAPPER.readValue(record.document(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable " + kind + " record " + record.key(), e);
        }
    }
}
