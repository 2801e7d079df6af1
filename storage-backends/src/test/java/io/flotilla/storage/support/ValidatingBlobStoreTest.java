package io.flotilla.storage.support;

import io.flotilla.storage.contract.BlobStoreContract;
import io.flotilla.storage.fs.FsBlobStore;
import io.flotilla.storage.spi.BlobStore;
import io.flotilla.storage.spi.Piece;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** The decorator must itself pass the contract, and stop bad input before the backend sees it. */
class ValidatingBlobStoreTest extends BlobStoreContract {

    @Override
    protected BlobStore createStore(Path scratch) throws IOException {
        return new ValidatingBlobStore(new FsBlobStore(scratch));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "up/1", "up_1", "up.1", "..", "ÿ"})
    void badUploadIdsAreRejected(String uploadId) {
        assertThrows(IllegalArgumentException.class, () -> store.stage(uploadId, new ByteArrayInputStream(new byte[0])));
        assertThrows(IllegalArgumentException.class, () -> store.abortStaging(uploadId));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "/abs", "a//b", "a/", "a/../b", "with space", "semi;colon"})
    void badKeysAreRejected(String key) {
        assertThrows(IllegalArgumentException.class, () -> store.stat(key));
        assertThrows(IllegalArgumentException.class, () -> store.delete(List.of("blobs/ok", key)));
        assertThrows(IllegalArgumentException.class, () -> store.open(new Piece(key, 1), 0, 1));
    }

    @Test
    void negativeRangesAreRejected() {
        Piece piece = new Piece("uploads/u/p", 10);
        assertThrows(IllegalArgumentException.class, () -> store.open(piece, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> store.open(piece, 0, -1));
    }
}
