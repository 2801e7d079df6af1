package io.flotilla.node.auth.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flotilla.node.auth.oidc.OidcLoginException.Reason;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProviderMetadataTest {
    private static final String ISSUER = "https://sso.example.com/realms/flotilla";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aKeycloakLikeDocumentParses() {
        ProviderMetadata metadata = ProviderMetadata.parse(document(), ISSUER);
        assertEquals(URI.create(ISSUER + "/protocol/openid-connect/token"), metadata.tokenEndpoint());
        assertFalse(metadata.wantsSecretInBody());
    }

    @Test
    void theIssuerMustMatchExactly() {
        assertRefused(document().put("issuer", ISSUER + "/"));
        assertRefused(document().put("issuer", "https://evil.example.com/realms/flotilla"));
        assertRefused(document().putNull("issuer"));
    }

    @Test
    void endpointsMustBeAbsoluteAndNotDowngradeToHttp() {
        assertRefused(document().put("token_endpoint", "http://sso.example.com/token"));
        assertRefused(document().put("jwks_uri", "/certs"));
        assertRefused(document().put("authorization_endpoint", "javascript:alert(1)"));
        assertRefused(document().put("token_endpoint", "https://bad host/token"));
        ObjectNode plain = document().put("issuer", "http://127.0.0.1:8180/realms/flotilla")
                .put("token_endpoint", "http://127.0.0.1:8180/token");
        ProviderMetadata.parse(plain, "http://127.0.0.1:8180/realms/flotilla"); // an http issuer may use http
    }

    @Test
    void aProviderWithoutS256IsRefusedAndAuthMethodsAreHonoured() {
        ObjectNode plainOnly = document();
        plainOnly.putArray("code_challenge_methods_supported").add("plain");
        assertRefused(plainOnly);
        ObjectNode postOnly = document();
        postOnly.putArray("token_endpoint_auth_methods_supported").add("client_secret_post");
        assertTrue(ProviderMetadata.parse(postOnly, ISSUER).wantsSecretInBody());
    }

    private static void assertRefused(JsonNode document) {
        OidcLoginException e = assertThrows(OidcLoginException.class, () -> ProviderMetadata.parse(document, ISSUER));
        assertEquals(Reason.BAD_PROVIDER_RESPONSE, e.reason(), e.getMessage());
    }

    private static ObjectNode document() {
        ObjectNode doc = JSON.createObjectNode().put("issuer", ISSUER)
                .put("authorization_endpoint", ISSUER + "/protocol/openid-connect/auth")
                .put("token_endpoint", ISSUER + "/protocol/openid-connect/token")
                .put("jwks_uri", ISSUER + "/protocol/openid-connect/certs");
        doc.putArray("code_challenge_methods_supported").add("plain").add("S256");
        doc.putArray("token_endpoint_auth_methods_supported").add("client_secret_basic").add("client_secret_post");
        return doc;
    }
}
