package io.flotilla.node.auth.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import io.flotilla.node.auth.oidc.OidcLoginException.Reason;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Checks an ID token as OpenID Connect Core 1.0, section 3.1.3.7 asks, cheapest and least trusting first:
 * size, then the algorithm (RS256 or ES256 only, so {@code none} and HMAC keyed with a public key fail before
 * any key is touched), then the provider's key and the signature, and only then the claims: iss, aud and azp,
 * exp, iat and nbf with a small clock skew, the nonce this login sent, and a subject.
 */
final class IdTokenVerifier {
    /** ID tokens are a few KiB even with many groups; the bound limits parsing work on hostile input. */
    static final int MAX_TOKEN_LENGTH = 64 * 1024;
    static final Duration DEFAULT_LEEWAY = Duration.ofSeconds(60);
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
    private static final int MIN_RSA_BITS = 2048;

    private final String issuer;
    private final String clientId;
    private final ProviderKeys keys;
    private final Clock clock;
    private final Duration leeway;

    IdTokenVerifier(String issuer, String clientId, ProviderKeys keys, Clock clock, Duration leeway) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.leeway = Objects.requireNonNull(leeway, "leeway");
    }

    /** The token's claims once every check passed; otherwise an {@link OidcLoginException}, nothing else. */
    JWTClaimsSet verify(String idToken, String expectedNonce) {
        try {
            SignedJWT jwt = parse(idToken);
            verifySignature(jwt);
            JWTClaimsSet claims;
            try {
                claims = jwt.getJWTClaimsSet();
            } catch (ParseException e) {
                throw new OidcLoginException(Reason.MALFORMED_TOKEN, "claims: " + e.getMessage(), e);
            }
            checkIssuerAndAudience(claims);
            checkTimes(claims);
            checkNonce(claims, expectedNonce);
            if (claims.getSubject() == null || claims.getSubject().isEmpty()) {
                throw new OidcLoginException(Reason.MISSING_CLAIM, "no sub");
            }
            return claims;
        } catch (OidcLoginException e) {
            throw e;
        } catch (RuntimeException e) {
            // A library surprise on hostile input is still a refused login, never a 500.
            throw new OidcLoginException(Reason.MALFORMED_TOKEN, "unexpected " + e.getClass().getSimpleName(), e);
        }
    }

    private static SignedJWT parse(String idToken) {
        if (idToken == null || idToken.isEmpty()) {
            throw new OidcLoginException(Reason.MALFORMED_TOKEN, "no ID token");
        }
        if (idToken.length() > MAX_TOKEN_LENGTH) {
            throw new OidcLoginException(Reason.MALFORMED_TOKEN, "ID token of " + idToken.length() + " characters");
        }
        JWT parsed;
        try {
            parsed = JWTParser.parse(idToken); // alg none parses to a PlainJWT, an encrypted one to an EncryptedJWT
        } catch (ParseException e) {
            throw new OidcLoginException(Reason.MALFORMED_TOKEN, e.getMessage(), e);
        }
        if (!(parsed instanceof SignedJWT jwt) || !ALGORITHMS.contains(jwt.getHeader().getAlgorithm())) {
            throw new OidcLoginException(Reason.BAD_ALGORITHM, "alg " + parsed.getHeader().getAlgorithm());
        }
        return jwt;
    }

    private void verifySignature(SignedJWT jwt) {
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        String kid = jwt.getHeader().getKeyID();
        List<JWK> candidates = keys.signingKeys(kid).stream().filter(k -> fits(k, alg)).toList();
        if (candidates.isEmpty()) {
            throw new OidcLoginException(Reason.UNKNOWN_KEY, "no " + alg + " key with kid " + kid + " in the provider's JWKS");
        }
        if (kid == null && candidates.size() > 1) {
            throw new OidcLoginException(Reason.UNKNOWN_KEY, "no kid, and the provider has several " + alg + " keys");
        }
        try {
            if (!jwt.verify(verifierFor(candidates.get(0)))) {
                throw new OidcLoginException(Reason.BAD_SIGNATURE, "kid " + kid);
            }
        } catch (JOSEException e) {
            throw new OidcLoginException(Reason.BAD_SIGNATURE, "kid " + kid + ": " + e.getMessage(), e);
        }
    }

    /** A key may verify only the algorithm of its type (and its own alg, if the JWKS names one). */
    private static boolean fits(JWK key, JWSAlgorithm alg) {
        if (key.getAlgorithm() != null && !alg.equals(key.getAlgorithm())) {
            return false;
        }
        if (JWSAlgorithm.RS256.equals(alg)) {
            return key instanceof RSAKey rsa && rsa.size() >= MIN_RSA_BITS;
        }
        return key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve());
    }

    private static JWSVerifier verifierFor(JWK key) throws JOSEException {
        return key instanceof RSAKey rsa ? new RSASSAVerifier(rsa.toRSAPublicKey())
                : new ECDSAVerifier(((ECKey) key).toECPublicKey());
    }

    private void checkIssuerAndAudience(JWTClaimsSet claims) {
        if (!issuer.equals(claims.getIssuer())) {
            throw new OidcLoginException(Reason.WRONG_ISSUER, "iss " + ProviderHttp.printable(claims.getIssuer()));
        }
        List<String> audiences = claims.getAudience();
        if (audiences == null || !audiences.contains(clientId)) {
            throw new OidcLoginException(Reason.WRONG_AUDIENCE, "aud " + audiences);
        }
        // azp names the party the token was issued to; when present it must be us (Core 3.1.3.7, items 4 and 5).
        Object azp = claims.getClaim("azp");
        if (azp != null && !clientId.equals(azp)) {
            throw new OidcLoginException(Reason.WRONG_AUDIENCE, "azp " + azp);
        }
        if (audiences.size() > 1 && azp == null) {
            throw new OidcLoginException(Reason.WRONG_AUDIENCE, "several audiences " + audiences + " and no azp");
        }
    }

    private void checkTimes(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        if (exp == null || iat == null) {
            throw new OidcLoginException(Reason.MISSING_CLAIM, exp == null ? "no exp" : "no iat");
        }
        if (!now.isBefore(exp.toInstant().plus(leeway))) {
            throw new OidcLoginException(Reason.EXPIRED, "exp " + exp.toInstant() + ", now " + now);
        }
        if (now.plus(leeway).isBefore(iat.toInstant())) {
            throw new OidcLoginException(Reason.NOT_YET_VALID, "iat " + iat.toInstant() + ", now " + now);
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.plus(leeway).isBefore(nbf.toInstant())) {
            throw new OidcLoginException(Reason.NOT_YET_VALID, "nbf " + nbf.toInstant() + ", now " + now);
        }
    }

    private static void checkNonce(JWTClaimsSet claims, String expectedNonce) {
        Object nonce = claims.getClaim("nonce");
        if (!(nonce instanceof String actual) || !constantTimeEquals(actual, expectedNonce)) {
            throw new OidcLoginException(Reason.NONCE_MISMATCH, nonce == null ? "no nonce" : "another login's nonce");
        }
    }

    static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
