package io.flotilla.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;

import static io.flotilla.node.api.ApiTestNode.PASSWORD;
import static io.flotilla.node.api.ApiTestNode.assertError;
import static io.flotilla.node.api.ApiTestNode.json;
import static io.flotilla.node.api.ApiTestNode.text;
import static io.flotilla.node.api.ApiTestNode.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /api/v2.0/users over HTTP against a real node. */
class UsersApiTest {

    @RegisterExtension
    static final ApiTestNode api = ApiTestNode.perClass();

    @Test
    void adminCreatesReadsListsAndDeletesAUser() {
        String name = unique("alice");
        HttpResponse<byte[]> created = api.admin().post("/api/v2.0/users", "{\"username\":\"" + name
                + "\",\"password\":\"" + PASSWORD + "\",\"email\":\"a@example.com\",\"realname\":\"Alice A\"}");
        assertEquals(201, created.statusCode(), () -> text(created));
        assertEquals("/api/v2.0/users/" + name, created.headers().firstValue("Location").orElseThrow());

        JsonNode user = json(api.admin().get("/api/v2.0/users/" + name));
        assertEquals(name, user.get("username").asText());
        assertEquals("a@example.com", user.get("email").asText());
        assertEquals("Alice A", user.get("realname").asText());
        assertFalse(user.get("sysadmin_flag").asBoolean());
        assertFalse(user.toString().contains("argon2"), "a hash leaked: " + user);

        HttpResponse<byte[]> list = api.admin().get("/api/v2.0/users?page_size=100");
        assertEquals(200, list.statusCode());
        assertTrue(ApiTestNode.names(json(list), "username").contains(name));
        assertFalse(new String(list.body()).contains("argon2"));

        assertEquals(200, api.admin().delete("/api/v2.0/users/" + name).statusCode());
        assertError(api.admin().get("/api/v2.0/users/" + name), 404, "NOT_FOUND");
        assertError(api.admin().delete("/api/v2.0/users/" + name), 404, "NOT_FOUND");
    }

    @Test
    void aCreatedUserCanSignInAndSeeOnlyItself() {
        String name = unique("bob");
        ApiTestNode.Session bob = api.newUser(name);
        JsonNode current = json(bob.get("/api/v2.0/users/current"));
        assertEquals(name, current.get("username").asText());
        assertEquals(200, bob.get("/api/v2.0/users/" + name).statusCode());

        assertError(bob.get("/api/v2.0/users"), 403, "DENIED");
        assertError(bob.get("/api/v2.0/users/admin"), 403, "DENIED");
        assertError(bob.post("/api/v2.0/users", "{\"username\":\"" + unique("x") + "\",\"password\":\"" + PASSWORD + "\"}"),
                403, "DENIED");
        assertError(bob.delete("/api/v2.0/users/" + name), 403, "DENIED");
        assertError(bob.put("/api/v2.0/users/" + name + "/sysadmin", "{\"sysadmin_flag\":true}"), 403, "DENIED");
    }

    @Test
    void withoutCredentialsEveryCallIs401WithABasicChallenge() {
        HttpResponse<byte[]> r = api.anonymous().get("/api/v2.0/users");
        assertError(r, 401, "UNAUTHORIZED");
        assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        assertError(api.anonymous().get("/api/v2.0/users/current"), 401, "UNAUTHORIZED");
        assertError(api.as("admin", "wrong-Passw0rd").get("/api/v2.0/users/current"), 401, "UNAUTHORIZED");
    }

    @Test
    void duplicateNamesAre409WithoutRegardToCase() {
        String name = unique("carol");
        api.newUser(name);
        assertError(api.admin().post("/api/v2.0/users", "{\"username\":\"" + name.toUpperCase()
                + "\",\"password\":\"" + PASSWORD + "\"}"), 409, "CONFLICT");
    }

    @Test
    void weakPasswordsAndBadFieldsAre400() {
        String name = unique("dave");
        for (String weak : new String[]{"short1A", "alllowercase1", "ALLUPPERCASE1", "NoDigitsHere"}) {
            assertError(api.admin().post("/api/v2.0/users", "{\"username\":\"" + name + "\",\"password\":\"" + weak + "\"}"),
                    400, "UNSUPPORTED");
        }
        assertError(api.admin().post("/api/v2.0/users", "{\"password\":\"" + PASSWORD + "\"}"), 400, "UNSUPPORTED");
        assertError(api.admin().post("/api/v2.0/users", "{\"username\":\"a:b\",\"password\":\"" + PASSWORD + "\"}"),
                400, "UNSUPPORTED");
        assertError(api.admin().post("/api/v2.0/users", "{\"username\":\"robot$x\",\"password\":\"" + PASSWORD + "\"}"),
                400, "UNSUPPORTED");
        assertError(api.admin().post("/api/v2.0/users", "{\"username\":\"current\",\"password\":\"" + PASSWORD + "\"}"),
                400, "UNSUPPORTED");
        assertError(api.admin().post("/api/v2.0/users", "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD
                + "\",\"email\":\"not-an-address\"}"), 400, "UNSUPPORTED");
        assertError(api.admin().post("/api/v2.0/users", "{\"username\":\"" + name + "\",\"password\":12345678}"),
                400, "UNSUPPORTED");
        assertError(api.admin().get("/api/v2.0/users/" + name), 404, "NOT_FOUND");
    }

    @Test
    void aUserEditsItsOwnProfile() {
        String name = unique("erin");
        ApiTestNode.Session erin = api.newUser(name);
        HttpResponse<byte[]> r = erin.put("/api/v2.0/users/" + name, "{\"email\":\"new@example.com\",\"realname\":\"Erin E\"}");
        assertEquals(200, r.statusCode(), () -> text(r));
        JsonNode user = json(api.admin().get("/api/v2.0/users/" + name));
        assertEquals("new@example.com", user.get("email").asText());
        assertEquals("Erin E", user.get("realname").asText());
    }

