package io.flotilla.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.List;

import static io.flotilla.node.api.ApiTestNode.assertError;
import static io.flotilla.node.api.ApiTestNode.json;
import static io.flotilla.node.api.ApiTestNode.names;
import static io.flotilla.node.api.ApiTestNode.text;
import static io.flotilla.node.api.ApiTestNode.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /api/v2.0/robots over HTTP against a real node, and what the robots they create may do on /v2. */
class RobotsApiTest {

    @RegisterExtension
    static final ApiTestNode api = ApiTestNode.perClass();

    static String projectRobot(String name, String project, String... actions) {
        StringBuilder access = new StringBuilder();
        for (String action : actions) {
            access.append(access.isEmpty() ? "" : ",").append("{\"resource\":\"repository\",\"action\":\"")
                    .append(action).append("\"}");
        }
        return "{\"name\":\"" + name + "\",\"description\":\"ci\",\"duration\":30,\"level\":\"project\","
                + "\"permissions\":[{\"kind\":\"project\",\"namespace\":\"" + project + "\",\"access\":[" + access + "]}]}";
    }

    @Test
    void aProjectRobotPullsOnlyWhatItWasGranted() {
        String project = unique("rbt");
        String other = unique("rbtother");
        api.newProject(project, false);
        api.newProject(other, false);
        api.admin().pushImage(project + "/app", "v1");
        api.admin().pushImage(other + "/app", "v1");

        HttpResponse<byte[]> created = api.admin().post("/api/v2.0/robots", projectRobot("puller", project, "pull"));
        assertEquals(201, created.statusCode(), () -> text(created));
        JsonNode robot = json(created);
        String name = "robot$" + project + "+puller";
        assertEquals(name, robot.get("name").asText());
        assertEquals("/api/v2.0/robots/robot%24" + project + "%2Bpuller", created.headers().firstValue("Location").orElseThrow());
        String secret = robot.get("secret").asText();
        assertTrue(secret.length() >= 16, secret);
        assertTrue(robot.get("expires_at").asLong() > System.currentTimeMillis() / 1000);

        ApiTestNode.Session ci = api.as(name, secret);
        assertEquals(200, ci.get("/v2/").statusCode());
        assertEquals(200, ci.get("/v2/" + project + "/app/manifests/v1").statusCode());
        assertError(ci.get("/v2/" + other + "/app/manifests/v1"), 403, "DENIED");
        assertError(ci.send("POST", "/v2/" + project + "/app/blobs/uploads/", new byte[0], "application/octet-stream"),
                403, "DENIED");

        JsonNode read = json(api.admin().get("/api/v2.0/robots/" + name));
        assertFalse(read.has("secret"));
        assertEquals("project", read.get("level").asText());
        assertEquals(30, read.get("duration").asInt());
        assertEquals("pull", read.get("permissions").get(0).get("access").get(0).get("action").asText());
        assertEquals(200, api.admin().get("/api/v2.0/robots/" + project + "+puller").statusCode(), "prefix optional");
    }

    @Test
    void rotatingTheSecretInvalidatesTheOldOne() {
        String project = unique("rot");
        api.newProject(project, false);
        JsonNode robot = json(api.admin().post("/api/v2.0/robots", projectRobot("rotor", project, "pull", "push")));
        String name = robot.get("name").asText();
        String old = robot.get("secret").asText();
        assertEquals(200, api.as(name, old).get("/v2/").statusCode()); // cached now

        HttpResponse<byte[]> rotated = api.admin().patch("/api/v2.0/robots/" + name, "{}");
        assertEquals(200, rotated.statusCode(), () -> text(rotated));
        String fresh = json(rotated).get("secret").asText();
        assertNotEquals(old, fresh);
        assertError(api.as(name, old).get("/v2/"), 401, "UNAUTHORIZED");
        assertEquals(200, api.as(name, fresh).get("/v2/").statusCode());

        HttpResponse<byte[]> chosen = api.admin().patch("/api/v2.0/robots/" + name, "{\"secret\":\"Chosen1Secret\"}");
        assertEquals("Chosen1Secret", json(chosen).get("secret").asText());
        assertEquals(200, api.as(name, "Chosen1Secret").get("/v2/").statusCode());
        assertError(api.admin().patch("/api/v2.0/robots/" + name, "{\"secret\":\"weak\"}"), 400, "UNSUPPORTED");
    }

