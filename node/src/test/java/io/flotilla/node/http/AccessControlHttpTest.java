package io.flotilla.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.flotilla.node.TestNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.flotilla.node.http.OciTestClient.assertError;
import static io.flotilla.node.http.OciTestClient.json;
import static io.flotilla.node.http.OciTestClient.strings;
import static io.flotilla.node.http.OciTestClient.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Harbor's access model over the wire, on one real node: who may push and pull where, with Basic credentials
 * and with tokens from {@code /service/token}, and every refusal with its status, OCI code and challenge.
 * Users, projects, members and robots are made through the management API, as an operator would.
 */
class AccessControlHttpTest {

    @RegisterExtension
    static final OciTestClient oci = OciTestClient.perClass();
    private static final String PASSWORD = "Passw0rd-for-tests";
    private static String alice;
    private static String bob;
    private static String carol;

    @BeforeAll
    static void people() {
        AdminApi api = new AdminApi(oci);
        alice = api.user("alice", PASSWORD);
        bob = api.user("bob", PASSWORD);
        carol = api.user("carol", PASSWORD);
        api.project("team", false);
        api.project("other", false);
        api.project("pub", true);
        api.member("team", "alice", 2); // developer
        api.member("team", "bob", 3); // guest
        api.member("other", "carol", 1); // projectAdmin
        oci.pushImage("team/app", "v1", "team layer");
        oci.pushImage("other/app", "v1", "other layer");
        oci.pushImage("pub/app", "v1", "public layer");
    }

    @AfterEach
    void backToAdmin() {
        oci.signInAsAdmin();
    }

    @Test
    void anonymousCallersAreChallengedTowardsTheTokenEndpoint() {
        oci.signInAs(null);
        HttpResponse<byte[]> base = oci.get("/v2/");
        assertError(base, 401, "UNAUTHORIZED");
        String challenge = base.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertEquals("Bearer realm=\"http://" + oci.node().hostPort() + "/service/token\",service=\"flotilla-registry\"",
                challenge);
        HttpResponse<byte[]> push = oci.post("/v2/team/new/blobs/uploads/", new byte[0]);
        assertError(push, 401, "UNAUTHORIZED");
        assertTrue(push.headers().firstValue("WWW-Authenticate").orElseThrow()
                .endsWith(",scope=\"repository:team/new:pull,push\""), text(push));
        // The refusal is counted as what it was: metrics and the access log see the 401, not a 200.
        String metrics = text(oci.get("/metrics"));
        assertTrue(metrics.contains("route=\"uploads\",status=\"401\""), "no 401 for uploads in /metrics");
    }

    @Test
    void anonymousCallersPullFromPublicProjectsOnly() {
        oci.signInAs(null);
        assertEquals(200, oci.get("/v2/pub/app/manifests/v1", "Accept", OciTestClient.OCI_MANIFEST).statusCode());
        assertError(oci.get("/v2/team/app/manifests/v1"), 401, "UNAUTHORIZED");
        assertError(oci.post("/v2/pub/app/blobs/uploads/", new byte[0]), 401, "UNAUTHORIZED");
    }

    @Test
    void anAnonymousTokenOpensTheBaseAndPublicProjectsOnly() {
        oci.signInAs(null);
        JsonNode token = json(oci.get("/service/token?service=flotilla-registry"
                + "&scope=repository:pub/app:pull&scope=repository:team/app:pull"));
        oci.signInAs("Bearer " + token.path("token").asText());
        assertEquals(200, oci.get("/v2/").statusCode(), "clients ping /v2/ with the token they got");
        assertEquals(200, oci.get("/v2/pub/app/manifests/v1", "Accept", OciTestClient.OCI_MANIFEST).statusCode());
        assertError(oci.get("/v2/team/app/manifests/v1"), 401, "UNAUTHORIZED");
    }

    @Test
    void aDeveloperPushesInItsProjectAndIsDeniedElsewhere() {
        oci.signInAs(alice);
        oci.pushImage("team/alice", "v1", "alice layer");
        HttpResponse<byte[]> elsewhere = oci.post("/v2/other/alice/blobs/uploads/", new byte[0]);
        assertError(elsewhere, 403, "DENIED");
        assertError(oci.get("/v2/other/app/manifests/v1"), 403, "DENIED");
        // A push to a project that does not exist is refused too; only a system admin's creates it.
        assertError(oci.post("/v2/nosuch/alice/blobs/uploads/", new byte[0]), 403, "DENIED");
    }

    @Test
    void aGuestPullsButMayNotPush() {
        oci.signInAs(bob);
        assertEquals(200, oci.get("/v2/team/app/manifests/v1", "Accept", OciTestClient.OCI_MANIFEST).statusCode());
        assertError(oci.post("/v2/team/app/blobs/uploads/", new byte[0]), 403, "DENIED");
        assertError(oci.delete("/v2/team/app/manifests/v1"), 403, "DENIED");
    }

    @Test
    void aSystemAdminPushToAnUnknownProjectCreatesItPrivate() {
        oci.pushImage("brandnew/app", "v1", "admin layer");
        oci.signInAs(null);
        assertError(oci.get("/v2/brandnew/app/manifests/v1"), 401, "UNAUTHORIZED");
        oci.signInAs(alice);
        assertError(oci.get("/v2/brandnew/app/manifests/v1"), 403, "DENIED");
    }

