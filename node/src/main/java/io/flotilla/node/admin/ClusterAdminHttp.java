package io.flotilla.node.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flotilla.cluster.Member;
import io.flotilla.cluster.Membership;
import io.flotilla.cluster.Ownership;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;

/**
 * {@code GET /admin/cluster}: the members this node sees (with each node's direct HTTP URL), whether
 * this side has quorum, and the partitions this member owns. With {@code ?key=K} it also names the
 * member owning K's partition, such as the node holding an upload's session, so a test can kill it.
 *
 * <p>No authentication yet (access control is a later issue): it reveals the cluster's topology, so
 * keep the port away from untrusted clients until then.
 */
public final class ClusterAdminHttp implements HttpService {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Longer than any key the registry uses (upload ids, repo@digest); bounds what a request can make us hash. */
    private static final int MAX_KEY_LENGTH = 1024;

    private final Membership membership;
    private final Ownership ownership;

    public ClusterAdminHttp(Membership membership, Ownership ownership) {
        this.membership = membership;
        this.ownership = ownership;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/admin/cluster", this::cluster);
    }

    private void cluster(ServerRequest req, ServerResponse res) {
        List<String> keys = req.query().contains("key") ? req.query().all("key") : List.of();
        if (keys.size() > 1 || keys.stream().anyMatch(k -> k.isEmpty() || k.length() > MAX_KEY_LENGTH)) {
            send(res, Status.BAD_REQUEST_400, error("key must be given once, 1 to " + MAX_KEY_LENGTH + " characters"));
            return;
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("self", member(membership.self()));
        ArrayNode members = body.putArray("members");
        membership.members().forEach(m -> members.add(member(m)));
        body.put("quorum", membership.hasQuorum());
        body.put("partitionCount", ownership.partitionCount());
        body.put("ownedPartitions", ownership.ownedPartitions().size());
        for (String key : keys) {
            body.put("partition", ownership.partitionOf(key));
            ownership.ownerOf(key).ifPresent(owner -> body.set("owner", member(owner)));
        }
        send(res, Status.OK_200, body);
    }

    private static ObjectNode member(Member m) {
        return JSON.createObjectNode()
                .put("id", m.id())
                .put("clusterAddress", m.clusterAddress())
                .put("httpUrl", m.httpUrl())
                .put("self", m.self());
    }

    private static ObjectNode error(String message) {
        return JSON.createObjectNode().put("error", message);
    }

    private static void send(ServerResponse res, Status status, ObjectNode body) {
        try {
            res.status(status).header(HeaderNames.CONTENT_TYPE, "application/json").send(JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a tree of plain values", e);
        }
    }
}