    @Test
    void aDisabledRobotCannotSignInUntilEnabled() {
        String project = unique("dis");
        api.newProject(project, false);
        JsonNode robot = json(api.admin().post("/api/v2.0/robots", projectRobot("sleepy", project, "pull")));
        String name = robot.get("name").asText();
        String secret = robot.get("secret").asText();
        assertEquals(200, api.as(name, secret).get("/v2/").statusCode());

        HttpResponse<byte[]> disabled = api.admin().put("/api/v2.0/robots/" + name, "{\"disable\":true}");
        assertEquals(200, disabled.statusCode(), () -> text(disabled));
        assertTrue(json(disabled).get("disable").asBoolean());
        assertError(api.as(name, secret).get("/v2/"), 401, "UNAUTHORIZED");

        assertEquals(200, api.admin().put("/api/v2.0/robots/" + name, "{\"disable\":false}").statusCode());
        assertEquals(200, api.as(name, secret).get("/v2/").statusCode());
    }

    @Test
    void aProjectAdminCreatesRobotsButGrantsNothingItLacks() {
        String project = unique("own");
        String user = unique("padmin");
        ApiTestNode.Session padmin = api.newUser(user);
        assertEquals(201, padmin.post("/api/v2.0/projects", "{\"project_name\":\"" + project + "\"}").statusCode());
        HttpResponse<byte[]> created = padmin.post("/api/v2.0/robots", projectRobot("builder", project, "pull", "push"));
        assertEquals(201, created.statusCode(), () -> text(created));
        assertEquals(List.of("robot$" + project + "+builder"),
                names(json(padmin.get("/api/v2.0/robots?project=" + project)), "name"));
        assertEquals(List.of("robot$" + project + "+builder"),
                names(json(padmin.get("/api/v2.0/robots?q=Level%3Dproject%2CProjectName%3D" + project)), "name"));

        // A developer holds push but not robot:create; a project admin cannot grant into another project.
        String devName = unique("dev");
        ApiTestNode.Session dev = api.newUser(devName);
        api.addMember(project, devName, 2);
        assertError(dev.post("/api/v2.0/robots", projectRobot("sneaky", project, "pull")), 403, "DENIED");
        assertError(dev.get("/api/v2.0/robots?project=" + project), 403, "DENIED");
        String foreign = unique("foreign");
        api.newProject(foreign, false);
        assertError(padmin.post("/api/v2.0/robots", projectRobot("escape", foreign, "pull")), 403, "DENIED");
        assertError(padmin.post("/api/v2.0/robots", "{\"name\":\"sys\",\"level\":\"system\",\"permissions\":[{"
                + "\"namespace\":\"*\",\"access\":[{\"resource\":\"repository\",\"action\":\"pull\"}]}]}"), 403, "DENIED");
        assertError(padmin.get("/api/v2.0/robots"), 403, "DENIED");

        // Robots do not manage robots, even with the grant.
        JsonNode minter = json(padmin.post("/api/v2.0/robots", "{\"name\":\"minter\",\"level\":\"project\","
                + "\"permissions\":[{\"namespace\":\"" + project + "\",\"access\":[{\"resource\":\"robot\",\"action\":\"create\"}]}]}"));
        ApiTestNode.Session asRobot = api.as(minter.get("name").asText(), minter.get("secret").asText());
        assertError(asRobot.post("/api/v2.0/robots", projectRobot("child", project, "pull")), 403, "DENIED");

        assertEquals(200, padmin.delete("/api/v2.0/robots/robot$" + project + "+builder").statusCode());
        assertError(padmin.get("/api/v2.0/robots/robot$" + project + "+builder"), 404, "NOT_FOUND");
    }

