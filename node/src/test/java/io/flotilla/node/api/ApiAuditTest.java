package io.flotilla.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static io.flotilla.node.api.ApiTestNode.json;
import static io.flotilla.node.api.ApiTestNode.text;
import static io.flotilla.node.api.ApiTestNode.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every change made through the management API is in the audit log, with its actor, by the time it answered. */
class ApiAuditTest {

    @RegisterExtension
    static final ApiTestNode api = ApiTestNode.perClass();

    /**
     * {@code operation resource_type resource project} of the actor's events, sorted: events of one millisecond
     * have no order in the log, so the tests compare what was recorded, not in which order.
     */
    private static List<String> eventsOf(String actor) {
        HttpResponse<byte[]> r = api.admin().get("/api/v2.0/audit-logs?page_size=100&username=" + actor);
        assertEquals(200, r.statusCode(), () -> text(r));
        List<String> out = new ArrayList<>();
        for (JsonNode e : json(r)) {
            assertEquals("success", e.get("result").asText());
            assertTrue(!e.get("source").asText().isEmpty(), e.toString());
            out.add(e.get("operation").asText() + " " + e.get("resource_type").asText() + " "
                    + e.get("resource").asText() + " " + e.get("project").asText());
        }
        return out.stream().sorted().toList();
    }

    @Test
    void eachChangeIsRecordedWithItsActor() {
        String owner = unique("owner");
        String other = unique("other");
        String project = unique("audited");
        api.newUser(owner);
        api.newUser(other);
        ApiTestNode.Session ownerSession = api.as(owner, ApiTestNode.PASSWORD);

        assertEquals(201, ownerSession.post("/api/v2.0/projects", "{\"project_name\":\"" + project + "\"}").statusCode());
        assertEquals(200, ownerSession.put("/api/v2.0/projects/" + project, "{\"public\":true}").statusCode());
        String members = "/api/v2.0/projects/" + project + "/members";
        assertEquals(201, ownerSession.post(members, "{\"role_id\":3,\"member_user\":{\"username\":\"" + other + "\"}}")
                .statusCode());
        assertEquals(200, ownerSession.put(members + "/u:" + other, "{\"role_id\":2}").statusCode());
        JsonNode robot = json(ownerSession.post("/api/v2.0/robots", RobotsApiTest.projectRobot("bot", project, "pull")));
        String robotName = robot.get("name").asText();
        assertEquals(200, ownerSession.patch("/api/v2.0/robots/" + robotName, "").statusCode());
        assertEquals(200, ownerSession.put("/api/v2.0/robots/" + robotName, "{\"disable\":true}").statusCode());
        assertEquals(200, ownerSession.delete("/api/v2.0/robots/" + robotName).statusCode());
        assertEquals(200, ownerSession.delete(members + "/u:" + other).statusCode());
        assertEquals(200, ownerSession.put("/api/v2.0/users/" + owner + "/password", "{\"old_password\":\""
                + ApiTestNode.PASSWORD + "\",\"new_password\":\"Changed1Passw0rd\"}").statusCode());
        ApiTestNode.Session renewed = api.as(owner, "Changed1Passw0rd");
        assertEquals(200, renewed.delete("/api/v2.0/projects/" + project).statusCode());

        assertEquals(List.of(
                "create project " + project + " " + project,
                "create member u:" + owner + " " + project,
                "update project " + project + " " + project,
                "create member u:" + other + " " + project,
                "update member u:" + other + " " + project,
                "create robot " + robotName + " " + project,
                "update robot " + robotName + " " + project,
                "update robot " + robotName + " " + project,
                "delete robot " + robotName + " " + project,
                "delete member u:" + other + " " + project,
                "update user " + owner + " ",
                "delete project " + project + " " + project).stream().sorted().toList(), eventsOf(owner).stream()
                .filter(e -> !e.startsWith("login")).toList());
    }

    @Test
    void adminChangesToUsersAreRecorded() {
        String name = unique("subject");
        api.newUser(name);
        assertEquals(200, api.admin().put("/api/v2.0/users/" + name + "/sysadmin", "{\"sysadmin_flag\":true}").statusCode());
        assertEquals(200, api.admin().put("/api/v2.0/users/" + name + "/sysadmin", "{\"sysadmin_flag\":false}").statusCode());
        assertEquals(200, api.admin().delete("/api/v2.0/users/" + name).statusCode());
        List<String> mine = eventsOf("admin").stream().filter(e -> e.contains(" user " + name)).toList();
        assertEquals(List.of("create user " + name + " ", "delete user " + name + " ", "update user " + name + " ",
                "update user " + name + " "), mine);
        HttpResponse<byte[]> detail = api.admin().get("/api/v2.0/audit-logs?resource=" + name + "&operation=update");
        assertEquals(List.of("sysadmin_flag=false", "sysadmin_flag=true"),
                ApiTestNode.names(json(detail), "detail").stream().sorted().toList());
    }
}
