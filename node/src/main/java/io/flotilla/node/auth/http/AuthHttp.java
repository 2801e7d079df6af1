package io.flotilla.node.auth.http;

import io.flotilla.node.access.AccessPolicy;
import io.flotilla.node.access.Accounts;
import io.flotilla.node.auth.Authenticator;
import io.flotilla.node.auth.RegistryTokens;
import io.flotilla.node.auth.TokenVerifier;
import io.flotilla.node.audit.RegistryAuditTrail;
import io.flotilla.node.http.Urls;
import io.helidon.security.Security;

/** The HTTP face of access control, built once: the helidon-security instance, the gate and the token endpoint. */
public final class AuthHttp {

    private final RequestAuthentication authentication;
    private final RegistryGate gate;
    private final TokenHttp tokens;
    private final Challenge challenge;
    private final RegistryAuditTrail trail;

    public AuthHttp(Authenticator authenticator, TokenVerifier verifier, Accounts accounts, AccessPolicy policy,
                    RegistryTokens registryTokens, Urls urls, String service, RegistryAuditTrail trail,
                    java.time.Duration credentialTtl) {
        Security security = Security.builder()
                .addAuthenticationProvider(new CredentialsProvider(authenticator, verifier, accounts::callerFor),
                        "flotilla")
                .build();
        this.authentication = new RequestAuthentication(security, policy,
                new RecentAuthentications(credentialTtl, java.time.Clock.systemUTC()));
        this.challenge = new Challenge(urls, service);
        this.trail = trail;
        this.gate = new RegistryGate(authentication, challenge, trail);
        this.tokens = new TokenHttp(authentication, registryTokens, service, accounts::callerFor, trail);
    }

    public RegistryGate gate() {
        return gate;
    }

    /** Where the registry's handlers report pushes, deletes and pulls. */
    public io.flotilla.node.http.RequestAudit audit() {
        return trail;
    }

    /** The OIDC login routes, for a node configured with an identity provider. */
    public OidcHttp oidc(io.flotilla.node.auth.oidc.OidcProvider provider, io.flotilla.node.auth.TokenIssuer cookieIssuer,
                         TokenVerifier cookieVerifier, Urls urls, io.flotilla.node.access.Users users,
                         io.flotilla.node.auth.PasswordHasher hasher, Authenticator authenticator,
                         java.time.Duration timeout) {
        return new OidcHttp(provider, new PendingLoginCookie(cookieIssuer, cookieVerifier), urls, users, hasher,
                authenticator, trail, timeout);
    }

    public TokenHttp tokens() {
        return tokens;
    }

    public RequestAuthentication authentication() {
        return authentication;
    }

    public Challenge challenge() {
        return challenge;
    }
}
