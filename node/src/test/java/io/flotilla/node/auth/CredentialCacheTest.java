package io.flotilla.node.auth;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CredentialCacheTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final CredentialCache<String> cache = new CredentialCache<>(clock);

    @Test
    void aCachedSuccessIsFoundWithTheSamePasswordOnly() {
        cache.put("alice", "s3cret".toCharArray(), "principal:alice");
        assertEquals(Optional.of("principal:alice"), cache.get("alice", "s3cret".toCharArray()));
        assertEquals(Optional.empty(), cache.get("alice", "s3cret!".toCharArray()));
        assertEquals(Optional.empty(), cache.get("alice", "".toCharArray()));
        assertEquals(Optional.empty(), cache.get("bob", "s3cret".toCharArray()));
        assertEquals(Optional.empty(), cache.get("Alice", "s3cret".toCharArray())); // the backend decides about case
    }

    @Test
    void anEntryExpiresAfterItsTtl() {
        cache.put("alice", "s3cret".toCharArray(), "p");
        clock.advance(CredentialCache.DEFAULT_TTL.minusMillis(1));
        assertTrue(cache.get("alice", "s3cret".toCharArray()).isPresent());
        clock.advance(Duration.ofMillis(1));
        assertTrue(cache.get("alice", "s3cret".toCharArray()).isEmpty());
        assertEquals(0, cache.size()); // and it is gone, not just hidden
    }

    @Test
    void aRepeatedPutRestartsTheTtl() {
        cache.put("alice", "s3cret".toCharArray(), "old");
        clock.advance(Duration.ofSeconds(50));
        cache.put("alice", "s3cret".toCharArray(), "new");
        clock.advance(Duration.ofSeconds(50));
        assertEquals(Optional.of("new"), cache.get("alice", "s3cret".toCharArray()));
        assertEquals(1, cache.size());
    }

    @Test
    void theOldestEntryGoesWhenFull() {
        CredentialCache<String> small = new CredentialCache<>(3, Duration.ofMinutes(1), clock);
        for (int i = 0; i < 4; i++) {
            small.put("user" + i, "pw".toCharArray(), "p" + i);
            clock.advance(Duration.ofSeconds(1));
        }
        assertEquals(3, small.size());
        assertTrue(small.get("user0", "pw".toCharArray()).isEmpty());
        assertEquals(Optional.of("p3"), small.get("user3", "pw".toCharArray()));
        assertEquals(Optional.of("p1"), small.get("user1", "pw".toCharArray()));
    }

    @Test
    void expiredEntriesMakeRoomBeforeLiveOnesAreEvicted() {
        CredentialCache<String> small = new CredentialCache<>(3, Duration.ofSeconds(10), clock);
        small.put("a", "pw".toCharArray(), "a");
        small.put("b", "pw".toCharArray(), "b");
        clock.advance(Duration.ofSeconds(10));
        small.put("c", "pw".toCharArray(), "c");
        assertEquals(1, small.size());
    }

    @Test
    void invalidatingAUserDropsAllItsPasswordsAndNothingElse() {
        cache.put("alice", "old".toCharArray(), "a1");
        cache.put("Alice", "new".toCharArray(), "a2");
        cache.put("bob", "old".toCharArray(), "b");
        cache.invalidateUser("ALICE");
        assertTrue(cache.get("alice", "old".toCharArray()).isEmpty());
        assertTrue(cache.get("Alice", "new".toCharArray()).isEmpty());
        assertEquals(Optional.of("b"), cache.get("bob", "old".toCharArray()));
    }

    @Test
    void clearDropsEverything() {
        cache.put("alice", "pw".toCharArray(), "a");
        cache.put("bob", "pw".toCharArray(), "b");
        cache.clear();
        assertEquals(0, cache.size());
        assertTrue(cache.get("alice", "pw".toCharArray()).isEmpty());
    }

    /** Without a length prefix, "a\0b" + NUL + "c" and "a" + NUL + "b\0c" would be one input. */
    @Test
    void theNamePasswordBoundaryIsUnambiguous() {
        cache.put("a\0b", "c".toCharArray(), "ab");
        assertTrue(cache.get("a", "b\0c".toCharArray()).isEmpty());
        cache.put("a", "bc".toCharArray(), "a");
        assertTrue(cache.get("ab", "c".toCharArray()).isEmpty());
    }

    @Test
    void aPasswordThatIsNotTextIsNeverCached() {
        char[] loneSurrogate = {'x', '\udc00'};
        cache.put("alice", loneSurrogate, "a");
        assertEquals(0, cache.size());
        assertTrue(cache.get("alice", loneSurrogate).isEmpty());
    }

    /** A heap dump must hold nothing an attacker can test password guesses against without the MAC key. */
    @Test
    void noStoredKeyIsAPlainDigestOfTheCredentials() throws Exception {
        cache.put("alice", "s3cret".toCharArray(), "a");
        List<byte[]> plain = new ArrayList<>();
        for (String algorithm : List.of("SHA-256", "SHA-512", "SHA-1", "MD5")) {
            MessageDigest digest = MessageDigest.getInstance(algorithm);
            plain.add(digest.digest(utf8("alice\0s3cret")));
            plain.add(digest.digest(utf8("alice:s3cret")));
            plain.add(digest.digest(utf8("alices3cret")));
            plain.add(digest.digest(utf8("s3cret")));
            plain.add(digest.digest(lengthPrefixed("alice", "s3cret"))); // the exact MAC input, unkeyed
        }
        List<byte[]> stored = cache.storedKeys();
        assertEquals(1, stored.size());
        assertEquals(32, stored.getFirst().length);
        for (byte[] digest : plain) {
            assertFalse(Arrays.equals(digest, stored.getFirst()));
        }

        CredentialCache<String> other = new CredentialCache<>(clock); // another process, another MAC key
        other.put("alice", "s3cret".toCharArray(), "a");
        assertFalse(Arrays.equals(stored.getFirst(), other.storedKeys().getFirst()));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] lengthPrefixed(String user, String password) {
        byte[] u = utf8(user);
        byte[] p = utf8(password);
        return ByteBuffer.allocate(4 + u.length + p.length).putInt(u.length).put(u).put(p).array();
    }
}
