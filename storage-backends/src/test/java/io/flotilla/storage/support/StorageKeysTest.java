package io.flotilla.storage.support;

import io.flotilla.model.Digest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StorageKeysTest {

    @ParameterizedTest
    @ValueSource(strings = {"blobs/sha256/abc", "uploads/u-1/0001-ff", "a", "a.b/c_d/e-f", "x/..y/z.."})
    void goodKeysPass(String key) {
        assertEquals(key, StorageKeys.checkKey(key));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/a", "a/", "a//b", ".", "..", "a/./b", "a/../b", "a b", "a\\b", "a:b", "é"})
    void badKeysFail(String key) {
        assertThrows(IllegalArgumentException.class, () -> StorageKeys.checkKey(key));
    }

    @Test
    void overlongKeysFail() {
        assertThrows(IllegalArgumentException.class, () -> StorageKeys.checkKey("a".repeat(StorageKeys.MAX_KEY_LENGTH + 1)));
    }

    @Test
    void keysFollowTheLayout() {
        Digest d = Digest.sha256(new byte[0]);
        assertEquals("blobs/sha256/" + d.hex(), StorageKeys.blobKey(d));
        assertEquals("uploads/u-1/p", StorageKeys.pieceKey("u-1", "p"));
        assertThrows(IllegalArgumentException.class, () -> StorageKeys.pieceKey("u-1", "../p"));
        assertThrows(IllegalArgumentException.class, () -> StorageKeys.pieceKey("u-1", "a/b"));
        assertThrows(IllegalArgumentException.class, () -> StorageKeys.pieceKey("u/1", "p"));
    }

    @Test
    void pieceIdsAreUniqueAndIncreasing() {
        Set<String> seen = new HashSet<>();
        String previous = "";
        for (int i = 0; i < 10_000; i++) {
            String id = PieceIds.next();
            assertTrue(id.compareTo(previous) > 0, id + " after " + previous);
            assertTrue(seen.add(id));
            StorageKeys.checkKey(id);
            previous = id;
        }
    }
}
