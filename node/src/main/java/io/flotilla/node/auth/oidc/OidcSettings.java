package io.flotilla.node.auth.oidc;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What Flotilla needs to know about its OpenID Connect provider. Every value is checked here, so a bad
 * configuration fails when the node starts, not at the first login.
 *
 * @param issuer         the provider's issuer, exactly as its ID tokens' {@code iss} spell it (Keycloak:
 *                       {@code https://HOST/realms/REALM}); discovery is fetched below it
 * @param clientId       this registry's client id at the provider
 * @param clientSecret   its secret for a confidential client, or "" for a public one (PKCE alone)
 * @param scopes         requested scopes; {@code openid} must be among them
 * @param groupsClaim    the ID token claim holding the user's groups
 * @param usernameClaim  the ID token claim that becomes the Flotilla username
 * @param connectTimeout for opening a connection to the provider
 * @param requestTimeout for each whole request to the provider (discovery, JWKS, token)
 */
public record OidcSettings(URI issuer, String clientId, String clientSecret, List<String> scopes,
                           String groupsClaim, String usernameClaim, Duration connectTimeout, Duration requestTimeout) {

    public static final List<String> DEFAULT_SCOPES = List.of("openid", "profile", "email", "groups");
    public static final String DEFAULT_GROUPS_CLAIM = "groups";
    public static final String DEFAULT_USERNAME_CLAIM = "preferred_username";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** A login must never wait minutes on a provider; anything longer is a typo. */
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(2);

    /** RFC 6749 section 3.3: a scope token is one or more of %x21 / %x23-5B / %x5D-7E. */
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");
    /** A JSON claim name as configured: printable, no spaces; the check keeps typos like "groups " out. */
    private static final Pattern CLAIM_NAME = Pattern.compile("[\\x21-\\x7E]{1,128}");

    public OidcSettings {
        issuer = checkIssuer(issuer);
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("oidc: a client id is required");
        }
        clientSecret = clientSecret == null ? "" : clientSecret;
        scopes = checkScopes(scopes);
        groupsClaim = checkClaim("groups claim", groupsClaim);
        usernameClaim = checkClaim("username claim", usernameClaim);
        connectTimeout = checkTimeout("connect timeout", connectTimeout);
        requestTimeout = checkTimeout("request timeout", requestTimeout);
    }

    /** Settings with every default: the scopes, the claims and the timeouts above. */
    public static OidcSettings of(URI issuer, String clientId, String clientSecret) {
        return new OidcSettings(issuer, clientId, clientSecret, DEFAULT_SCOPES, DEFAULT_GROUPS_CLAIM,
                DEFAULT_USERNAME_CLAIM, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    public boolean confidential() {
        return !clientSecret.isEmpty();
    }

    /** The discovery document's address (OpenID Connect Discovery 1.0, section 4: one trailing '/' dropped). */
    public URI discoveryUri() {
        String base = issuer.toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/.well-known/openid-configuration");
    }

    /** Without the client secret, which must not reach a log. */
    @Override
    public String toString() {
        return "OidcSettings[issuer=" + issuer + ", clientId=" + clientId + ", confidential=" + confidential()
                + ", scopes=" + scopes + ", groupsClaim=" + groupsClaim + ", usernameClaim=" + usernameClaim
                + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout + "]";
    }

    private static URI checkIssuer(URI issuer) {
        Objects.requireNonNull(issuer, "oidc: an issuer is required");
        String scheme = issuer.getScheme();
        if (!issuer.isAbsolute() || !("https".equals(scheme) || "http".equals(scheme))) {
            throw new IllegalArgumentException("oidc: the issuer must be an http(s) URL, not " + issuer);
        }
        if (issuer.getHost() == null || issuer.getRawUserInfo() != null) {
            throw new IllegalArgumentException("oidc: the issuer needs a host and no user info: " + issuer);
        }
        // OpenID Connect Core 1.0, section 2: the issuer is a URL with no query or fragment.
        if (issuer.getRawQuery() != null || issuer.getRawFragment() != null) {
            throw new IllegalArgumentException("oidc: the issuer must have no query or fragment: " + issuer);
        }
        return issuer;
    }

    private static List<String> checkScopes(List<String> scopes) {
        if (scopes == null || scopes.isEmpty()) {
            return DEFAULT_SCOPES;
        }
        for (String scope : scopes) {
            if (scope == null || !SCOPE_TOKEN.matcher(scope).matches()) {
                throw new IllegalArgumentException("oidc: not a scope: '" + scope + "'");
            }
        }
        if (!scopes.contains("openid")) {
            throw new IllegalArgumentException("oidc: the scopes must include openid, or no ID token is issued");
        }
        return List.copyOf(scopes);
    }

    private static String checkClaim(String what, String claim) {
        if (claim == null || !CLAIM_NAME.matcher(claim).matches()) {
            throw new IllegalArgumentException("oidc: the " + what + " must be a claim name, not '" + claim + "'");
        }
        return claim;
    }

    private static Duration checkTimeout(String what, Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("oidc: the " + what + " must be above 0 and at most " + MAX_TIMEOUT
                    + ", not " + timeout);
        }
        return timeout;
    }
}
