package io.flotilla.node.auth.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import io.flotilla.node.auth.oidc.OidcLoginException.Reason;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a provider's discovery document (OpenID Connect Discovery 1.0) this client uses.
 *
 * @param tokenEndpointAuthMethods the methods the token endpoint takes; empty means the spec's default, basic
 * @param codeChallengeMethods     the PKCE methods it advertises; empty means it did not say
 */
record ProviderMetadata(String issuer, URI authorizationEndpoint, URI tokenEndpoint, URI jwksUri,
                        List<String> tokenEndpointAuthMethods, List<String> codeChallengeMethods) {

    /**
     * Reads a discovery document and checks it belongs to {@code expectedIssuer}: section 4.3 requires the
     * issuer to match exactly, or an attacker's document could point at an attacker's keys.
     */
    static ProviderMetadata parse(JsonNode document, String expectedIssuer) {
        String issuer = text(document, "issuer");
        if (!expectedIssuer.equals(issuer)) {
            throw new OidcLoginException(Reason.BAD_PROVIDER_RESPONSE,
                    "discovery names issuer '" + ProviderHttp.printable(issuer) + "', not the configured " + expectedIssuer);
        }
        boolean secure = expectedIssuer.startsWith("https:");
        ProviderMetadata metadata = new ProviderMetadata(issuer,
                endpoint(document, "authorization_endpoint", secure), endpoint(document, "token_endpoint", secure),
                endpoint(document, "jwks_uri", secure), strings(document, "token_endpoint_auth_methods_supported"),
                strings(document, "code_challenge_methods_supported"));
        if (!metadata.codeChallengeMethods.isEmpty() && !metadata.codeChallengeMethods.contains(Pkce.METHOD)) {
            throw new OidcLoginException(Reason.BAD_PROVIDER_RESPONSE,
                    "the provider does not support PKCE S256 (it lists " + metadata.codeChallengeMethods + ")");
        }
        return metadata;
    }

    /** client_secret_post only when the provider takes that and not basic, the default of RFC 6749 and OIDC. */
    boolean wantsSecretInBody() {
        return tokenEndpointAuthMethods.contains("client_secret_post")
                && !tokenEndpointAuthMethods.contains("client_secret_basic");
    }

    private static String text(JsonNode document, String field) {
        JsonNode value = document.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new OidcLoginException(Reason.BAD_PROVIDER_RESPONSE, "discovery has no " + field);
        }
        return value.asText();
    }

    /** An absolute http(s) URL; https when the issuer is, so discovery cannot downgrade the token request. */
    private static URI endpoint(JsonNode document, String field, boolean secure) {
        String text = text(document, field);
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new OidcLoginException(Reason.BAD_PROVIDER_RESPONSE, "discovery's " + field + " is not a URL", e);
        }
        String scheme = uri.getScheme();
        boolean allowed = "https".equals(scheme) || (!secure && "http".equals(scheme));
        if (!uri.isAbsolute() || !allowed || uri.getHost() == null) {
            throw new OidcLoginException(Reason.BAD_PROVIDER_RESPONSE,
                    "discovery's " + field + " is not an acceptable " + (secure ? "https" : "http(s)") + " URL: "
                            + ProviderHttp.printable(text));
        }
        return uri;
    }

    private static List<String> strings(JsonNode document, String field) {
        JsonNode value = document.get(field);
        List<String> out = new ArrayList<>();
        if (value != null && value.isArray()) {
            value.forEach(item -> {
                if (item.isTextual()) {
                    out.add(item.asText());
                }
            });
        }
        return List.copyOf(out);
    }
}
