package io.flotilla.node.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;

import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import io.flotilla.node.auth.TokenRejectedException.Reason;

/**
 * Checks a compact registry token and returns its grants. The checks run cheapest and least trusting
 * first: size, then the algorithm (only ES256, so {@code none} and HMAC-with-the-public-key tricks fail
 * before any key is touched), then the key and signature, and only then the claims of a payload we now
 * know one of our nodes signed. Every refusal is a {@link TokenRejectedException}; nothing else escapes.
 */
public final class TokenVerifier {

    /** A token this project issues is well under 2 KiB; 8 KiB leaves room and bounds the parsing work. */
    public static final int MAX_TOKEN_LENGTH = 8 * 1024;
    public static final Duration DEFAULT_LEEWAY = Duration.ofSeconds(30);

    private final Function<String, Optional<ECPublicKey>> keyLookup;
    private final String issuer;
    private final String audience;
    private final Duration leeway;
    private final Clock clock;

    /**
     * @param keyLookup finds the public key for a kid: this node's own, or any node's from the JWKS
     * @param leeway    clock skew tolerated between nodes on exp and nbf
     */
    public TokenVerifier(Function<String, Optional<ECPublicKey>> keyLookup, String issuer, String audience,
                         Duration leeway, Clock clock) {
        this.keyLookup = Objects.requireNonNull(keyLookup, "keyLookup");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.audience = Objects.requireNonNull(audience, "audience");
        this.leeway = Objects.requireNonNull(leeway, "leeway");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public TokenVerifier(Function<String, Optional<ECPublicKey>> keyLookup, String issuer, String audience, Clock clock) {
        this(keyLookup, issuer, audience, DEFAULT_LEEWAY, clock);
    }

    public VerifiedToken verify(String token) {
        try {
            return check(token);
        } catch (TokenRejectedException e) {
            throw e;
        } catch (RuntimeException e) {
            // A library surprise on hostile input must still be a 401, never a 500.
            throw new TokenRejectedException(Reason.MALFORMED, "unexpected " + e.getClass().getSimpleName(), e);
        }
    }

    private VerifiedToken check(String token) {
        if (token == null || token.isEmpty()) {
            throw new TokenRejectedException(Reason.MALFORMED, "no token");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new TokenRejectedException(Reason.TOO_LARGE, token.length() + " characters");
        }
        SignedJWT jwt = signedEs256(token);
        verifySignature(jwt);
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new TokenRejectedException(Reason.BAD_CLAIMS, "claims: " + e.getMessage(), e);
        }
        checkIssuerAndAudience(claims);
        Instant expiresAt = checkTimes(claims);
        try {
            return new VerifiedToken(claims.getSubject(), claims.getIssuer(), expiresAt,
                    AccessClaim.fromJson(claims.getClaim(AccessClaim.NAME)));
        } catch (IllegalArgumentException e) {
            throw new TokenRejectedException(Reason.BAD_CLAIMS, e.getMessage(), e);
        }
    }

    private static SignedJWT signedEs256(String token) {
        JWT parsed;
        try {
            parsed = JWTParser.parse(token); // a plain (alg none) or encrypted JWT parses to another type
        } catch (ParseException e) {
            throw new TokenRejectedException(Reason.MALFORMED, e.getMessage(), e);
        }
        if (!(parsed instanceof SignedJWT jwt) || !JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())) {
            throw new TokenRejectedException(Reason.BAD_ALGORITHM, "alg " + parsed.getHeader().getAlgorithm());
        }
        return jwt;
    }

    private void verifySignature(SignedJWT jwt) {
        String kid = jwt.getHeader().getKeyID();
        if (kid == null || kid.isEmpty()) {
            throw new TokenRejectedException(Reason.UNKNOWN_KEY, "no kid");
        }
        Optional<ECPublicKey> key;
        try {
            key = keyLookup.apply(kid);
        } catch (RuntimeException e) {
            throw new TokenRejectedException(Reason.KEYS_UNAVAILABLE, "key lookup failed for kid " + kid, e);
        }
        if (key == null || key.isEmpty()) {
            throw new TokenRejectedException(Reason.UNKNOWN_KEY, "kid " + kid);
        }
        boolean valid;
        try {
            valid = jwt.verify(new ECDSAVerifier(key.get()));
        } catch (JOSEException e) {
            throw new TokenRejectedException(Reason.BAD_SIGNATURE, e.getMessage(), e);
        }
        if (!valid) {
            throw new TokenRejectedException(Reason.BAD_SIGNATURE, "kid " + kid);
        }
    }

    private void checkIssuerAndAudience(JWTClaimsSet claims) {
        if (!issuer.equals(claims.getIssuer())) {
            throw new TokenRejectedException(Reason.WRONG_ISSUER, "iss " + claims.getIssuer());
        }
        List<String> audiences = claims.getAudience();
        if (audiences == null || !audiences.contains(audience)) {
            throw new TokenRejectedException(Reason.WRONG_AUDIENCE, "aud " + audiences);
        }
    }

    private Instant checkTimes(JWTClaimsSet claims) {
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new TokenRejectedException(Reason.BAD_CLAIMS, "no exp"); // a token must never live forever
        }
        Instant now = clock.instant();
        Instant expiresAt = exp.toInstant();
        if (!now.isBefore(expiresAt.plus(leeway))) {
            throw new TokenRejectedException(Reason.EXPIRED, "exp " + expiresAt);
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.plus(leeway).isBefore(nbf.toInstant())) {
            throw new TokenRejectedException(Reason.NOT_YET_VALID, "nbf " + nbf.toInstant());
        }
        return expiresAt;
    }
}