    @Test
    void aSystemRobotCoversEveryProject() {
        String a = unique("sysa");
        String b = unique("sysb");
        api.newProject(a, false);
        api.newProject(b, false);
        api.admin().pushImage(a + "/app", "v1");
        api.admin().pushImage(b + "/app", "v1");
        String robotName = unique("mirror");
        HttpResponse<byte[]> created = api.admin().post("/api/v2.0/robots", "{\"name\":\"" + robotName
                + "\",\"level\":\"system\",\"duration\":-1,\"permissions\":[{\"kind\":\"project\",\"namespace\":\"*\","
                + "\"access\":[{\"resource\":\"repository\",\"action\":\"pull\"}]}]}");
        assertEquals(201, created.statusCode(), () -> text(created));
        assertEquals(-1, json(created).get("expires_at").asLong());
        ApiTestNode.Session mirror = api.as("robot$" + robotName, json(created).get("secret").asText());
        assertEquals(200, mirror.get("/v2/" + a + "/app/manifests/v1").statusCode());
        assertEquals(200, mirror.get("/v2/" + b + "/app/manifests/v1").statusCode());
        assertTrue(names(json(api.admin().get("/api/v2.0/robots?page_size=100")), "name").contains("robot$" + robotName));
        assertError(api.admin().post("/api/v2.0/robots", "{\"name\":\"" + robotName + "\",\"level\":\"system\","
                + "\"permissions\":[{\"namespace\":\"*\",\"access\":[{\"resource\":\"repository\",\"action\":\"pull\"}]}]}"),
                409, "CONFLICT");
    }

    @Test
    void badRobotRequestsAre4xx() {
        String project = unique("badrbt");
        api.newProject(project, false);
        String path = "/api/v2.0/robots";
        assertError(api.admin().post(path, projectRobot("x", project, "fly")), 400, "UNSUPPORTED");
        assertError(api.admin().post(path, projectRobot("Upper", project, "pull")), 400, "UNSUPPORTED");
        assertError(api.admin().post(path, projectRobot("a+b", project, "pull")), 400, "UNSUPPORTED");
        assertError(api.admin().post(path, projectRobot("x", "Not/A/Project", "pull")), 400, "UNSUPPORTED");
        assertError(api.admin().post(path, projectRobot("x", unique("absent"), "pull")), 404, "NOT_FOUND");
        assertError(api.admin().post(path, "{\"name\":\"x\",\"level\":\"galaxy\",\"permissions\":[{\"namespace\":\""
                + project + "\",\"access\":[{\"resource\":\"repository\",\"action\":\"pull\"}]}]}"), 400, "UNSUPPORTED");
        assertError(api.admin().post(path, "{\"name\":\"x\",\"level\":\"project\",\"permissions\":[]}"), 400, "UNSUPPORTED");
        assertError(api.admin().post(path, "{\"name\":\"x\",\"level\":\"project\",\"duration\":0,\"permissions\":[{"
                + "\"namespace\":\"" + project + "\",\"access\":[{\"resource\":\"repository\",\"action\":\"pull\"}]}]}"),
                400, "UNSUPPORTED");
        assertError(api.admin().post(path, "{\"name\":\"x\",\"level\":\"project\",\"permissions\":[{\"kind\":\"system\","
                + "\"namespace\":\"" + project + "\",\"access\":[{\"resource\":\"repository\",\"action\":\"pull\"}]}]}"),
                400, "UNSUPPORTED");
        assertError(api.admin().get(path + "/robot$nothere"), 404, "NOT_FOUND");
        assertError(api.admin().get(path + "/robot$" + project + "+nothere"), 404, "NOT_FOUND");
        assertError(api.admin().get(path + "/robot$BAD+x"), 404, "NOT_FOUND");
        assertError(api.admin().patch(path + "/robot$nothere", ""), 404, "NOT_FOUND");
    }
}
