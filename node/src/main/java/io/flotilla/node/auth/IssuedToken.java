package io.flotilla.node.auth;

import java.time.Instant;

/**
 * A freshly signed token and what the token endpoint answers with besides it.
 *
 * @param token     the compact JWS
 * @param expiresIn its lifetime in seconds ({@code expires_in})
 * @param issuedAt  when it was issued, to the second ({@code issued_at})
 */
public record IssuedToken(String token, long expiresIn, Instant issuedAt) {

    /** Never print a live credential. */
    @Override
    public String toString() {
        return "IssuedToken[expiresIn=" + expiresIn + ", issuedAt=" + issuedAt + ']';
    }
}
