package io.flotilla.node.auth.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.node.auth.TokenIssuer;
import io.flotilla.node.auth.TokenRejectedException;
import io.flotilla.node.auth.TokenVerifier;
import io.flotilla.node.auth.oidc.PendingLogin;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Carries an OIDC login from its start to the provider's callback in the browser's cookie, signed by the node
 * that began it, so the callback may land on any node (each verifies any node's signature) and no node keeps
 * state. The login (state, nonce, PKCE verifier, redirect, start) rides in the subject of a token whose
 * audience only this flow accepts. The browser sees its own verifier; an attacker who intercepts the code on
 * the redirect does not have the cookie.
 */
final class PendingLoginCookie {

    static final String NAME = "flotilla_oidc";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TokenIssuer issuer;
    private final TokenVerifier verifier;

    /** Both built for the audience {@code <service>#oidc}, with the login timeout as lifetime. */
    PendingLoginCookie(TokenIssuer issuer, TokenVerifier verifier) {
        this.issuer = issuer;
        this.verifier = verifier;
    }

    String encode(PendingLogin login, boolean newCliSecret) {
        String json = JSON.createObjectNode()
                .put("state", login.state()).put("nonce", login.nonce()).put("verifier", login.codeVerifier())
                .put("redirect", login.redirectUri().toString()).put("authorize", login.authorizationUrl().toString())
                .put("at", login.createdAt().toString()).put("newCliSecret", newCliSecret).toString();
        String subject = Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        return issuer.issue(subject, List.of()).token();
    }

    /** The login this cookie carries, if it is one this cluster signed and it has not expired. */
    Optional<Started> decode(String cookie) {
        try {
            String subject = verifier.verify(cookie).subject();
            JsonNode json = JSON.readTree(Base64.getUrlDecoder().decode(subject));
            PendingLogin login = new PendingLogin(json.path("state").asText(), json.path("nonce").asText(),
                    json.path("verifier").asText(), URI.create(json.path("redirect").asText()),
                    URI.create(json.path("authorize").asText()), Instant.parse(json.path("at").asText()));
            return Optional.of(new Started(login, json.path("newCliSecret").asBoolean()));
        } catch (TokenRejectedException | IOException | IllegalArgumentException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    /** A login in flight, and whether the user asked for a new CLI secret. */
    record Started(PendingLogin login, boolean newCliSecret) {
    }
}
