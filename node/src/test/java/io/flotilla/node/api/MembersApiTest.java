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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /api/v2.0/projects/{name}/members over HTTP against a real node. */
class MembersApiTest {

    @RegisterExtension
    static final ApiTestNode api = ApiTestNode.perClass();

    @Test
    void adminAddsChangesAndRemovesAUserMember() {
        String project = unique("team");
        String user = unique("dev");
        api.newProject(project, false);
        ApiTestNode.Session dev = api.newUser(user);
        String members = "/api/v2.0/projects/" + project + "/members";

        HttpResponse<byte[]> added = api.admin().post(members,
                "{\"role_id\":2,\"member_user\":{\"username\":\"" + user + "\"}}");
        assertEquals(201, added.statusCode(), () -> text(added));
        assertEquals(members + "/u%3A" + user, added.headers().firstValue("Location").orElseThrow());
        JsonNode member = json(api.admin().get(members + "/u:" + user));
        assertEquals("u:" + user, member.get("id").asText());
        assertEquals(user, member.get("entity_name").asText());
        assertEquals("u", member.get("entity_type").asText());
        assertEquals(2, member.get("role_id").asInt());
        assertEquals("developer", member.get("role_name").asText());
        assertEquals(project, member.get("project").asText());
        assertEquals(200, api.admin().get(members + "/u%3A" + user).statusCode(), "the id may be url-encoded");

        // A developer pushes; promoted to maintainer it also deletes; removed, it sees nothing.
        dev.pushImage(project + "/app", "v1");
        assertError(dev.delete("/v2/" + project + "/app/manifests/v1"), 403, "DENIED");
        HttpResponse<byte[]> changed = api.admin().put(members + "/u:" + user, "{\"role_id\":4}");
        assertEquals(200, changed.statusCode(), () -> text(changed));
        assertEquals("maintainer", json(changed).get("role_name").asText());
        assertEquals(202, dev.delete("/v2/" + project + "/app/manifests/v1").statusCode());

        assertEquals(200, api.admin().delete(members + "/u:" + user).statusCode());
        assertError(dev.get("/api/v2.0/projects/" + project), 403, "DENIED");
        assertError(api.admin().delete(members + "/u:" + user), 404, "NOT_FOUND");
    }

    @Test
    void aGuestCannotManageMembersButAProjectAdminCan() {
        String project = unique("club");
        api.newProject(project, false);
        String guestName = unique("guest");
        String ownerName = unique("owner");
        String newcomer = unique("newcomer");
        ApiTestNode.Session guest = api.newUser(guestName);
        ApiTestNode.Session owner = api.newUser(ownerName);
        api.newUser(newcomer);
        api.addMember(project, guestName, 3);
        api.addMember(project, ownerName, 1);
        String members = "/api/v2.0/projects/" + project + "/members";
        String body = "{\"role_id\":3,\"member_user\":{\"username\":\"" + newcomer + "\"}}";

        assertEquals(200, guest.get(members).statusCode(), "a guest may list members");
        assertError(guest.post(members, body), 403, "DENIED");
        assertError(guest.put(members + "/u:" + guestName, "{\"role_id\":1}"), 403, "DENIED");
        assertError(guest.delete(members + "/u:" + ownerName), 403, "DENIED");

        HttpResponse<byte[]> added = owner.post(members, body);
        assertEquals(201, added.statusCode(), () -> text(added));
        assertEquals(200, owner.put(members + "/u:" + newcomer, "{\"role_id\":2}").statusCode());
        assertEquals(200, owner.delete(members + "/u:" + newcomer).statusCode());
    }

    @Test
    void groupsAreMembersToo() {
        String project = unique("groups");
        api.newProject(project, false);
        String members = "/api/v2.0/projects/" + project + "/members";
        HttpResponse<byte[]> added = api.admin().post(members, "{\"role_id\":3,\"member_group\":{\"group_name\":\"Dev Ops\"}}");
        assertEquals(201, added.statusCode(), () -> text(added));
        assertEquals(members + "/g%3ADev%20Ops", added.headers().firstValue("Location").orElseThrow());
        JsonNode list = json(api.admin().get(members + "?page_size=100"));
        assertTrue(names(list, "id").contains("g:Dev Ops"), list.toString());
        assertEquals(List.of("g"), list.findValuesAsText("entity_type").stream().filter("g"::equals).toList());
        assertEquals(200, api.admin().delete(members + "/g:Dev%20Ops").statusCode());
    }

    @Test
    void badRequestsAre4xx() {
        String project = unique("strict");
        String user = unique("someone");
        api.newProject(project, false);
        api.newUser(user);
        String members = "/api/v2.0/projects/" + project + "/members";
        assertError(api.admin().post(members, "{\"role_id\":9,\"member_user\":{\"username\":\"" + user + "\"}}"),
                400, "UNSUPPORTED");
        assertError(api.admin().post(members, "{\"role_id\":\"two\",\"member_user\":{\"username\":\"" + user + "\"}}"),
                400, "UNSUPPORTED");
        assertError(api.admin().post(members, "{\"role_id\":2}"), 400, "UNSUPPORTED");
        assertError(api.admin().post(members, "{\"role_id\":2,\"member_user\":{\"username\":\"" + user
                + "\"},\"member_group\":{\"group_name\":\"g\"}}"), 400, "UNSUPPORTED");
        // Without a directory configured, a user member must have an account.
        assertError(api.admin().post(members, "{\"role_id\":2,\"member_user\":{\"username\":\"" + unique("nobody")
                + "\"}}"), 404, "NOT_FOUND");
        api.addMember(project, user, 2);
        assertError(api.admin().post(members, "{\"role_id\":3,\"member_user\":{\"username\":\"" + user.toUpperCase()
                + "\"}}"), 409, "CONFLICT");
        assertError(api.admin().get(members + "/x:" + user), 400, "UNSUPPORTED");
        assertError(api.admin().get(members + "/u:nobody-here"), 404, "NOT_FOUND");
        assertError(api.admin().get("/api/v2.0/projects/" + unique("missing") + "/members"), 404, "NOT_FOUND");
        assertError(api.admin().put(members + "/u:" + user, "{}"), 400, "UNSUPPORTED");
    }
}
