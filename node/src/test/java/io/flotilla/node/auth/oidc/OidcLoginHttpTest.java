package io.flotilla.node.auth.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.node.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OIDC login through a real node and the real Keycloak of {@code services.sh up keycloak}: the browser flow
 * (authorization code with PKCE) through {@code /service/oidc/login} and the callback, after which the user signs
 * in as docker and podman do, with the CLI secret the callback showed, and holds the role its Keycloak group
 * {@code devs} has in project {@code team}.
 */
class OidcLoginHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static KeycloakTestEnvironment.Keycloak keycloak;
    private static TestNode node;

    @BeforeAll
    static void nodeWithOidc() throws Exception {
        keycloak = KeycloakTestEnvironment.keycloak();
        node = TestNode.start(Map.of("auth.oidc.issuer", keycloak.issuer().toString(),
                "auth.oidc.client-id", keycloak.clientId(), "auth.oidc.client-secret", keycloak.clientSecret()));
        assertEquals(201, send(node.adminRequest("/api/v2.0/projects").header("Content-Type", "application/json")
                .POST(json("{\"project_name\":\"team\",\"metadata\":{\"public\":\"false\"}}"))).statusCode());
        assertEquals(201, send(node.adminRequest("/api/v2.0/projects/team/members")
                .header("Content-Type", "application/json")
                .POST(json("{\"role_id\":2,\"member_group\":{\"group_name\":\"devs\"}}"))).statusCode());
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void aBrowserLoginGivesACliSecretAndTheGroupsRole() throws Exception {
        JsonNode dave = login("dave", "");
        assertEquals("dave", dave.path("username").asText());
        assertEquals("[\"devs\"]", dave.path("groups").toString());
        String secret = dave.path("cli_secret").asText();
        assertTrue(secret.startsWith(CliSecret.PREFIX), dave.toString());
        assertEquals(201, push("dave", secret, "team/oidc-dave").statusCode());
        assertEquals(401, push("dave", "not-the-secret", "team/oidc-dave").statusCode());

        JsonNode again = login("dave", "");
        assertFalse(again.has("cli_secret"), "a later login keeps the secret and does not show it: " + again);
        assertEquals(201, push("dave", secret, "team/oidc-dave2").statusCode());
        JsonNode renewed = login("dave", "?new_cli_secret=true");
        String fresh = renewed.path("cli_secret").asText();
        assertEquals(201, push("dave", fresh, "team/oidc-dave3").statusCode());
        assertEquals(401, push("dave", secret, "team/oidc-dave4").statusCode(), "the old secret is gone");
    }

    @Test
    void aUserOutsideTheGroupIsDenied() throws Exception {
        JsonNode erin = login("erin", "");
        assertEquals(403, push("erin", erin.path("cli_secret").asText(), "team/oidc-erin").statusCode());
    }

    @Test
    void aCallbackWithoutItsCookieOrWithAnotherStateIsRefused() throws Exception {
        HttpResponse<String> start = send(HttpRequest.newBuilder(node.uri("/service/oidc/login")).GET());
        Map<String, String> callback = browse(start, "frank");
        assertEquals(400, send(HttpRequest.newBuilder(callbackUri(callback))).statusCode(), "no cookie");
        callback.put("state", "forged-" + callback.get("state"));
        HttpResponse<String> forged = send(HttpRequest.newBuilder(callbackUri(callback))
                .header("Cookie", cookieOf(start)));
        assertEquals(401, forged.statusCode(), forged.body());
        assertEquals(401, send(HttpRequest.newBuilder(node.uri("/service/oidc/callback?error=access_denied"))).statusCode());
    }

    private static JsonNode login(String user, String query) throws Exception {
        HttpResponse<String> start = send(HttpRequest.newBuilder(node.uri("/service/oidc/login" + query)).GET());
        assertEquals(302, start.statusCode(), start.body());
        Map<String, String> callback = browse(start, user);
        HttpResponse<String> done = send(HttpRequest.newBuilder(callbackUri(callback)).header("Cookie", cookieOf(start)));
        assertEquals(200, done.statusCode(), done.body());
        return JSON.readTree(done.body());
    }

    /** Plays the browser at Keycloak; returns the callback's query. */
    private static Map<String, String> browse(HttpResponse<String> start, String user) throws Exception {
        URI authorize = URI.create(start.headers().firstValue("Location").orElseThrow());
        URI redirect = node.uri("/service/oidc/callback");
        try (KeycloakBrowser browser = new KeycloakBrowser()) {
            KeycloakBrowser.Outcome outcome = browser.login(authorize, redirect, user, keycloak.password(user));
            return new java.util.HashMap<>(outcome.callback().orElseThrow(() -> new AssertionError(outcome.page())));
        }
    }

    private static URI callbackUri(Map<String, String> query) {
        StringBuilder q = new StringBuilder();
        query.forEach((k, v) -> q.append(q.isEmpty() ? "?" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return node.uri("/service/oidc/callback" + q);
    }

    private static String cookieOf(HttpResponse<?> response) {
        String set = response.headers().firstValue("Set-Cookie").orElseThrow();
        return set.substring(0, set.indexOf(';'));
    }

    private static HttpResponse<String> push(String user, String secret, String repo) throws Exception {
        byte[] content = (user + " " + repo).getBytes(StandardCharsets.UTF_8);
        String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        return send(HttpRequest.newBuilder(node.uri("/v2/" + repo + "/blobs/uploads/?digest=" + digest))
                .header("Authorization", TestNode.basic(user, secret))
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)));
    }

    private static HttpRequest.BodyPublisher json(String body) {
        return HttpRequest.BodyPublishers.ofString(body);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
