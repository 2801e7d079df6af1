package io.flotilla.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.flotilla.node.TestNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.flotilla.node.http.OciTestClient.json;
import static io.flotilla.node.http.OciTestClient.sha256;
import static io.flotilla.node.http.OciTestClient.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A scripted scenario of pushes, pulls, deletes, logins and admin changes, after which the audit log at
 * {@code /api/v2.0/audit-logs} holds every action with the right actor and result, filters and pages as
 * Harbor's does, and exports as JSONL and CSV.
 */
class AuditTrailHttpTest {

    @RegisterExtension
    static final OciTestClient oci = OciTestClient.perClass();

    @Test
    void everyActionOfAScenarioIsInTheLogWithItsActorAndResult() throws Exception {
        AdminApi api = new AdminApi(oci);
        String dave = api.user("dave", "Dave-passw0rd");
        api.project("aud", false);
        api.member("aud", "dave", 2);

        oci.signInAs(dave);
        byte[] manifest = oci.pushImage("aud/app", "v1", "audited layer");
        String digest = sha256(manifest);
        assertEquals(403, oci.delete("/v2/aud/app/manifests/v1").statusCode(), "a developer may not delete");
        oci.signInAsAdmin();
        assertEquals(200, oci.get("/v2/aud/app/manifests/v1", "Accept", OciTestClient.OCI_MANIFEST).statusCode());
        assertEquals(401, oci.get("/service/token?service=flotilla-registry",
                "Authorization", TestNode.basic("dave", "wrong")).statusCode());
        assertEquals(200, oci.get("/service/token?service=flotilla-registry", "Authorization", dave).statusCode());
        assertEquals(202, oci.delete("/v2/aud/app/manifests/" + digest).statusCode());

        awaitEvent("project=aud", "dave", "push", "aud/app:v1@" + digest, "success");
        awaitEvent("project=aud", "dave", "delete", "aud/app:v1", "denied");
        awaitEvent("project=aud", "admin", "pull", "aud/app:v1", "success");
        awaitEvent("project=aud", "admin", "delete", "aud/app:" + digest, "success");
        awaitEvent("operation=login,username=dave", "dave", "login", "dave", "failure");
        awaitEvent("operation=login,username=dave", "dave", "login", "dave", "success");
        awaitEvent("username=admin,resource_type=user", "admin", "create", "dave", "success");

        // A project's members with log:list read its log; dave is a developer of aud.
        oci.signInAs(dave);
        assertEquals(200, oci.get("/api/v2.0/projects/aud/logs").statusCode());
        assertEquals(403, oci.get("/api/v2.0/audit-logs").statusCode(), "only system admins read every event");
    }

    @Test
    void theLogPagesFiltersAndExports() throws Exception {
        for (int i = 0; i < 5; i++) {
            oci.pushImage("library/paged" + i, "v1", "paged layer " + i);
        }
        String q = URLEncoder.encode("operation=push,resource=~library/paged", StandardCharsets.UTF_8);
        HttpResponse<byte[]> first = oci.get("/api/v2.0/audit-logs?page=1&page_size=2&q=" + q);
        assertEquals(2, json(first).size(), text(first));
        String next = first.headers().firstValue("Link").orElseThrow();
        assertTrue(next.contains("page=2") && next.endsWith("rel=\"next\""), next);
        HttpResponse<byte[]> third = oci.get("/api/v2.0/audit-logs?page=3&page_size=2&q=" + q);
        assertEquals(1, json(third).size(), text(third));
        assertTrue(third.headers().firstValue("Link").isEmpty(), "the last page links nowhere");

        String jsonl = new String(oci.get("/api/v2.0/audit-logs?format=jsonl&q=" + q).body(), StandardCharsets.UTF_8);
        assertEquals(5, jsonl.lines().count(), jsonl);
        String csv = new String(oci.get("/api/v2.0/audit-logs?format=csv&q=" + q).body(), StandardCharsets.UTF_8);
        assertEquals(6, csv.lines().count(), csv);
        assertTrue(csv.startsWith("id,op_time,username,"), csv);

        assertEquals(400, oci.get("/api/v2.0/audit-logs?q=password=x").statusCode());
        assertEquals(400, oci.get("/api/v2.0/audit-logs?page_size=100000").statusCode());
        assertEquals(400, oci.get("/api/v2.0/audit-logs?q=" + URLEncoder.encode("op_time=[yesterday~today]",
                StandardCharsets.UTF_8)).statusCode());
        oci.signInAs(null);
        assertEquals(401, oci.get("/api/v2.0/audit-logs").statusCode());
        oci.signInAsAdmin();
    }

    /** Waits for the event (pulls are written within about a second), failing with what the log held. */
    private static void awaitEvent(String q, String actor, String operation, String resource, String result)
            throws InterruptedException {
        List<JsonNode> found = new ArrayList<>();
        for (int attempt = 0; attempt < 50; attempt++) {
            found.clear();
            json(oci.get("/api/v2.0/audit-logs?page_size=100&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)))
                    .forEach(found::add);
            if (found.stream().anyMatch(e -> e.path("username").asText().equals(actor)
                    && e.path("operation").asText().equals(operation)
                    && e.path("resource").asText().equals(resource)
                    && e.path("result").asText().equals(result))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + actor + " " + operation + " " + resource + " " + result + " in " + found);
    }
}
