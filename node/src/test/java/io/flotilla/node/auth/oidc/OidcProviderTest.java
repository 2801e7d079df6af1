package io.flotilla.node.auth.oidc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.flotilla.node.auth.DirectoryIdentity;
import io.flotilla.node.auth.oidc.KeycloakTestEnvironment.Keycloak;
import io.flotilla.node.auth.oidc.OidcLoginException.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Logins against a real Keycloak (deploy/local/services/keycloak.sh, realm keycloak-realm.json), the browser
 * played by {@link KeycloakBrowser}. The callback address is never served: the code and state are read from
 * Keycloak's redirect, as the node's callback route will read them.
 */
class OidcProviderTest {
    private static final URI CALLBACK = URI.create("http://127.0.0.1:47999/service/oidc/callback");
    private static Keycloak keycloak;

    private final OffsetClock clock = new OffsetClock();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private OidcProvider provider;

    @BeforeAll
    static void findKeycloak() {
        keycloak = KeycloakTestEnvironment.keycloak();
    }

    OidcProviderTest() {
        provider = provider(OidcSettings.of(keycloak.issuer(), keycloak.clientId(), keycloak.clientSecret()));
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    @Test
    void daveLogsInAndGetsHisGroup() throws Exception {
        PendingLogin pending = provider.begin(CALLBACK);
        Map<String, String> sent = KeycloakBrowser.query(pending.authorizationUrl());
        assertEquals("S256", sent.get("code_challenge_method"));
        assertEquals(Pkce.challenge(pending.codeVerifier()), sent.get("code_challenge"));
        assertFalse(pending.authorizationUrl().toString().contains(pending.codeVerifier()), "the verifier stays here");

        Map<String, String> callback = loginAs("dave", pending);
        assertEquals(pending.state(), callback.get("state"));
        DirectoryIdentity dave = provider.complete(pending, callback.get("code"), callback.get("state"));
        assertEquals(new DirectoryIdentity("dave", "dave@flotilla.test", "Dave Developer", List.of("devs")), dave);
    }

    @Test
    void groupsFollowTheDirectory() throws Exception {
        assertEquals(List.of("ops"), logIn("erin").groups());
        DirectoryIdentity frank = logIn("frank");
        assertEquals(List.of(), frank.groups());
        assertEquals("frank@flotilla.test", frank.email());
    }

    @Test
    void aWrongPasswordNeverYieldsACode() throws Exception {
        PendingLogin pending = provider.begin(CALLBACK);
        try (KeycloakBrowser browser = new KeycloakBrowser()) {
            KeycloakBrowser.Outcome outcome = browser.login(pending.authorizationUrl(), CALLBACK, "dave", "not-" + keycloak.password("dave"));
            assertTrue(outcome.callback().isEmpty(), "Keycloak redirected: " + outcome.callback());
            assertTrue(outcome.page().contains("kc-form-login"), "the login form again, not: " + outcome.page());
        }
    }

    @Test
    void keycloakRefusesAnAuthorizationRequestWithoutPkce() throws Exception {
        PendingLogin pending = provider.begin(CALLBACK);
        String url = pending.authorizationUrl().toString().replaceAll("&code_challenge(_method)?=[^&]*", "");
        try (KeycloakBrowser browser = new KeycloakBrowser()) {
            KeycloakBrowser.Outcome outcome = browser.login(URI.create(url), CALLBACK, "dave", keycloak.password("dave"));
            Map<String, String> callback = outcome.callback().orElseThrow(() -> new AssertionError(outcome.page()));
            assertEquals("invalid_request", callback.get("error"), callback.toString());
            assertFalse(callback.containsKey("code"));
        }
    }

    @Test
    void aTamperedStateIsRefusedBeforeTheCodeIsSpent() throws Exception {
        PendingLogin pending = provider.begin(CALLBACK);
        Map<String, String> callback = loginAs("dave", pending);
        String code = callback.get("code");
        assertRefused(Reason.STATE_MISMATCH, () -> provider.complete(pending, code, callback.get("state") + "x"));
        assertRefused(Reason.STATE_MISMATCH, () -> provider.complete(pending, code, null));
        assertRefused(Reason.STATE_MISMATCH, () -> provider.complete(pending, code, provider.begin(CALLBACK).state()));
        // Nothing reached the token endpoint: the code still works with the right state.
        assertEquals("dave", provider.complete(pending, code, callback.get("state")).username());
    }

    @Test
    void aCodeWorksOnce() throws Exception {
        PendingLogin pending = provider.begin(CALLBACK);
        Map<String, String> callback = loginAs("dave", pending);
        provider.complete(pending, callback.get("code"), callback.get("state"));
        assertRefused(Reason.CODE_REJECTED, () -> provider.complete(pending, callback.get("code"), callback.get("state")));
        assertRefused(Reason.MISSING_CODE, () -> provider.complete(pending, "", callback.get("state")));
    }

    @Test
    void anotherVerifierCannotRedeemTheCode() throws Exception {
        PendingLogin pending = provider.begin(CALLBACK);
        Map<String, String> callback = loginAs("dave", pending);
        PendingLogin stolen = new PendingLogin(pending.state(), pending.nonce(), Pkce.newVerifier(),
                pending.redirectUri(), pending.authorizationUrl(), pending.createdAt());
        assertRefused(Reason.CODE_REJECTED, () -> provider.complete(stolen, callback.get("code"), callback.get("state")));
    }

    @Test
    void anIdTokenWithAnotherLoginsNonceIsRefused() throws Exception {
        PendingLogin pending = provider.begin(CALLBACK);
        Map<String, String> callback = loginAs("dave", pending);
        PendingLogin otherNonce = new PendingLogin(pending.state(), provider.begin(CALLBACK).nonce(),
                pending.codeVerifier(), pending.redirectUri(), pending.authorizationUrl(), pending.createdAt());
        assertRefused(Reason.NONCE_MISMATCH, () -> provider.complete(otherNonce, callback.get("code"), callback.get("state")));
    }

    @Test
    void aRealIdTokenIssuedToAnotherClientIsRefused() throws Exception {
        String idToken = passwordGrantIdToken(keycloak.otherClientId(), keycloak.otherClientSecret(), "dave");
        assertEquals(List.of(keycloak.otherClientId()), SignedJWT.parse(idToken).getJWTClaimsSet().getAudience());
        assertRefused(Reason.WRONG_AUDIENCE, () -> provider.verifier().verify(idToken, "any"));
    }

    @Test
    void tokensSignedWithKeysOutsideTheJwksAreRefusedAndRefetchIsRateLimited() throws Exception {
        provider.begin(CALLBACK); // discovery
        String realKid = SignedJWT.parse(passwordGrantIdToken(keycloak.otherClientId(), keycloak.otherClientSecret(),
                "erin")).getHeader().getKeyID();
        RSAKey ours = new RSAKeyGenerator(2048).generate();
        assertRefused(Reason.BAD_SIGNATURE, () -> provider.verifier().verify(forgedToken(ours, realKid), "n"));
        int fetches = provider.keys().fetches();
        assertRefused(Reason.UNKNOWN_KEY, () -> provider.verifier().verify(forgedToken(ours, "made-up-1"), "n"));
        assertRefused(Reason.UNKNOWN_KEY, () -> provider.verifier().verify(forgedToken(ours, "made-up-2"), "n"));
        assertEquals(fetches, provider.keys().fetches(), "unknown kids within the interval fetch nothing");
        clock.advance(JwksKeys.MIN_REFRESH_INTERVAL.plusSeconds(1));
        assertRefused(Reason.UNKNOWN_KEY, () -> provider.verifier().verify(forgedToken(ours, "made-up-3"), "n"));
        assertEquals(fetches + 1, provider.keys().fetches(), "after the interval an unknown kid fetches once");
    }

    @Test
    void aWrongClientSecretIsTheClientsFault() throws Exception {
        OidcProvider wrong = provider(OidcSettings.of(keycloak.issuer(), keycloak.clientId(), "not-the-secret"));
        PendingLogin pending = wrong.begin(CALLBACK);
        Map<String, String> callback = loginAs("dave", pending);
        assertRefused(Reason.CLIENT_REJECTED, () -> wrong.complete(pending, callback.get("code"), callback.get("state")));
    }

    @Test
    void anIssuerSpelledOtherwiseThanKeycloakSpellsItIsRefused() {
        OidcProvider slash = provider(OidcSettings.of(URI.create(keycloak.issuer() + "/"), keycloak.clientId(),
                keycloak.clientSecret()));
        assertRefused(Reason.BAD_PROVIDER_RESPONSE, () -> slash.begin(CALLBACK));
    }

    @Test
    void aProviderThatIsDownOrSilentIsUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        OidcProvider down = provider(OidcSettings.of(URI.create("http://127.0.0.1:" + closedPort + "/realms/flotilla"),
                "flotilla", "x"));
        OidcLoginException e = assertRefused(Reason.PROVIDER_UNAVAILABLE, () -> down.begin(CALLBACK));
        assertTrue(e.providerUnavailable());
        // Accepts connections (the backlog does) but never answers: the request timeout ends the wait.
        try (ServerSocket silent = new ServerSocket(0)) {
            OidcProvider mute = provider(new OidcSettings(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/r"),
                    "flotilla", "", null, "groups", "preferred_username", Duration.ofSeconds(2), Duration.ofSeconds(1)));
            long start = System.nanoTime();
            assertRefused(Reason.PROVIDER_UNAVAILABLE, () -> mute.begin(CALLBACK));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) < 0);
        }
    }

    private OidcProvider provider(OidcSettings settings) {
        OidcProvider p = new OidcProvider(settings, clock);
        toClose.add(p);
        return p;
    }

    private DirectoryIdentity logIn(String user) throws Exception {
        PendingLogin pending = provider.begin(CALLBACK);
        Map<String, String> callback = loginAs(user, pending);
        return provider.complete(pending, callback.get("code"), callback.get("state"));
    }

    private static Map<String, String> loginAs(String user, PendingLogin pending) throws Exception {
        try (KeycloakBrowser browser = new KeycloakBrowser()) {
            KeycloakBrowser.Outcome outcome = browser.login(pending.authorizationUrl(), CALLBACK, user, keycloak.password(user));
            Map<String, String> callback = outcome.callback().orElseThrow(
                    () -> new AssertionError(user + " was not let in: " + outcome.page()));
            assertTrue(callback.containsKey("code"), callback::toString);
            return callback;
        }
    }

    /** A real, Keycloak-signed ID token for another client, by the password grant that client allows. */
    private static String passwordGrantIdToken(String clientId, String secret, String user) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", clientId);
        form.put("client_secret", secret);
        form.put("username", user);
        form.put("password", keycloak.password(user));
        form.put("scope", "openid");
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create(keycloak.issuer() + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(ProviderHttp.formEncode(form))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            return new ObjectMapper().readTree(response.body()).get("id_token").asText();
        }
    }

    /** An ID token with every claim right for this client, signed with {@code key} under the given kid. */
    private String forgedToken(JWK key, String kid) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(keycloak.issuer().toString())
                .audience(keycloak.clientId()).subject("forged").claim("preferred_username", "dave")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).claim("nonce", "n").build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
        jwt.sign(new RSASSASigner((RSAKey) key));
        return jwt.serialize();
    }

    private static OidcLoginException assertRefused(Reason reason, Executable call) {
        OidcLoginException e = assertThrows(OidcLoginException.class, call);
        assertEquals(reason, e.reason(), e.getMessage());
        return e;
    }
}
