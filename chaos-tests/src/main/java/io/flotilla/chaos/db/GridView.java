package io.flotilla.chaos.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.chaos.client.OciClient;
import io.flotilla.chaos.client.OciResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One node's view of the grid, from its {@code GET /admin/cluster}: how many members it sees, whether its side
 * has quorum, how many partitions it owns, and, when asked about a key, which node owns that key's partition.
 *
 * @param ownerHttp the direct URL of the node owning the asked key (e.g. an upload's id), if one was asked
 */
public record GridView(int members, boolean quorum, int partitionCount, int ownedPartitions, Optional<URI> ownerHttp) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static GridView of(OciClient client, URI node) {
        return parse(client.get(node, "/admin/cluster"), node);
    }

    public static GridView of(OciClient client, URI node, String key) {
        return parse(client.get(node, "/admin/cluster?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8)), node);
    }

    private static GridView parse(OciResponse res, URI node) {
        if (res.status() != 200) {
            throw new IllegalStateException("/admin/cluster on " + node + " answered " + res);
        }
        try {
            JsonNode body = JSON.readTree(res.body());
            Optional<URI> owner = body.has("owner")
                    ? Optional.of(URI.create(body.get("owner").get("httpUrl").asText())) : Optional.empty();
            return new GridView(body.get("members").size(), body.get("quorum").asBoolean(),
                    body.get("partitionCount").asInt(), body.get("ownedPartitions").asInt(), owner);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable /admin/cluster from " + node, e);
        }
    }
}
