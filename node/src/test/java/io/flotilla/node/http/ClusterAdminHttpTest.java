package io.flotilla.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;

import static io.flotilla.node.http.OciTestClient.header;
import static io.flotilla.node.http.OciTestClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /admin/cluster}: the node's view of its cluster, and who owns a key. */
class ClusterAdminHttpTest {
    @RegisterExtension
    static final OciTestClient oci = OciTestClient.perClass();

    @Test
    void aNodeAloneIsItsOnlyMemberAndOwnsEveryPartition() {
        HttpResponse<byte[]> r = oci.get("/admin/cluster");
        assertEquals(200, r.statusCode());
        assertEquals("application/json", header(r, "Content-Type"));
        JsonNode body = json(r);
        JsonNode self = body.get("self");
        assertTrue(self.get("self").asBoolean());
        assertEquals(directUrl(), self.get("httpUrl").asText());
        assertTrue(self.get("clusterAddress").asText().matches("127\\.0\\.0\\.1:\\d+"), self.toString());
        assertEquals(1, body.get("members").size());
        assertEquals(self, body.get("members").get(0));
        assertTrue(body.get("quorum").asBoolean(), "protection is off for a node alone");
        assertEquals(271, body.get("partitionCount").asInt());
        assertEquals(271, body.get("ownedPartitions").asInt());
        assertFalse(body.has("owner"), "no key, no owner");
    }

    @Test
    void theOwnerOfAnUploadIsTheNodeHoldingIt() {
        String location = oci.startUpload(OciTestClient.uniqueRepo("admin"));
        String uploadId = location.substring(location.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        JsonNode body = json(oci.get("/admin/cluster?key=" + uploadId));
        assertEquals(directUrl(), body.get("owner").get("httpUrl").asText());
        assertEquals(body.get("self").get("id"), body.get("owner").get("id"));
        int partition = body.get("partition").asInt();
        assertTrue(partition >= 0 && partition < 271, "partition " + partition);
        assertEquals(204, oci.delete(location).statusCode());
    }

    @Test
    void aBadQueryIsAJsonError() {
        for (String query : new String[] {"?key=", "?key=a&key=b", "?key=" + "k".repeat(1025)}) {
            HttpResponse<byte[]> r = oci.get("/admin/cluster" + query);
            assertEquals(400, r.statusCode(), query);
            assertTrue(json(r).get("error").asText().contains("key"), query);
        }
    }

    /** The node's own URL, as its member advertises it. */
    private static String directUrl() {
        String root = oci.resolve("/").toString();
        return root.substring(0, root.length() - 1);
    }
}