    @Test
    void aUserChangesItsPasswordWithTheOldOneAndTheOldOneStopsWorking() {
        String name = unique("frank");
        ApiTestNode.Session frank = api.newUser(name);
        assertEquals(200, frank.get("/api/v2.0/users/current").statusCode()); // the old password is now cached
        String path = "/api/v2.0/users/" + name + "/password";
        assertError(frank.put(path, "{\"new_password\":\"Another1Passw0rd\"}"), 400, "UNSUPPORTED");
        assertError(frank.put(path, "{\"old_password\":\"Wrong1Passw0rd\",\"new_password\":\"Another1Passw0rd\"}"),
                403, "DENIED");
        assertError(frank.put(path, "{\"old_password\":\"" + PASSWORD + "\",\"new_password\":\"" + PASSWORD + "\"}"),
                400, "UNSUPPORTED");
        assertError(frank.put(path, "{\"old_password\":\"" + PASSWORD + "\",\"new_password\":\"weak\"}"), 400, "UNSUPPORTED");

        HttpResponse<byte[]> changed = frank.put(path, "{\"old_password\":\"" + PASSWORD
                + "\",\"new_password\":\"Another1Passw0rd\"}");
        assertEquals(200, changed.statusCode(), () -> text(changed));
        assertError(frank.get("/api/v2.0/users/current"), 401, "UNAUTHORIZED");
        assertEquals(200, api.as(name, "Another1Passw0rd").get("/api/v2.0/users/current").statusCode());
    }

    @Test
    void anAdminSetsAnotherUsersPasswordWithoutTheOldOne() {
        String name = unique("grace");
        api.newUser(name);
        HttpResponse<byte[]> r = api.admin().put("/api/v2.0/users/" + name + "/password", "{\"new_password\":\"Reset1Passw0rd\"}");
        assertEquals(200, r.statusCode(), () -> text(r));
        assertEquals(200, api.as(name, "Reset1Passw0rd").get("/api/v2.0/users/current").statusCode());
        // ... but not its own without the old one.
        assertError(api.admin().put("/api/v2.0/users/admin/password", "{\"new_password\":\"Reset1Passw0rd\"}"),
                400, "UNSUPPORTED");
    }

    @Test
    void sysadminFlagGrantsTheApiAndCannotBeDroppedByOneself() {
        String name = unique("heidi");
        ApiTestNode.Session heidi = api.newUser(name);
        assertError(heidi.get("/api/v2.0/users"), 403, "DENIED");
        HttpResponse<byte[]> r = api.admin().put("/api/v2.0/users/" + name + "/sysadmin", "{\"sysadmin_flag\":true}");
        assertEquals(200, r.statusCode(), () -> text(r));
        assertEquals(200, heidi.get("/api/v2.0/users").statusCode());
        assertTrue(json(heidi.get("/api/v2.0/users/current")).get("sysadmin_flag").asBoolean());

        assertError(heidi.put("/api/v2.0/users/" + name + "/sysadmin", "{\"sysadmin_flag\":false}"), 403, "DENIED");
        assertError(heidi.delete("/api/v2.0/users/" + name), 403, "DENIED");
        assertError(heidi.delete("/api/v2.0/users/admin"), 403, "DENIED");
        assertError(api.admin().put("/api/v2.0/users/admin/sysadmin", "{\"sysadmin_flag\":false}"), 403, "DENIED");
        assertError(api.admin().put("/api/v2.0/users/" + name + "/sysadmin", "{\"sysadmin_flag\":\"yes\"}"),
                400, "UNSUPPORTED");

        assertEquals(200, api.admin().put("/api/v2.0/users/" + name + "/sysadmin", "{\"sysadmin_flag\":false}").statusCode());
        assertError(heidi.get("/api/v2.0/users"), 403, "DENIED");
    }

    @Test
    void adeletedUserCannotSignInAndLosesItsMemberships() {
        String name = unique("ivan");
        String project = unique("ivanproj");
        ApiTestNode.Session ivan = api.newUser(name);
        api.newProject(project, false);
        api.addMember(project, name, 2);
        assertEquals(200, ivan.get("/api/v2.0/projects/" + project).statusCode());

        assertEquals(200, api.admin().delete("/api/v2.0/users/" + name).statusCode());
        assertError(ivan.get("/api/v2.0/users/current"), 401, "UNAUTHORIZED");
        assertError(api.admin().get("/api/v2.0/projects/" + project + "/members/u:" + name), 404, "NOT_FOUND");

        // Created again under the same name, it starts with no roles.
        ApiTestNode.Session again = api.newUser(name);
        assertError(again.get("/api/v2.0/projects/" + project), 403, "DENIED");
    }

    @Test
    void listingPagesWithLinkAndTotalCount() {
        for (int i = 0; i < 3; i++) {
            api.newUser(unique("page"));
        }
        HttpResponse<byte[]> first = api.admin().get("/api/v2.0/users?page=1&page_size=2&username=~page");
        assertEquals(200, first.statusCode(), () -> text(first));
        assertEquals(2, json(first).size());
        int total = Integer.parseInt(first.headers().firstValue("X-Total-Count").orElseThrow());
        assertTrue(total >= 3);
        String link = first.headers().firstValue("Link").orElseThrow();
        assertTrue(link.contains("page=2&page_size=2") && link.contains("rel=\"next\"") && link.contains("username=%7Epage"),
                link);
        assertError(api.admin().get("/api/v2.0/users?page=0"), 400, "UNSUPPORTED");
        assertError(api.admin().get("/api/v2.0/users?page_size=101"), 400, "UNSUPPORTED");
    }
}
