package io.flotilla.node.auth.oidc;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OidcSettingsTest {
    private static final URI ISSUER = URI.create("https://sso.example.com/realms/flotilla");

    @Test
    void defaultsAreTheDocumentedOnes() {
        OidcSettings settings = OidcSettings.of(ISSUER, "flotilla", null);
        assertEquals(List.of("openid", "profile", "email", "groups"), settings.scopes());
        assertEquals("groups", settings.groupsClaim());
        assertEquals("preferred_username", settings.usernameClaim());
        assertEquals("", settings.clientSecret());
        assertFalse(settings.confidential());
        assertTrue(OidcSettings.of(ISSUER, "flotilla", "s3cret").confidential());
    }

    @Test
    void discoveryDropsOneTrailingSlashOfTheIssuer() {
        URI expected = URI.create("https://sso.example.com/realms/flotilla/.well-known/openid-configuration");
        assertEquals(expected, OidcSettings.of(ISSUER, "c", "").discoveryUri());
        assertEquals(expected, OidcSettings.of(URI.create(ISSUER + "/"), "c", "").discoveryUri());
    }

    @Test
    void theSecretStaysOutOfToString() {
        assertFalse(OidcSettings.of(ISSUER, "flotilla", "s3cret-value").toString().contains("s3cret-value"));
    }

    @Test
    void issuersThatAreNotPlainHttpUrlsAreRefused() {
        for (String bad : List.of("sso.example.com/realms/x", "ftp://sso.example.com/", "https://user@sso.example.com/",
                "https://sso.example.com/realm?x=1", "https://sso.example.com/realm#x", "file:///etc/passwd")) {
            assertThrows(IllegalArgumentException.class, () -> OidcSettings.of(URI.create(bad), "c", ""), bad);
        }
        assertThrows(NullPointerException.class, () -> OidcSettings.of(null, "c", ""));
    }

    @Test
    void aClientIdIsRequired() {
        assertThrows(IllegalArgumentException.class, () -> OidcSettings.of(ISSUER, null, ""));
        assertThrows(IllegalArgumentException.class, () -> OidcSettings.of(ISSUER, "  ", ""));
    }

    @Test
    void scopesMustBeScopeTokensAndIncludeOpenid() {
        assertThrows(IllegalArgumentException.class, () -> withScopes(List.of("profile", "email")));
        assertThrows(IllegalArgumentException.class, () -> withScopes(List.of("openid", "two words")));
        assertThrows(IllegalArgumentException.class, () -> withScopes(List.of("openid", "quo\"te")));
        assertEquals(List.of("openid"), withScopes(List.of("openid")).scopes());
        assertEquals(OidcSettings.DEFAULT_SCOPES, withScopes(List.of()).scopes());
    }

    @Test
    void claimNamesMustBeNamesAndTimeoutsSensible() {
        assertThrows(IllegalArgumentException.class, () -> new OidcSettings(ISSUER, "c", "", null, "groups ",
                "preferred_username", Duration.ofSeconds(1), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new OidcSettings(ISSUER, "c", "", null, "groups",
                "", Duration.ofSeconds(1), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new OidcSettings(ISSUER, "c", "", null, "groups",
                "sub", Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new OidcSettings(ISSUER, "c", "", null, "groups",
                "sub", Duration.ofSeconds(1), Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> new OidcSettings(ISSUER, "c", "", null, "groups",
                "sub", null, Duration.ofSeconds(1)));
    }

    private static OidcSettings withScopes(List<String> scopes) {
        return new OidcSettings(ISSUER, "c", "", scopes, "groups", "preferred_username",
                Duration.ofSeconds(1), Duration.ofSeconds(1));
    }
}
