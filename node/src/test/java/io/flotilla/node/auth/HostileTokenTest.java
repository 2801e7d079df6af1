package io.flotilla.node.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.flotilla.node.auth.TokenRejectedException.Reason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static io.flotilla.node.auth.TokenRoundTripTest.ISSUER;
import static io.flotilla.node.auth.TokenRoundTripTest.SERVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Tokens an attacker could send; each must be refused with the right reason and nothing else escaping. */
class HostileTokenTest {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    @TempDir
    Path dataDir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private SigningKeys keys;
    private TokenIssuer issuer;
    private TokenVerifier verifier;
    private String goodToken;

    @BeforeEach
    void setUp() {
        keys = SigningKeys.open(dataDir, Duration.ofMinutes(5), clock);
        issuer = new TokenIssuer(keys, ISSUER, SERVICE, clock);
        verifier = new TokenVerifier(keys::publicKey, ISSUER, SERVICE, clock);
        goodToken = issuer.issue("alice", TokenScope.parseAll(List.of("repository:app:pull"))).token();
    }

    @Test
    void algNoneIsRefused() {
        String token = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + '.' + payloadOf(goodToken) + '.';
        assertRefused(Reason.BAD_ALGORITHM, token);
    }

    @Test
    void hs256KeyedWithThePublicKeyIsRefused() throws Exception {
        String signingInput = b64("{\"alg\":\"HS256\",\"kid\":\"" + keys.current().kid() + "\"}") + '.' + payloadOf(goodToken);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(keys.current().publicJwk().toECPublicKey().getEncoded(), "HmacSHA256"));
        String token = signingInput + '.' + B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        assertRefused(Reason.BAD_ALGORITHM, token);
    }

    @Test
    void rs256IsRefused() {
        String token = b64("{\"alg\":\"RS256\",\"kid\":\"" + keys.current().kid() + "\"}") + '.' + payloadOf(goodToken) + ".AAAA";
        assertRefused(Reason.BAD_ALGORITHM, token);
    }

    @Test
    void aTamperedPayloadIsRefused() {
        String[] parts = goodToken.split("\\.");
        char[] payload = parts[1].toCharArray();
        int middle = payload.length / 2;
        payload[middle] = payload[middle] == 'A' ? 'B' : 'A';
        assertRefused(Reason.BAD_SIGNATURE, parts[0] + '.' + new String(payload) + '.' + parts[2]);
    }

    @Test
    void aWrongAudienceIsRefused() {
        String other = new TokenIssuer(keys, ISSUER, "other.example", clock).issue("alice", List.of()).token();
        assertRefused(Reason.WRONG_AUDIENCE, other);
    }

    @Test
    void aWrongIssuerIsRefused() {
        String other = new TokenIssuer(keys, "someone-else", SERVICE, clock).issue("alice", List.of()).token();
        assertRefused(Reason.WRONG_ISSUER, other);
    }

    @Test
    void anExpiredTokenIsRefusedButTheLeewayHolds() {
        clock.advance(Duration.ofMinutes(5).plusSeconds(29));
        verifier.verify(goodToken);
        clock.advance(Duration.ofSeconds(1));
        assertRefused(Reason.EXPIRED, goodToken);
    }

    @Test
    void aTokenFromTheFutureIsRefused() {
        clock.advance(Duration.ofMinutes(2));
        String future = issuer.issue("alice", List.of()).token();
        clock.advance(Duration.ofMinutes(-2));
        assertRefused(Reason.NOT_YET_VALID, future);
    }

    @Test
    void anUnknownOrMissingKidIsRefused() throws Exception {
        TokenVerifier strangers = new TokenVerifier(kid -> java.util.Optional.empty(), ISSUER, SERVICE, clock);
        assertEquals(Reason.UNKNOWN_KEY, assertThrows(TokenRejectedException.class, () -> strangers.verify(goodToken)).reason());
        assertRefused(Reason.UNKNOWN_KEY, sign(new JWSHeader.Builder(JWSAlgorithm.ES256).build(), validClaims().build()));
    }

    @Test
    void aHundredKibTokenIsRefusedBeforeParsing() {
        assertRefused(Reason.TOO_LARGE, "a".repeat(100 * 1024));
    }

    @Test
    void garbageIsMalformed() {
        for (String garbage : List.of("", "not-a-token", "@@@.###.$$$", "eyJ!!!.eyJ.sig", "a.b.c.d.e.f", "..")) {
            assertRefused(Reason.MALFORMED, garbage);
        }
        assertThrows(TokenRejectedException.class, () -> verifier.verify(null));
    }

    @Test
    void anAccessClaimThatIsNotAListIsRefused() throws Exception {
        assertRefused(Reason.BAD_CLAIMS, sign(header(), validClaims().claim("access", "everything").build()));
        assertRefused(Reason.BAD_CLAIMS, sign(header(), validClaims().claim("access", List.of("x")).build()));
        assertRefused(Reason.BAD_CLAIMS, sign(header(), validClaims()
                .claim("access", List.of(Map.of("type", "repository", "name", "app", "actions", List.of("own")))).build()));
    }

    @Test
    void aTokenWithoutExpiryIsRefused() throws Exception {
        assertRefused(Reason.BAD_CLAIMS, sign(header(), validClaims().expirationTime(null).build()));
    }

    private void assertRefused(Reason reason, String token) {
        TokenRejectedException e = assertThrows(TokenRejectedException.class, () -> verifier.verify(token));
        assertEquals(reason, e.reason(), e.getMessage());
    }

    private JWSHeader header() {
        return new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(keys.current().kid()).build();
    }

    private JWTClaimsSet.Builder validClaims() {
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(SERVICE).subject("alice")
                .expirationTime(Date.from(clock.instant().plusSeconds(60)));
    }

    private String sign(JWSHeader header, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(new ECDSASigner(keys.current().privateJwk()));
        return jwt.serialize();
    }

    private static String payloadOf(String token) {
        return token.split("\\.")[1];
    }

    private static String b64(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
