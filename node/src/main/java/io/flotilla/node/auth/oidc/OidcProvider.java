package io.flotilla.node.auth.oidc;

import com.nimbusds.jwt.JWTClaimsSet;
import io.flotilla.node.auth.DirectoryIdentity;
import io.flotilla.node.auth.oidc.OidcLoginException.Reason;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One OpenID Connect provider, used for the authorization code flow with PKCE. Thread-safe: one instance
 * serves every login of the node.
 *
 * <p>The discovery document is fetched on first use and kept for the provider's life (endpoints do not move
 * under a running provider); the JWKS is kept too, and fetched again when a token names an unknown key.
 * Nothing is fetched when the instance is made, so a node starts while its provider is down, and logins
 * fail with {@link Reason#PROVIDER_UNAVAILABLE} until it is back.
 */
public final class OidcProvider implements AutoCloseable {
    private final OidcSettings settings;
    private final Clock clock;
    private final HttpClient client;
    private final ProviderHttp http;
    private final JwksKeys keys;
    private final IdTokenVerifier verifier;
    private final TokenEndpoint tokenEndpoint;
    private final IdentityClaims identityClaims;
    private volatile ProviderMetadata metadata;

    public OidcProvider(OidcSettings settings) {
        this(settings, Clock.systemUTC());
    }

    public OidcProvider(OidcSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.client = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.http = new ProviderHttp(client, settings.requestTimeout());
        this.keys = new JwksKeys(() -> metadata().jwksUri(), http, clock);
        this.verifier = new IdTokenVerifier(settings.issuer().toString(), settings.clientId(), keys, clock,
                IdTokenVerifier.DEFAULT_LEEWAY);
        this.tokenEndpoint = new TokenEndpoint(settings, http);
        this.identityClaims = new IdentityClaims(settings.usernameClaim(), settings.groupsClaim());
    }

    public OidcSettings settings() {
        return settings;
    }

    /**
     * Starts a login: fresh state, nonce and PKCE verifier, and the provider's authorization URL to send the
     * browser to. The caller keeps the returned {@link PendingLogin} until the callback.
     *
     * @param redirectUri this node's callback, registered at the provider
     * @throws IllegalArgumentException when {@code redirectUri} is not an absolute http(s) URL without fragment
     * @throws OidcLoginException       when the provider's discovery document cannot be had
     */
    public PendingLogin begin(URI redirectUri) {
        checkRedirectUri(redirectUri);
        String state = RandomStrings.urlSafe(32);
        String nonce = RandomStrings.urlSafe(32);
        String verifier = Pkce.newVerifier();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", settings.clientId());
        query.put("redirect_uri", redirectUri.toString());
        query.put("scope", String.join(" ", settings.scopes()));
        query.put("state", state);
        query.put("nonce", nonce);
        query.put("code_challenge", Pkce.challenge(verifier));
        query.put("code_challenge_method", Pkce.METHOD);
        URI endpoint = metadata().authorizationEndpoint();
        String separator = endpoint.getRawQuery() == null ? "?" : "&";
        // Form encoding writes a space as '+'; in a URL's query %20 is the unambiguous spelling.
        URI url = URI.create(endpoint + separator + ProviderHttp.formEncode(query).replace("+", "%20"));
        return new PendingLogin(state, nonce, verifier, redirectUri, url, clock.instant());
    }

    /**
     * Finishes a login from the callback's {@code code} and {@code state}: checks the state, redeems the code
     * with the PKCE verifier, verifies the ID token, and returns who logged in. The caller must drop
     * {@code pending} whatever the outcome: a login completes once.
     *
     * @throws OidcLoginException for every failure, with its reason
     */
    public DirectoryIdentity complete(PendingLogin pending, String code, String returnedState) {
        Objects.requireNonNull(pending, "pending");
        // Before any request: a forged callback must not reach the provider with our credentials.
        if (!IdTokenVerifier.constantTimeEquals(pending.state(), returnedState)) {
            throw new OidcLoginException(Reason.STATE_MISMATCH, "the callback's state is not this login's");
        }
        if (code == null || code.isBlank() || code.length() > 4096) {
            throw new OidcLoginException(Reason.MISSING_CODE, code == null ? "no code" : "an unusable code");
        }
        String idToken = tokenEndpoint.redeem(metadata(), pending, code);
        JWTClaimsSet claims = verifier.verify(idToken, pending.nonce());
        return identityClaims.identity(claims);
    }

    @Override
    public void close() {
        client.close();
    }

    /** The discovery document, fetched once; a failed fetch is retried by the next caller. */
    ProviderMetadata metadata() {
        ProviderMetadata known = metadata;
        if (known == null) {
            synchronized (this) {
                known = metadata;
                if (known == null) {
                    known = ProviderMetadata.parse(http.getJson(settings.discoveryUri(), "discovery document"),
                            settings.issuer().toString());
                    metadata = known;
                }
            }
        }
        return known;
    }

    /** For tests that hand-craft ID tokens against this provider's real JWKS. */
    IdTokenVerifier verifier() {
        return verifier;
    }

    JwksKeys keys() {
        return keys;
    }

    private static void checkRedirectUri(URI redirectUri) {
        Objects.requireNonNull(redirectUri, "redirectUri");
        String scheme = redirectUri.getScheme();
        if (!redirectUri.isAbsolute() || !("https".equals(scheme) || "http".equals(scheme))
                || redirectUri.getHost() == null || redirectUri.getRawFragment() != null) {
            throw new IllegalArgumentException("a redirect URI is an absolute http(s) URL without fragment: " + redirectUri);
        }
    }
}
