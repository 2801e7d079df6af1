package io.flotilla.chaos.client.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenCacheTest {

    private static final URI REALM = URI.create("http://127.0.0.1:1/service/token");
    private final SettableClock clock = new SettableClock();
    private final TokenCache cache = new TokenCache(clock);

    @Test
    void aTokenIsUsedUntilThirtySecondsBeforeItExpires() {
        cache.put(REALM, "s", "t", Duration.ofSeconds(300));
        clock.advance(Duration.ofSeconds(269));
        assertEquals(Optional.of("t"), cache.get(REALM, "s"));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), cache.get(REALM, "s"));
    }

    @Test
    void aShortLivedTokenKeepsNineTenthsOfItsLife() {
        cache.put(REALM, "s", "t", Duration.ofSeconds(10));
        clock.advance(Duration.ofMillis(8_999));
        assertEquals(Optional.of("t"), cache.get(REALM, "s"));
        clock.advance(Duration.ofMillis(1));
        assertEquals(Optional.empty(), cache.get(REALM, "s"));
    }

    @Test
    void tokensAreKeptPerRealmAndScope() {
        cache.put(REALM, "repository:a:pull", "pull", Duration.ofMinutes(5));
        assertEquals(Optional.empty(), cache.get(REALM, "repository:a:pull,push"));
        assertEquals(Optional.empty(), cache.get(URI.create("http://other/token"), "repository:a:pull"));
    }

    @Test
    void forgetDropsOnlyTheTokenThatWasRefused() {
        cache.put(REALM, "s", "old", Duration.ofMinutes(5));
        cache.put(REALM, "s", "new", Duration.ofMinutes(5));
        cache.forget(REALM, "s", "old");
        assertEquals(Optional.of("new"), cache.get(REALM, "s"));
        cache.forget(REALM, "s", "new");
        assertEquals(Optional.empty(), cache.get(REALM, "s"));
    }
}
