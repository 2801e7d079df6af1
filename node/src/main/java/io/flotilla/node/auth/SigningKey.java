package io.flotilla.node.auth;

import com.nimbusds.jose.jwk.ECKey;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One of this node's ES256 key pairs and its life: created, then (after a rotation) retired. A retired
 * key no longer signs but stays published until the last token it could have signed has expired.
 *
 * @param privateJwk the P-256 key pair as a private JWK; its key id is its RFC 7638 thumbprint
 * @param createdAt  when the key was made
 * @param retiredAt  when a newer key replaced it, or null while it is the current key
 */
public record SigningKey(ECKey privateJwk, Instant createdAt, Instant retiredAt) {

    public SigningKey {
        Objects.requireNonNull(privateJwk, "privateJwk");
        Objects.requireNonNull(createdAt, "createdAt");
        if (!privateJwk.isPrivate() || privateJwk.getKeyID() == null) {
            throw new IllegalArgumentException("a signing key needs its private part and a key id");
        }
    }

    public String kid() {
        return privateJwk.getKeyID();
    }

    public boolean retired() {
        return retiredAt != null;
    }

    public SigningKey retire(Instant at) {
        return retired() ? this : new SigningKey(privateJwk, createdAt, at);
    }

    /** Whether tokens it signed may still be live: always while current, else until retirement plus a token's lifetime. */
    public boolean inValidity(Instant now, Duration maxTokenLifetime) {
        return !retired() || now.isBefore(retiredAt.plus(maxTokenLifetime));
    }

    /** The public half only, safe to publish in a JWKS. */
    public ECKey publicJwk() {
        return privateJwk.toPublicJWK();
    }

    /** Never print the private part, even by accident in a log line. */
    @Override
    public String toString() {
        return "SigningKey[kid=" + kid() + ", createdAt=" + createdAt + ", retiredAt=" + retiredAt + ']';
    }
}
