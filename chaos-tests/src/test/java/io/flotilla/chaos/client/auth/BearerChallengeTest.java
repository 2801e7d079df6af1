package io.flotilla.chaos.client.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BearerChallengeTest {

    @Test
    void readsRealmServiceAndAScopeWhoseActionsHoldACommaInsideQuotes() {
        BearerChallenge c = BearerChallenge.parse("Bearer realm=\"http://127.0.0.1:5000/service/token\","
                + "service=\"flotilla-registry\",scope=\"repository:a/b:pull,push\",error=\"insufficient_scope\"")
                .orElseThrow();
        assertEquals(URI.create("http://127.0.0.1:5000/service/token"), c.realm());
        assertEquals("flotilla-registry", c.service());
        assertEquals("repository:a/b:pull,push", c.scope());
        assertEquals("insufficient_scope", c.error());
    }

    @Test
    void aChallengeWithoutScopeAsksForALogin() {
        BearerChallenge c = BearerChallenge.parse("bearer realm=\"http://h/token\", service=svc").orElseThrow();
        assertEquals("svc", c.service());
        assertEquals("", c.scope());
        assertEquals("", c.error());
    }

    @Test
    void keepsEscapedQuotesAndIgnoresUnknownParameters() {
        BearerChallenge c = BearerChallenge.parse("Bearer foo=\"a\\\"b\",realm=\"http://h/t\"").orElseThrow();
        assertEquals(URI.create("http://h/t"), c.realm());
    }

    @Test
    void basicChallengesAndBearerWithoutRealmAreNoTokenChallenges() {
        assertEquals(Optional.empty(), BearerChallenge.parse("Basic realm=\"flotilla\""));
        assertEquals(Optional.empty(), BearerChallenge.parse("Bearer service=\"x\""));
        assertEquals(Optional.empty(), BearerChallenge.parse("Bearer"));
        assertTrue(BearerChallenge.parse("Bearer realm=\"not a uri\"").isEmpty());
    }
}