    @Test
    void tokensGrantOnlyWhatTheCallerMayDo() throws Exception {
        JsonNode token = json(oci.get("/service/token?service=flotilla-registry"
                + "&scope=repository:team/app:pull,push&scope=repository:other/app:pull,push", "Authorization", bob));
        String bearer = token.path("token").asText();
        JsonNode claims = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                java.util.Base64.getUrlDecoder().decode(bearer.split("\\.")[1]));
        assertEquals("[{\"type\":\"repository\",\"name\":\"team/app\",\"actions\":[\"pull\"]}]",
                claims.path("access").toString(), "a guest asking for push on team and anything on other gets team pull");
        assertEquals(token.path("token").asText(), token.path("access_token").asText());
        assertTrue(token.path("expires_in").asInt() > 0);
        oci.signInAs("Bearer " + bearer);
        assertEquals(200, oci.get("/v2/team/app/manifests/v1", "Accept", OciTestClient.OCI_MANIFEST).statusCode());
        // The policy refuses bob a push: 403, not a request for a better token.
        assertError(oci.post("/v2/team/app/blobs/uploads/", new byte[0]), 403, "DENIED");
    }

    @Test
    void aTokenWithoutTheScopeItsHolderCouldGetAsksForABetterOne() {
        String bearer = json(oci.get("/service/token?service=flotilla-registry&scope=repository:team/app:pull",
                "Authorization", alice)).path("token").asText();
        oci.signInAs("Bearer " + bearer);
        HttpResponse<byte[]> push = oci.post("/v2/team/app/blobs/uploads/", new byte[0]);
        assertError(push, 401, "UNAUTHORIZED");
        String challenge = push.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertTrue(challenge.contains("error=\"insufficient_scope\"") && challenge.contains("repository:team/app:pull,push"),
                challenge);
    }

    @Test
    void theOAuth2FormIssuesAndRefreshesTokens() {
        String form = "grant_type=password&username=alice&password=" + PASSWORD
                + "&service=flotilla-registry&client_id=test&access_type=offline&scope="
                + URLEncoder.encode("repository:team/app:pull repository:team/app:push", StandardCharsets.UTF_8);
        oci.signInAs(null);
        JsonNode issued = json(oci.post("/service/token", form.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/x-www-form-urlencoded"));
        assertFalse(issued.path("refresh_token").asText().isEmpty(), issued.toString());
        String refresh = "grant_type=refresh_token&service=flotilla-registry&scope=repository:team/app:pull"
                + "&refresh_token=" + issued.path("refresh_token").asText();
        JsonNode refreshed = json(oci.post("/service/token", refresh.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/x-www-form-urlencoded"));
        oci.signInAs("Bearer " + refreshed.path("access_token").asText());
        assertEquals(200, oci.get("/v2/team/app/manifests/v1", "Accept", OciTestClient.OCI_MANIFEST).statusCode());
        // A refresh token is not an access token.
        oci.signInAs("Bearer " + issued.path("refresh_token").asText());
        assertError(oci.get("/v2/team/app/manifests/v1"), 401, "UNAUTHORIZED");
    }

    @Test
    void aWrongPasswordGetsNoToken() {
        HttpResponse<byte[]> refused = oci.get("/service/token?service=flotilla-registry",
                "Authorization", TestNode.basic("alice", "not-her-password"));
        assertError(refused, 401, "UNAUTHORIZED");
    }

    @Test
    void robotsDoOnlyWhatTheyWereGranted() {
        AdminApi api = new AdminApi(oci);
        AdminApi.Robot robot = api.projectRobot("team", "puller", List.of("pull"));
        oci.signInAs(TestNode.basic(robot.name(), robot.secret()));
        assertEquals(200, oci.get("/v2/team/app/manifests/v1", "Accept", OciTestClient.OCI_MANIFEST).statusCode());
        assertError(oci.post("/v2/team/app/blobs/uploads/", new byte[0]), 403, "DENIED");
        assertError(oci.get("/v2/other/app/manifests/v1"), 403, "DENIED");
        oci.signInAsAdmin();
        api.disableRobot(robot.name());
        oci.signInAs(TestNode.basic(robot.name(), robot.secret()));
        assertError(oci.get("/v2/team/app/manifests/v1"), 401, "UNAUTHORIZED");
    }

    @Test
    void theCatalogListsOnlyWhatTheCallerMayPull() {
        oci.signInAs(alice);
        List<String> seen = strings(json(oci.get("/v2/_catalog?n=1000")).path("repositories"));
        assertTrue(seen.contains("team/app") && seen.contains("pub/app"), seen.toString());
        assertFalse(seen.contains("other/app"), seen.toString());
        oci.signInAs(null);
        assertError(oci.get("/v2/_catalog"), 401, "UNAUTHORIZED");
    }

    @Test
    void aMountNeedsPullRightsOnItsSource() {
        oci.signInAsAdmin();
        String layer = oci.pushBlob("other/app", OciTestClient.OCI_LAYER, "secret layer".getBytes(StandardCharsets.UTF_8))
                .digest();
        oci.signInAs(alice);
        HttpResponse<byte[]> mount = oci.post("/v2/team/mounted/blobs/uploads/?mount=" + layer + "&from=other/app",
                new byte[0]);
        assertEquals(202, mount.statusCode(), "no mount from a project alice cannot read: " + text(mount));
        assertEquals(404, oci.head("/v2/team/mounted/blobs/" + layer).statusCode());
    }

    @Test
    void probesAndMetricsStayAnonymous() {
        oci.signInAs(null);
        assertEquals(200, oci.get("/healthz").statusCode());
        assertEquals(200, oci.get("/readyz").statusCode());
        assertEquals(200, oci.get("/metrics").statusCode());
    }

    @Test
    void oneWrongPasswordDoesNotBlockTheNextRightOne() {
        oci.signInAs(TestNode.basic("carol", "wrong"));
        assertError(oci.get("/v2/other/app/tags/list"), 401, "UNAUTHORIZED");
        oci.signInAs(carol);
        assertEquals(200, oci.get("/v2/other/app/tags/list").statusCode());
    }
}
