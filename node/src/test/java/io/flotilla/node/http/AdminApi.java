package io.flotilla.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flotilla.node.TestNode;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.flotilla.node.http.OciTestClient.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Sets up users, projects, members and robots through the management API, signed in as the admin. */
final class AdminApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final OciTestClient oci;
    private final String admin;

    AdminApi(OciTestClient oci) {
        this.oci = oci;
        this.admin = oci.node().adminAuthorization();
    }

    /** A robot's full name and its secret, shown once. */
    record Robot(String name, String secret) {
    }

    /** Creates a local user; returns its Basic credentials. */
    String user(String name, String password) {
        ObjectNode body = JSON.createObjectNode().put("username", name).put("password", password)
                .put("email", name + "@example.test").put("realname", name);
        created(post("/api/v2.0/users", body));
        return TestNode.basic(name, password);
    }

    void project(String name, boolean isPublic) {
        ObjectNode body = JSON.createObjectNode().put("project_name", name);
        body.putObject("metadata").put("public", Boolean.toString(isPublic));
        created(post("/api/v2.0/projects", body));
    }

    void member(String project, String user, int roleId) {
        ObjectNode body = JSON.createObjectNode().put("role_id", roleId);
        body.putObject("member_user").put("username", user);
        created(post("/api/v2.0/projects/" + project + "/members", body));
    }

    Robot projectRobot(String project, String name, List<String> actions) {
        ObjectNode body = JSON.createObjectNode().put("name", name).put("level", "project").put("duration", -1);
        ObjectNode permission = body.putArray("permissions").addObject()
                .put("kind", "project").put("namespace", project);
        ArrayNode access = permission.putArray("access");
        actions.forEach(a -> access.addObject().put("resource", "repository").put("action", a));
        JsonNode robot = OciTestClient.json(created(post("/api/v2.0/robots", body)));
        return new Robot(robot.path("name").asText(), robot.path("secret").asText());
    }

    void disableRobot(String name) {
        ObjectNode body = JSON.createObjectNode().put("disable", true);
        HttpResponse<byte[]> put = oci.put("/api/v2.0/robots/" + name, OciTestClient.bytes(body),
                "Content-Type", "application/json", "Authorization", admin);
        assertEquals(200, put.statusCode(), () -> "PUT robot: " + text(put));
    }

    private HttpResponse<byte[]> post(String path, JsonNode body) {
        return oci.post(path, body.toString().getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json", "Authorization", admin);
    }

    private static HttpResponse<byte[]> created(HttpResponse<byte[]> response) {
        assertEquals(201, response.statusCode(), () -> response.uri() + ": " + text(response));
        return response;
    }
}
