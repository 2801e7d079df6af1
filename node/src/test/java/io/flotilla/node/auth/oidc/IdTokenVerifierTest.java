package io.flotilla.node.auth.oidc;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.opts.AllowWeakRSAKey;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.flotilla.node.auth.oidc.OidcLoginException.Reason;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ID token checks on hand-made tokens and keys, each attack on its own; OidcProviderTest runs the same
 * verifier on Keycloak's real tokens and JWKS.
 */
class IdTokenVerifierTest {
    private static final String ISSUER = "https://sso.example.com/realms/flotilla";
    private static final String CLIENT = "flotilla";
    private static final String NONCE = "nonce-of-this-login";
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private static RSAKey rsa;
    private static ECKey ec;
    private static RSAKey stranger;

    private final List<JWK> published = new ArrayList<>();
    private final IdTokenVerifier verifier = new IdTokenVerifier(ISSUER, CLIENT,
            kid -> published.stream().filter(k -> kid == null || kid.equals(k.getKeyID())).toList(),
            Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(60));

    @BeforeAll
    static void keys() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        stranger = new RSAKeyGenerator(2048).keyID("rsa-1").generate(); // same kid, another key
    }

    IdTokenVerifierTest() {
        published.add(rsa.toPublicJWK());
        published.add(ec.toPublicJWK());
    }

    @Test
    void rs256AndEs256TokensOfThePublishedKeysVerify() throws Exception {
        assertEquals("user-1", verifier.verify(sign(JWSAlgorithm.RS256, rsa, claims()), NONCE).getSubject());
        assertEquals("user-1", verifier.verify(sign(JWSAlgorithm.ES256, ec, claims()), NONCE).getSubject());
    }

    @Test
    void unsignedAndHmacTokensAreRefusedBeforeAnyKeyIsUsed() throws Exception {
        String payload = b64(claims().build().toString());
        assertRefused(Reason.BAD_ALGORITHM, b64("{\"alg\":\"none\"}") + "." + payload + ".");
        // HS256 keyed with the public key's bytes: the classic confusion attack.
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(), claims().build());
        hmac.sign(new MACSigner(rsa.toRSAPublicKey().getEncoded()));
        assertRefused(Reason.BAD_ALGORITHM, hmac.serialize());
        assertRefused(Reason.BAD_ALGORITHM, sign(JWSAlgorithm.RS512, rsa, claims()));
    }

    @Test
    void keysOutsideTheJwksOrOfTheWrongTypeAreRefused() throws Exception {
        assertRefused(Reason.BAD_SIGNATURE, sign(JWSAlgorithm.RS256, stranger, claims()));
        RSAKey unknown = new RSAKeyGenerator(2048).keyID("not-published").generate();
        assertRefused(Reason.UNKNOWN_KEY, sign(JWSAlgorithm.RS256, unknown, claims()));
        // An ES256 header naming the RSA key's kid finds no key that fits ES256.
        assertRefused(Reason.UNKNOWN_KEY, signWithKid(JWSAlgorithm.ES256, ec, "rsa-1", claims()));
    }

    @Test
    void aWeakRsaKeyIsRefusedEvenWhenPublished() throws Exception {
        RSAKey weak = new RSAKeyGenerator(1024, true).keyID("weak").generate();
        published.add(weak.toPublicJWK());
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("weak").build(), claims().build());
        jwt.sign(new RSASSASigner(weak.toPrivateKey(), Set.of(AllowWeakRSAKey.getInstance())));
        assertRefused(Reason.UNKNOWN_KEY, jwt.serialize());
    }

    @Test
    void aTokenWithoutKidVerifiesOnlyWhenOneKeyFits() throws Exception {
        String noKid = signWithKid(JWSAlgorithm.RS256, rsa, null, claims());
        assertEquals("user-1", verifier.verify(noKid, NONCE).getSubject());
        published.add(new RSAKeyGenerator(2048).keyID("rsa-2").generate().toPublicJWK());
        assertRefused(Reason.UNKNOWN_KEY, noKid);
    }

    @Test
    void issuerAndAudienceMustBeOurs() throws Exception {
        assertRefused(Reason.WRONG_ISSUER, sign(JWSAlgorithm.RS256, rsa, claims().issuer(ISSUER + "/")));
        assertRefused(Reason.WRONG_AUDIENCE, sign(JWSAlgorithm.RS256, rsa, claims().audience("another-app")));
        assertRefused(Reason.WRONG_AUDIENCE, sign(JWSAlgorithm.RS256, rsa, claims().claim("azp", "another-app")));
        assertRefused(Reason.WRONG_AUDIENCE, sign(JWSAlgorithm.RS256, rsa,
                claims().audience(List.of(CLIENT, "another-app"))));
        assertEquals("user-1", verifier.verify(sign(JWSAlgorithm.RS256, rsa,
                claims().audience(List.of(CLIENT, "another-app")).claim("azp", CLIENT)), NONCE).getSubject());
    }

    @Test
    void timesAreCheckedWithOneMinuteOfSkew() throws Exception {
        assertRefused(Reason.EXPIRED, sign(JWSAlgorithm.RS256, rsa, claims().expirationTime(at(NOW.minusSeconds(61)))));
        verifier.verify(sign(JWSAlgorithm.RS256, rsa, claims().expirationTime(at(NOW.minusSeconds(59)))), NONCE);
        assertRefused(Reason.NOT_YET_VALID, sign(JWSAlgorithm.RS256, rsa, claims().issueTime(at(NOW.plusSeconds(61)))));
        assertRefused(Reason.NOT_YET_VALID, sign(JWSAlgorithm.RS256, rsa, claims().notBeforeTime(at(NOW.plusSeconds(90)))));
        assertRefused(Reason.MISSING_CLAIM, sign(JWSAlgorithm.RS256, rsa, claims().expirationTime(null)));
        assertRefused(Reason.MISSING_CLAIM, sign(JWSAlgorithm.RS256, rsa, claims().issueTime(null)));
    }

    @Test
    void theNonceMustBeThisLoginsAndTheSubjectPresent() throws Exception {
        assertRefused(Reason.NONCE_MISMATCH, sign(JWSAlgorithm.RS256, rsa, claims().claim("nonce", "another-login")));
        assertRefused(Reason.NONCE_MISMATCH, sign(JWSAlgorithm.RS256, rsa, claims().claim("nonce", null)));
        assertRefused(Reason.NONCE_MISMATCH, sign(JWSAlgorithm.RS256, rsa, claims().claim("nonce", 42)));
        assertRefused(Reason.MISSING_CLAIM, sign(JWSAlgorithm.RS256, rsa, claims().subject(null)));
    }

    @Test
    void garbageIsAMalformedTokenNeverAnotherException() throws Exception {
        String good = sign(JWSAlgorithm.RS256, rsa, claims());
        for (String bad : List.of("", "x", "a.b.c", "..", good.substring(0, good.length() - 10) + "!!!!",
                b64("{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}") + "." + b64("not json") + ".sig",
                "x".repeat(IdTokenVerifier.MAX_TOKEN_LENGTH + 1))) {
            OidcLoginException e = assertThrows(OidcLoginException.class, () -> verifier.verify(bad, NONCE), bad);
            assertTrue(e.reason() == Reason.MALFORMED_TOKEN || e.reason() == Reason.BAD_SIGNATURE, e::getMessage);
        }
        assertRefused(Reason.MALFORMED_TOKEN, null);
    }

    private void assertRefused(Reason reason, String token) {
        OidcLoginException e = assertThrows(OidcLoginException.class, () -> verifier.verify(token, NONCE));
        assertEquals(reason, e.reason(), e.getMessage());
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(CLIENT).subject("user-1")
                .issueTime(at(NOW.minusSeconds(5))).expirationTime(at(NOW.plusSeconds(300))).claim("nonce", NONCE);
    }

    private static String sign(JWSAlgorithm alg, JWK key, JWTClaimsSet.Builder claims) throws Exception {
        return signWithKid(alg, key, key.getKeyID(), claims);
    }

    private static String signWithKid(JWSAlgorithm alg, JWK key, String kid, JWTClaimsSet.Builder claims)
            throws Exception {
        JWSSigner signer = key instanceof RSAKey r ? new RSASSASigner(r) : new ECDSASigner((ECKey) key);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).type(JOSEObjectType.JWT).build(),
                claims.build());
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static Date at(Instant instant) {
        return Date.from(instant);
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
