package io.flotilla.node.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.flotilla.storage.spi.MetadataStore;
import io.flotilla.storage.spi.StoredRecord;
import io.flotilla.storage.spi.Versioned;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One kind of access-control record (users, projects, …) as typed values over the metadata store's versioned
 * JSON documents. Unknown fields are ignored on read, so a newer node's records stay readable by an older one
 * during a rolling upgrade.
 */
final class JsonRecords<T> {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final MetadataStore store;
    private final String kind;
    private final Class<T> type;

    JsonRecords(MetadataStore store, String kind, Class<T> type) {
        this.store = store;
        this.kind = kind;
        this.type = type;
    }

    Optional<Versioned<T>> get(String key) {
        return store.getRecord(kind, key).map(this::decode);
    }

    /** Compare-and-set, as {@link MetadataStore#putRecord}. */
    long put(String key, T value, long expectedVersion) {
        return store.putRecord(kind, key, encode(value), expectedVersion);
    }

    /**
     * Reads, changes and writes back one record, again from a fresh read whenever another node wrote it in
     * between; returns the value written. Absent records raise {@link java.util.NoSuchElementException}.
     */
    T update(String key, java.util.function.UnaryOperator<T> change) {
        while (true) {
            Versioned<T> current = get(key).orElseThrow(() -> new java.util.NoSuchElementException(kind + " " + key));
            T next = change.apply(current.value());
            try {
                put(key, next, current.version());
                return next;
            } catch (io.flotilla.storage.spi.VersionConflictException raced) {
                // Another writer got there first: apply the change to what it wrote.
            }
        }
    }

    /** Deletes whatever version is there; false if there was nothing. */
    boolean deleteAny(String key) {
        while (true) {
            Optional<Versioned<T>> current = get(key);
            if (current.isEmpty()) {
                return false;
            }
            try {
                delete(key, current.get().version());
                return true;
            } catch (io.flotilla.storage.spi.VersionConflictException raced) {
                // Changed under us; delete the newer version.
            }
        }
    }

    void delete(String key, long expectedVersion) {
        store.deleteRecord(kind, key, expectedVersion);
    }

    List<Versioned<T>> list(String prefix, String after, int limit) {
        List<Versioned<T>> out = new ArrayList<>();
        for (StoredRecord r : store.listRecords(kind, prefix, after, limit)) {
            out.add(decode(r));
        }
        return out;
    }

    /** Every record of the kind with that prefix, paging through the store. */
    List<Versioned<T>> listAll(String prefix) {
        List<Versioned<T>> all = new ArrayList<>();
        String after = null;
        while (true) {
            List<StoredRecord> page = store.listRecords(kind, prefix, after, 500);
            for (StoredRecord r : page) {
                all.add(decode(r));
            }
            if (page.size() < 500) {
                return all;
            }
            after = page.getLast().key();
        }
    }

    private Versioned<T> decode(StoredRecord r) {
        try {
            return new Versioned<>(MAPPER.readValue(r.document(), type), r.version());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable " + kind + " record " + r.key() + ": " + e.getOriginalMessage(), e);
        }
    }

    private String encode(T value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a " + kind + " record", e);
        }
    }
}
