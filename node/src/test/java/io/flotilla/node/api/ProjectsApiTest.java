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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /api/v2.0/projects over HTTP against a real node. */
class ProjectsApiTest {

    @RegisterExtension
    static final ApiTestNode api = ApiTestNode.perClass();

    @Test
    void adminCreatesReadsUpdatesAndDeletesAProject() {
        String name = unique("proj");
        HttpResponse<byte[]> created = api.admin().post("/api/v2.0/projects",
                "{\"project_name\":\"" + name + "\",\"metadata\":{\"public\":\"false\"}}");
        assertEquals(201, created.statusCode(), () -> text(created));
        assertEquals("/api/v2.0/projects/" + name, created.headers().firstValue("Location").orElseThrow());

        JsonNode project = json(api.admin().get("/api/v2.0/projects/" + name));
        assertEquals(name, project.get("name").asText());
        assertEquals(name, project.get("project_id").asText());
        assertEquals("false", project.get("metadata").get("public").asText());
        assertEquals("admin", project.get("owner_name").asText());
        assertEquals(1, project.get("current_user_role_id").asInt(), "the creator is its project admin");

        HttpResponse<byte[]> updated = api.admin().put("/api/v2.0/projects/" + name, "{\"metadata\":{\"public\":\"true\"}}");
        assertEquals(200, updated.statusCode(), () -> text(updated));
        assertEquals("true", json(api.admin().get("/api/v2.0/projects/" + name)).get("metadata").get("public").asText());

        assertEquals(200, api.admin().head("/api/v2.0/projects?project_name=" + name).statusCode());
        assertEquals(200, api.admin().delete("/api/v2.0/projects/" + name).statusCode());
        assertEquals(404, api.admin().head("/api/v2.0/projects?project_name=" + name).statusCode());
        assertError(api.admin().get("/api/v2.0/projects/" + name), 404, "NOT_FOUND");
        assertError(api.admin().delete("/api/v2.0/projects/" + name), 404, "NOT_FOUND");
    }

    @Test
    void anySignedInUserCreatesAProjectAndBecomesItsAdmin() {
        String user = unique("maker");
        String name = unique("userproj");
        ApiTestNode.Session maker = api.newUser(user);
        HttpResponse<byte[]> created = maker.post("/api/v2.0/projects", "{\"project_name\":\"" + name + "\"}");
        assertEquals(201, created.statusCode(), () -> text(created));
        JsonNode project = json(maker.get("/api/v2.0/projects/" + name));
        assertEquals(user, project.get("owner_name").asText());
        assertEquals(1, project.get("current_user_role_id").asInt());
        JsonNode members = json(maker.get("/api/v2.0/projects/" + name + "/members"));
        assertEquals(List.of("u:" + user), names(members, "id"));
        assertEquals("projectAdmin", members.get(0).get("role_name").asText());

        // Project admins may change and delete their own project.
        assertEquals(200, maker.put("/api/v2.0/projects/" + name, "{\"public\":true}").statusCode());
        assertEquals(200, maker.delete("/api/v2.0/projects/" + name).statusCode());
    }

    @Test
    void listingShowsPublicProjectsAndOwnOnes() {
        String open = unique("open");
        String closed = unique("closed");
        String mine = unique("mine");
        api.newProject(open, true);
        api.newProject(closed, false);
        api.newProject(mine, false);
        String user = unique("viewer");
        ApiTestNode.Session viewer = api.newUser(user);
        api.addMember(mine, user, 3);

        List<String> seen = names(json(viewer.get("/api/v2.0/projects?page_size=100")), "name");
        assertTrue(seen.contains(open), seen.toString());
        assertTrue(seen.contains(mine), seen.toString());
        assertFalse(seen.contains(closed), seen.toString());
        List<String> all = names(json(api.admin().get("/api/v2.0/projects?page_size=100")), "name");
        assertTrue(all.containsAll(List.of(open, closed, mine, "library")), all.toString());

        assertEquals(List.of(mine), names(json(viewer.get("/api/v2.0/projects?name=" + mine)), "name"));
        List<String> publicOnes = names(json(api.admin().get("/api/v2.0/projects?public=true&page_size=100")), "name");
        assertTrue(publicOnes.contains(open) && !publicOnes.contains(closed), publicOnes.toString());
        assertEquals(3, json(viewer.get("/api/v2.0/projects/" + mine)).get("current_user_role_id").asInt());

        // A private project is hidden from non-members: 403, whether or not it exists.
        assertError(viewer.get("/api/v2.0/projects/" + closed), 403, "DENIED");
        assertError(viewer.get("/api/v2.0/projects/" + unique("nothere")), 403, "DENIED");
        assertEquals(200, viewer.get("/api/v2.0/projects/" + open).statusCode());
    }

