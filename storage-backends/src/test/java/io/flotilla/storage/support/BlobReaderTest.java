package io.flotilla.storage.support;

import io.flotilla.model.Digest;
import io.flotilla.model.DigestAlgorithm;
import io.flotilla.storage.fs.FsBlobStore;
import io.flotilla.storage.spi.BlobLocation;
import io.flotilla.storage.spi.BlobStore;
import io.flotilla.storage.spi.NoSuchObjectException;
import io.flotilla.storage.spi.Piece;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.flotilla.storage.contract.TestStreams.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BlobReaderTest {
    /** Pieces of 1000, 0, 2500 and 1 bytes: 3501 in all, with an empty piece in the middle. */
    private static final int[] SIZES = {1000, 0, 2500, 1};

    @TempDir
    Path scratch;
    private BlobStore store;
    private BlobReader reader;
    private byte[] whole;
    private BlobLocation location;

    @BeforeEach
    void stagePieces() throws IOException {
        store = new FsBlobStore(scratch);
        reader = new BlobReader(store);
        whole = bytes(Arrays.stream(SIZES).sum(), 1);
        List<Piece> pieces = new ArrayList<>();
        int at = 0;
        for (int size : SIZES) {
            pieces.add(store.stage("u1", new ByteArrayInputStream(whole, at, size)));
            at += size;
        }
        location = new BlobLocation(pieces);
    }

    @AfterEach
    void close() throws IOException {
        store.close();
    }

    @ParameterizedTest(name = "offset {0}, length {1}")
    @CsvSource({"0, 3501", "0, 1000", "999, 2", "1000, 2500", "1500, 2001", "3500, 1", "3501, 0", "0, 0", "10, 5"})
    void readsAnyRangeAcrossPieces(long offset, long length) throws IOException {
        try (InputStream in = reader.open(location, offset, length)) {
            assertArrayEquals(Arrays.copyOfRange(whole, (int) offset, (int) (offset + length)), in.readAllBytes());
        }
    }

    @Test
    void singleByteReadsCrossPieceBoundaries() throws IOException {
        try (InputStream in = reader.open(location, 998, 4)) {
            for (int i = 998; i < 1002; i++) {
                assertEquals(whole[i] & 0xFF, in.read());
            }
            assertEquals(-1, in.read());
        }
    }

    @Test
    void rangesOutsideTheBlobAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> reader.open(location, 0, 3502));
        assertThrows(IllegalArgumentException.class, () -> reader.open(location, 3502, 0));
        assertThrows(IllegalArgumentException.class, () -> reader.open(location, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> reader.open(location, 5, Long.MAX_VALUE));
    }

    @Test
    void digestRebuildsTheHashOfAllPieces() throws IOException {
        MessageDigest md = DigestAlgorithm.SHA256.newMessageDigest();
        assertEquals(whole.length, reader.digest(location, md));
        assertEquals(Digest.sha256(whole), Digest.of(DigestAlgorithm.SHA256, md));
    }

    @Test
    void aMissingPieceFailsWhenTheStreamReachesIt() throws IOException {
        store.delete(List.of(location.pieces().get(2).key()));
        try (InputStream in = reader.open(location, 0, 3501)) {
            assertEquals(1000, in.readNBytes(1000).length);
            assertThrows(NoSuchObjectException.class, in::read);
        }
    }
}
