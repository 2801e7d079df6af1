package io.flotilla.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;

import static io.flotilla.node.api.ApiTestNode.PASSWORD;
import static io.flotilla.node.api.ApiTestNode.assertError;
import static io.flotilla.node.api.ApiTestNode.json;
import static io.flotilla.node.api.ApiTestNode.text;
import static io.flotilla.node.api.ApiTestNode.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile and malformed input to the management API: always a 4xx in the error envelope, never a 500. */
class ApiInputTest {

    @RegisterExtension
    static final ApiTestNode api = ApiTestNode.perClass();

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "\"text\"", "null", "{\"username\":", "{\"a\":1} {\"b\":2}",
            "{\"username\":\"x\",\"password\":\"\\ud800Aa1aaaaaa\"}"})
    void malformedBodiesAre400(String body) {
        HttpResponse<byte[]> r = api.admin().post("/api/v2.0/users", body);
        assertError(r, 400, "UNSUPPORTED");
        assertFalse(text(r).contains("Exception"), text(r));
    }

    @Test
    void deeplyNestedJsonIs400() {
        String deep = "{\"a\":".repeat(2000) + "1" + "}".repeat(2000);
        assertError(api.admin().post("/api/v2.0/projects", deep), 400, "UNSUPPORTED");
    }

    @Test
    void oversizeBodiesAre413() {
        String big = "{\"project_name\":\"" + "a".repeat(70 * 1024) + "\"}";
        HttpResponse<byte[]> r = api.admin().post("/api/v2.0/projects", big);
        assertError(r, 413, "SIZE_INVALID");
        // Just under the cap is read (and refused for what it says, not its size).
        String fits = "{\"project_name\":\"" + "a".repeat(60 * 1024) + "\"}";
        assertError(api.admin().post("/api/v2.0/projects", fits), 400, "UNSUPPORTED");
    }

    @Test
    void wrongFieldTypesAre400() {
        assertError(api.admin().post("/api/v2.0/projects", "{\"project_name\":7}"), 400, "UNSUPPORTED");
        assertError(api.admin().post("/api/v2.0/projects", "{\"project_name\":\"" + unique("t")
                + "\",\"metadata\":\"public\"}"), 400, "UNSUPPORTED");
        assertError(api.admin().post("/api/v2.0/robots", "{\"name\":\"x\",\"level\":\"system\",\"permissions\":{}}"),
                400, "UNSUPPORTED");
        assertError(api.admin().post("/api/v2.0/robots", "{\"name\":\"x\",\"level\":\"system\",\"duration\":1.5,"
                + "\"permissions\":[{\"namespace\":\"*\",\"access\":[{\"resource\":\"repository\",\"action\":\"pull\"}]}]}"),
                400, "UNSUPPORTED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v2.0/users/a%00b", "/api/v2.0/users/a%0Ab", "/api/v2.0/projects/a%0Ab",
            "/api/v2.0/projects/x%2Fy", "/api/v2.0/robots/robot%24%0A", "/api/v2.0/projects/library/members/u%3A%00",
            "/api/v2.0/projects/library/members/g%3A%0A", "/api/v2.0/projects/library/members/nocolon",
            "/api/v2.0/projects/a%0Ab/logs", "/api/v2.0/robots/robot%24a%2B"})
    void hostileNamesInPathsAre4xx(String path) {
        HttpResponse<byte[]> r = api.admin().get(path);
        assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, () -> path + " -> " + text(r));
        assertFalse(text(r).contains("Exception"), text(r));
    }

    @Test
    void overlongNamesAre4xx() {
        String longName = "a".repeat(600);
        for (String path : new String[]{"/api/v2.0/users/" + longName, "/api/v2.0/projects/" + longName,
                "/api/v2.0/robots/" + longName, "/api/v2.0/projects/" + longName + "/members",
                "/api/v2.0/robots?project=" + longName, "/api/v2.0/projects/library/members/g:" + longName}) {
            HttpResponse<byte[]> r = api.admin().get(path);
            assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, () -> path + " -> " + text(r));
        }
        assertError(api.admin().post("/api/v2.0/projects/library/members",
                "{\"role_id\":3,\"member_group\":{\"group_name\":\"" + "g".repeat(300) + "\"}}"), 400, "UNSUPPORTED");
        assertError(api.admin().post("/api/v2.0/users", "{\"username\":\"" + unique("u") + "\",\"password\":\""
                + PASSWORD + "\",\"realname\":\"" + "r".repeat(300) + "\"}"), 400, "UNSUPPORTED");
    }

    @Test
    void everyResourceWantsCredentials() {
        for (String path : new String[]{"/api/v2.0/users", "/api/v2.0/projects", "/api/v2.0/projects/library",
                "/api/v2.0/projects/library/members", "/api/v2.0/robots", "/api/v2.0/systeminfo",
                "/api/v2.0/audit-logs"}) {
            assertError(api.anonymous().get(path), 401, "UNAUTHORIZED");
        }
        assertError(api.anonymous().post("/api/v2.0/projects", "{\"project_name\":\"anon\"}"), 401, "UNAUTHORIZED");
    }

    @Test
    void theOpenApiDocumentIsServedToAnyoneAsWritten() {
        HttpResponse<byte[]> r = api.anonymous().get("/api/v2.0/openapi.json");
        assertEquals(200, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
        org.junit.jupiter.api.Assertions.assertArrayEquals(OpenApiDocument.load(), r.body());
        assertTrue(json(r).get("openapi").asText().startsWith("3."));
    }

    @Test
    void systemInfoTellsHowToSignIn() {
        HttpResponse<byte[]> r = api.admin().get("/api/v2.0/systeminfo");
        assertEquals(200, r.statusCode(), () -> text(r));
        JsonNode info = json(r);
        assertEquals("db_auth", info.get("auth_mode").asText());
        assertEquals(api.node().hostPort(), info.get("registry_url").asText());
        assertTrue(info.get("harbor_version").asText().startsWith("flotilla-"));
    }

    @Test
    void robotsHaveNoUserProfile() {
        String project = unique("noprof");
        api.newProject(project, false);
        JsonNode robot = json(api.admin().post("/api/v2.0/robots", RobotsApiTest.projectRobot("r", project, "pull")));
        ApiTestNode.Session r = api.as(robot.get("name").asText(), robot.get("secret").asText());
        assertError(r.get("/api/v2.0/users/current"), 403, "DENIED");
        assertError(r.post("/api/v2.0/projects", "{\"project_name\":\"" + unique("byrobot") + "\"}"), 403, "DENIED");
    }
}
