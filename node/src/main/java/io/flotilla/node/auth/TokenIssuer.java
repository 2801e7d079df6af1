package io.flotilla.node.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Objects;

/**
 * Signs registry tokens with this node's current key: ES256, header {@code kid}, and the claims Docker
 * clients and registries expect ({@code iss, sub, aud, exp, nbf, iat, jti, access}). It grants exactly
 * what it is given; deciding what an account may have is the caller's job.
 */
public final class TokenIssuer {

    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SigningKeys keys;
    private final String issuer;
    private final String service;
    private final Duration lifetime;
    private final Clock clock;

    /**
     * @param issuer   the {@code iss} claim
     * @param service  the {@code aud} claim: the service name clients pass to the token endpoint
     * @param lifetime whole seconds, at most the keys' maxTokenLifetime, or a retired key could vanish first
     */
    public TokenIssuer(SigningKeys keys, String issuer, String service, Duration lifetime, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.issuer = requireText(issuer, "issuer");
        this.service = requireText(service, "service");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (lifetime.toSeconds() < 1 || lifetime.compareTo(keys.maxTokenLifetime()) > 0) {
            throw new IllegalArgumentException("token lifetime " + lifetime + " must be between 1 s and " + keys.maxTokenLifetime());
        }
        this.lifetime = Duration.ofSeconds(lifetime.toSeconds());
    }

    public TokenIssuer(SigningKeys keys, String issuer, String service, Clock clock) {
        this(keys, issuer, service, DEFAULT_LIFETIME, clock);
    }

    /**
     * @param subject the account, or null or empty for an anonymous caller
     * @param access  what the token grants; empty for a login token
     */
    public IssuedToken issue(String subject, List<TokenScope> access) {
        // JWT times are whole seconds; truncating keeps issued_at equal to the iat inside the token.
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiry = now.plus(lifetime);
        SigningKey key = keys.current();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.kid()).type(JOSEObjectType.JWT).build();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject == null ? "" : subject)
                .audience(service) // one string, not an array: what Docker's own registry expects
                .expirationTime(Date.from(expiry))
                .notBeforeTime(Date.from(now))
                .issueTime(Date.from(now))
                .jwtID(randomId())
                .claim(AccessClaim.NAME, AccessClaim.toJson(access))
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new ECDSASigner(key.privateJwk()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with key " + key.kid(), e);
        }
        return new IssuedToken(jwt.serialize(), lifetime.toSeconds(), now);
    }

    private static String randomId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return value;
    }
}
