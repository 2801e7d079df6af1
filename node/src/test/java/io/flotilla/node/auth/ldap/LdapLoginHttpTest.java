package io.flotilla.node.auth.ldap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.node.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LDAP users against a real node and the real slapd of {@code services.sh up ldap}: they sign in with their
 * directory password (Basic and through the token endpoint), and the directory group {@code devs} holds the
 * developer role in project {@code team}, so alice (in devs) pushes there and bob (in ops) may not.
 */
class LdapLoginHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestNode node;

    @BeforeAll
    static void nodeWithLdap() throws Exception {
        Map<String, String> ldap = LdapTestEnvironment.settingsMap();
        node = TestNode.start(Map.of("auth.ldap.url", ldap.get("url"), "auth.ldap.bind-dn", ldap.get("bindDn"),
                "auth.ldap.bind-password", ldap.get("bindPassword"), "auth.ldap.user-base-dn", ldap.get("userBaseDn")));
        assertEquals(201, send(node.adminRequest("/api/v2.0/projects").header("Content-Type", "application/json")
                .POST(body("{\"project_name\":\"team\",\"metadata\":{\"public\":\"false\"}}"))).statusCode());
        HttpResponse<String> member = send(node.adminRequest("/api/v2.0/projects/team/members")
                .header("Content-Type", "application/json")
                .POST(body("{\"role_id\":2,\"member_group\":{\"group_name\":\"devs\"}}")));
        assertEquals(201, member.statusCode(), member.body());
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void aDirectoryGroupGivesItsMembersTheirProjectRole() throws Exception {
        assertEquals(201, push("alice", "team/ldap-alice").statusCode(), "alice is in devs, a developer of team");
        HttpResponse<String> bob = push("bob", "team/ldap-bob");
        assertEquals(403, bob.statusCode(), bob.body());
        assertTrue(bob.body().contains("\"DENIED\""), bob.body());
    }

    @Test
    void aWrongDirectoryPasswordIsUnauthorized() throws Exception {
        HttpResponse<String> res = send(HttpRequest.newBuilder(node.uri("/v2/"))
                .header("Authorization", TestNode.basic("alice", "not-her-password")));
        assertEquals(401, res.statusCode(), res.body());
    }

    @Test
    void theTokenEndpointTakesDirectoryPasswords() throws Exception {
        HttpResponse<String> res = send(HttpRequest.newBuilder(node.uri(
                        "/service/token?service=flotilla-registry&scope=repository:team/tok:pull,push"))
                .header("Authorization", basic("alice")));
        assertEquals(200, res.statusCode(), res.body());
        String token = JSON.readTree(res.body()).path("token").asText();
        JsonNode claims = JSON.readTree(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertEquals("[\"pull\",\"push\"]", claims.path("access").path(0).path("actions").toString());
        assertEquals("alice", claims.path("sub").asText());
    }

    private static HttpResponse<String> push(String user, String repo) throws Exception {
        byte[] content = (user + " was here").getBytes(StandardCharsets.UTF_8);
        String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        return send(HttpRequest.newBuilder(node.uri("/v2/" + repo + "/blobs/uploads/?digest=" + digest))
                .header("Authorization", basic(user)).POST(HttpRequest.BodyPublishers.ofByteArray(content)));
    }

    private static String basic(String seedUser) {
        return TestNode.basic(seedUser, new String(LdapTestEnvironment.password(seedUser)));
    }

    private static HttpRequest.BodyPublisher body(String json) {
        return HttpRequest.BodyPublishers.ofString(json);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
