package io.flotilla.chaos.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One node's view of the grid, as its {@code GET /admin/cluster} answers it: how many members it sees,
 * whether its side has quorum, how many partitions it owns, and (when asked about a key) who owns it.
 *
 * @param owner     the id of the member owning the asked key's partition; empty when no key was asked or no
 *                  member owns it (yet)
 * @param ownerHttp that member's node's direct URL, e.g. to kill the node holding an upload's session
 */
public record ClusterView(String selfId, int members, boolean quorum, int partitionCount, int ownedPartitions,
                          Optional<String> owner, Optional<URI> ownerHttp) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code node}'s view; throws if it does not answer 200 (a test waiting on views should catch that). */
    public static ClusterView of(OciClient client, URI node) {
        return parse(client.get(node, "/admin/cluster"), node);
    }

    /** {@code node}'s view, with the owner of {@code key}. */
    public static ClusterView of(OciClient client, URI node, String key) {
        return parse(client.get(node, "/admin/cluster?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8)), node);
    }

    private static ClusterView parse(OciResponse res, URI node) {
        if (res.status() != 200) {
            throw new IllegalStateException("/admin/cluster on " + node + " answered " + res);
        }
        try {
            JsonNode body = JSON.readTree(res.body());
            JsonNode owner = body.path("owner");
            return new ClusterView(body.path("self").path("id").asText(), body.path("members").size(),
                    body.path("quorum").asBoolean(), body.path("partitionCount").asInt(),
                    body.path("ownedPartitions").asInt(),
                    text(owner.path("id")), text(owner.path("httpUrl")).map(URI::create));
        } catch (IOException e) {
            throw new UncheckedIOException("/admin/cluster on " + node + " is not JSON: " + res, e);
        }
    }

    private static Optional<String> text(JsonNode field) {
        return field.isMissingNode() ? Optional.empty() : Optional.of(field.asText());
    }
}
