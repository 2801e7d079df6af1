package io.flotilla.node.auth.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import io.flotilla.node.auth.oidc.OidcLoginException.Reason;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Redeems an authorization code at the provider's token endpoint (RFC 6749 section 4.1.3, with RFC 7636's
 * code_verifier) and returns the ID token. A confidential client authenticates with HTTP Basic unless the
 * provider only takes client_secret_post; a public client sends its client_id and relies on PKCE.
 */
final class TokenEndpoint {
    private final OidcSettings settings;
    private final ProviderHttp http;

    TokenEndpoint(OidcSettings settings, ProviderHttp http) {
        this.settings = settings;
        this.http = http;
    }

    String redeem(ProviderMetadata metadata, PendingLogin pending, String code) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", pending.redirectUri().toString());
        form.put("code_verifier", pending.codeVerifier());
        String authorization = null;
        if (settings.confidential() && !metadata.wantsSecretInBody()) {
            authorization = basic(settings.clientId(), settings.clientSecret());
        } else {
            form.put("client_id", settings.clientId());
            if (settings.confidential()) {
                form.put("client_secret", settings.clientSecret());
            }
        }
        ProviderHttp.Response response = http.postForm(metadata.tokenEndpoint(), form, authorization, "token endpoint");
        if (response.status() == 200) {
            JsonNode idToken = response.jsonObject("token response").get("id_token");
            if (idToken == null || !idToken.isTextual()) {
                throw new OidcLoginException(Reason.BAD_PROVIDER_RESPONSE, "the token response has no id_token");
            }
            return idToken.asText();
        }
        throw refusal(response);
    }

    /** RFC 6749 section 2.3.1: id and secret are form-encoded before they are joined and base64-encoded. */
    static String basic(String clientId, String secret) {
        String pair = ProviderHttp.urlEncode(clientId) + ':' + ProviderHttp.urlEncode(secret);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** Section 5.2's error codes: invalid_client is this node's configuration, the rest concern this code. */
    private static OidcLoginException refusal(ProviderHttp.Response response) {
        String error = "";
        String description = "";
        if (response.status() == 400 || response.status() == 401) {
            try {
                JsonNode body = response.jsonObject("token error response");
                error = body.path("error").asText("");
                description = body.path("error_description").asText("");
            } catch (OidcLoginException notJson) {
                // The status alone still says whose fault it is.
            }
        }
        String detail = "HTTP " + response.status() + " " + ProviderHttp.printable(error)
                + (description.isEmpty() ? "" : " (" + ProviderHttp.printable(description) + ")");
        if (response.status() == 401 || error.equals("invalid_client") || error.equals("unauthorized_client")) {
            return new OidcLoginException(Reason.CLIENT_REJECTED, "the token endpoint refused this client: " + detail);
        }
        if (response.status() == 400) {
            return new OidcLoginException(Reason.CODE_REJECTED, "the token endpoint refused the code: " + detail);
        }
        return new OidcLoginException(Reason.BAD_PROVIDER_RESPONSE, "the token endpoint answered " + detail);
    }
}
