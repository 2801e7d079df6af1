package io.flotilla.node.auth;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenRoundTripTest {

    static final String ISSUER = "flotilla-test";
    static final String SERVICE = "flotilla.example";
    private static final Duration MAX_LIFETIME = Duration.ofMinutes(5);

    @TempDir
    Path dataDir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void issuedTokenVerifiesAndCarriesItsGrants() throws Exception {
        SigningKeys keys = SigningKeys.open(dataDir, MAX_LIFETIME, clock);
        IssuedToken issued = new TokenIssuer(keys, ISSUER, SERVICE, clock).issue("alice",
                TokenScope.parseAll(List.of("repository:team/app:pull,push", "registry:catalog:*")));
        assertEquals(300, issued.expiresIn());
        assertEquals(clock.instant(), issued.issuedAt());

        VerifiedToken verified = verifier(keys).verify(issued.token());
        assertEquals("alice", verified.subject());
        assertEquals(Set.of("pull", "push"), verified.grants("repository", "team/app"));
        assertEquals(Set.of("*"), verified.grants("registry", "catalog"));
        assertEquals(Set.of(), verified.grants("repository", "team/other"));
        assertEquals(clock.instant().plus(MAX_LIFETIME), verified.expiresAt());
    }

    @Test
    void theTokenHasTheClaimsDockerExpects() throws Exception {
        SigningKeys keys = SigningKeys.open(dataDir, MAX_LIFETIME, clock);
        IssuedToken issued = new TokenIssuer(keys, ISSUER, SERVICE, clock).issue(null, List.of());
        SignedJWT jwt = SignedJWT.parse(issued.token());
        assertEquals("ES256", jwt.getHeader().getAlgorithm().getName());
        assertEquals(keys.current().kid(), jwt.getHeader().getKeyID());
        String payload = jwt.getPayload().toString();
        assertTrue(payload.contains("\"aud\":\"" + SERVICE + "\""), payload); // a string, not an array
        assertTrue(payload.contains("\"access\":[]"), payload);
        assertTrue(payload.contains("\"sub\":\"\""), payload);
        assertTrue(jwt.getJWTClaimsSet().getJWTID().length() >= 20);

        VerifiedToken verified = verifier(keys).verify(issued.token());
        assertTrue(verified.anonymous());
        assertEquals(List.of(), verified.access());
    }

    @Test
    void aTokenSignedByARetiredKeyVerifiesUntilItExpires() {
        SigningKeys keys = SigningKeys.open(dataDir, MAX_LIFETIME, clock);
        TokenIssuer issuer = new TokenIssuer(keys, ISSUER, SERVICE, clock);
        IssuedToken oldToken = issuer.issue("alice", TokenScope.parseAll(List.of("repository:app:pull")));
        String oldKid = keys.current().kid();
        clock.advance(Duration.ofMinutes(1));
        keys.rotate(); // the old key is kept until now + MAX_LIFETIME, a minute past the token's exp

        TokenVerifier verifier = verifier(keys);
        assertEquals(Set.of("pull"), verifier.verify(oldToken.token()).grants("repository", "app"));
        clock.advance(MAX_LIFETIME.minus(Duration.ofMinutes(1)).minusSeconds(1));
        assertEquals("alice", verifier.verify(oldToken.token()).subject());

        clock.advance(Duration.ofSeconds(31)); // past exp and the 30 s leeway, while the key is still held
        assertTrue(keys.publicKey(oldKid).isPresent());
        assertEquals(TokenRejectedException.Reason.EXPIRED,
                assertThrows(TokenRejectedException.class, () -> verifier.verify(oldToken.token())).reason());

        clock.advance(Duration.ofMinutes(1)); // and then the retired key itself goes
        assertTrue(keys.publicKey(oldKid).isEmpty());
    }

    @Test
    void aKeyLoadedAfterARestartSignsWithTheSameKid() {
        String kid = SigningKeys.open(dataDir, MAX_LIFETIME, clock).current().kid();

        SigningKeys restarted = SigningKeys.open(dataDir, MAX_LIFETIME, clock);
        assertEquals(kid, restarted.current().kid());
        IssuedToken issued = new TokenIssuer(restarted, ISSUER, SERVICE, clock).issue("bob", List.of());
        assertEquals("bob", verifier(restarted).verify(issued.token()).subject());
        // And a fresh process that only has the first instance's public key verifies it too.
        SigningKeys again = SigningKeys.open(dataDir, MAX_LIFETIME, clock);
        assertEquals("bob", verifier(again).verify(issued.token()).subject());
    }

    @Test
    void aLifetimeLongerThanTheKeysRetentionIsRefused() {
        SigningKeys keys = SigningKeys.open(dataDir, MAX_LIFETIME, clock);
        assertThrows(IllegalArgumentException.class,
                () -> new TokenIssuer(keys, ISSUER, SERVICE, MAX_LIFETIME.plusSeconds(1), clock));
    }

    private TokenVerifier verifier(SigningKeys keys) {
        return new TokenVerifier(keys::publicKey, ISSUER, SERVICE, clock);
    }
}
