package io.flotilla.node.auth;

import com.nimbusds.jose.jwk.ECKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SigningKeysTest {

    private static final Duration MAX_LIFETIME = Duration.ofMinutes(5);

    @TempDir
    Path dataDir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void anEmptyDirectoryGetsOneOwnerOnlyKeyNamedByItsThumbprint() throws Exception {
        SigningKeys keys = SigningKeys.open(dataDir, MAX_LIFETIME, clock);
        SigningKey current = keys.current();
        assertEquals(current.publicJwk().computeThumbprint().toString(), current.kid());
        Path file = SigningKeyFiles.fileOf(SigningKeys.directoryUnder(dataDir), current.kid());
        assertTrue(Files.exists(file));
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
    }

    @Test
    void publishesOnlyPublicKeys() {
        SigningKeys keys = SigningKeys.open(dataDir, MAX_LIFETIME, clock);
        List<ECKey> published = keys.publicKeys();
        assertEquals(1, published.size());
        assertFalse(published.getFirst().isPrivate());
        assertFalse(published.getFirst().toJSONString().contains("\"d\""));
    }

    @Test
    void aRetiredKeyIsPublishedUntilItsLastTokenExpiresThenDeleted() {
        SigningKeys keys = SigningKeys.open(dataDir, MAX_LIFETIME, clock);
        SigningKey old = keys.current();
        clock.advance(Duration.ofMinutes(1));
        SigningKey fresh = keys.rotate();
        assertNotEquals(old.kid(), fresh.kid());
        assertEquals(fresh.kid(), keys.current().kid());
        assertEquals(2, keys.publicKeys().size());

        clock.advance(MAX_LIFETIME.minusSeconds(1));
        assertEquals(2, keys.publicKeys().size());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of(fresh.kid()), keys.publicKeys().stream().map(ECKey::getKeyID).toList());
        assertFalse(Files.exists(SigningKeyFiles.fileOf(SigningKeys.directoryUnder(dataDir), old.kid())));
    }

    @Test
    void reopeningKeepsTheCurrentKeyAndTheRetiredOnes() {
        SigningKeys first = SigningKeys.open(dataDir, MAX_LIFETIME, clock);
        SigningKey old = first.current();
        clock.advance(Duration.ofSeconds(10));
        SigningKey fresh = first.rotate();

        SigningKeys reopened = SigningKeys.open(dataDir, MAX_LIFETIME, clock);
        assertEquals(fresh.kid(), reopened.current().kid());
        assertFalse(reopened.current().retired());
        assertEquals(List.of(old.kid(), fresh.kid()), reopened.publicKeys().stream().map(ECKey::getKeyID).toList());
        assertTrue(reopened.publicKey(old.kid()).isPresent());
    }

    @Test
    void aRotationCutShortIsRepairedOnOpen() {
        SigningKeys keys = SigningKeys.open(dataDir, MAX_LIFETIME, clock);
        SigningKey old = keys.current();
        clock.advance(Duration.ofSeconds(10));
        // As if a crash struck between writing the new key and retiring the old: two unretired keys on disk.
        SigningKeys other = SigningKeys.open(dataDir.resolve("other"), MAX_LIFETIME, clock);
        SigningKeyFiles.write(SigningKeys.directoryUnder(dataDir), other.current());

        SigningKeys reopened = SigningKeys.open(dataDir, MAX_LIFETIME, clock);
        assertEquals(other.current().kid(), reopened.current().kid());
        assertEquals(2, reopened.publicKeys().size());
        assertTrue(reopened.publicKey(old.kid()).isPresent());
        clock.advance(MAX_LIFETIME);
        assertTrue(reopened.publicKey(old.kid()).isEmpty());
    }
}
