package io.flotilla.cluster;

import io.flotilla.storage.spi.UploadRecord;
import io.flotilla.storage.spi.Versioned;

import java.util.Optional;

/**
 * The cluster-wide view of uploads in flight, kept with backups so that any node can continue an
 * upload. It mirrors the durable {@code uploads} rows and is written only after them; a miss here is
 * answered from the metadata store, so this map is never the only copy of anything acknowledged.
 * For the same reason no call fails or waits long on a grid failure: a read is then a miss and a write
 * is skipped.
 */
public interface UploadSessions {

    Optional<Versioned<UploadRecord>> get(String uploadId);

    /** Records the session as it now stands, unless a newer version is already recorded. */
    void put(Versioned<UploadRecord> session);

    void remove(String uploadId);

    /** Upload sessions open in the whole cluster. */
    int openCount();
}