    @Test
    void nonAdminsCannotChangeOrDeleteOthersProjects() {
        String name = unique("guarded");
        api.newProject(name, true);
        String user = unique("guest");
        ApiTestNode.Session guest = api.newUser(user);
        api.addMember(name, user, 3);
        assertError(guest.put("/api/v2.0/projects/" + name, "{\"metadata\":{\"public\":\"false\"}}"), 403, "DENIED");
        assertError(guest.delete("/api/v2.0/projects/" + name), 403, "DENIED");
        assertEquals(200, api.admin().get("/api/v2.0/projects/" + name).statusCode());
    }

    @Test
    void duplicatesAre409AndBadNamesOrBodiesAre400() {
        String name = unique("dup");
        api.newProject(name, false);
        assertError(api.admin().post("/api/v2.0/projects", "{\"project_name\":\"" + name + "\"}"), 409, "CONFLICT");
        assertError(api.admin().post("/api/v2.0/projects", "{\"project_name\":\"Upper\"}"), 400, "UNSUPPORTED");
        assertError(api.admin().post("/api/v2.0/projects", "{\"project_name\":\"a/b\"}"), 400, "UNSUPPORTED");
        assertError(api.admin().post("/api/v2.0/projects", "{}"), 400, "UNSUPPORTED");
        assertError(api.admin().post("/api/v2.0/projects", "{\"project_name\":\"" + unique("p")
                + "\",\"metadata\":{\"public\":\"maybe\"}}"), 400, "UNSUPPORTED");
        assertError(api.admin().get("/api/v2.0/projects/Not_Valid"), 404, "NOT_FOUND");
        assertEquals(404, api.admin().head("/api/v2.0/projects?project_name=Not_Valid").statusCode());
    }

    @Test
    void aProjectWithTaggedImagesCannotBeDeleted() {
        String name = unique("full");
        api.newProject(name, false);
        api.admin().pushImage(name + "/app", "v1");
        assertError(api.admin().delete("/api/v2.0/projects/" + name), 412, "PRECONDITION");
        HttpResponse<byte[]> untagged = api.admin().delete("/v2/" + name + "/app/manifests/v1");
        assertEquals(202, untagged.statusCode(), () -> text(untagged));
        assertEquals(200, api.admin().delete("/api/v2.0/projects/" + name).statusCode(), "no tag is left");
    }

    @Test
    void theDefaultProjectCannotBeDeleted() {
        assertError(api.admin().delete("/api/v2.0/projects/library"), 412, "PRECONDITION");
    }

    @Test
    void deletingAProjectRemovesItsMembershipsAndRobots() {
        String name = unique("gone");
        api.newProject(name, false);
        String user = unique("member");
        ApiTestNode.Session member = api.newUser(user);
        api.addMember(name, user, 2);
        HttpResponse<byte[]> robot = api.admin().post("/api/v2.0/robots", "{\"name\":\"ci\",\"level\":\"project\","
                + "\"duration\":-1,\"permissions\":[{\"kind\":\"project\",\"namespace\":\"" + name
                + "\",\"access\":[{\"resource\":\"repository\",\"action\":\"pull\"}]}]}");
        assertEquals(201, robot.statusCode(), () -> text(robot));

        assertEquals(200, api.admin().delete("/api/v2.0/projects/" + name).statusCode());
        api.newProject(name, false);
        assertError(member.get("/api/v2.0/projects/" + name), 403, "DENIED");
        assertError(api.admin().get("/api/v2.0/robots/robot$" + name + "+ci"), 404, "NOT_FOUND");
    }
}
