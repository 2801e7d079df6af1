package io.flotilla.chaos.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/**
 * A node's garbage-collection admin API and metrics, as the gc scenario reads them: {@code GET
 * /api/v2.0/system/gc} (settings), {@code GET /api/v2.0/system/gc/blobs/{digest}} (one blob's state; not a read
 * of the blob, so probing does not postpone its collection) and the {@code flotilla_gc_*} counters on
 * {@code /metrics}. The API wants a system admin: give it an {@link OciClient} signing with Basic credentials.
 */
public final class GcAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/api/v2.0/system/gc";

    private final OciClient client;

    public GcAdmin(OciClient client) {
        this.client = client;
    }

    /** "delaySeconds=N graceSeconds=N paused=B enabled=B" from {@code GET /api/v2.0/system/gc}; throws unless it answers 200. */
    public String settings(URI node) {
        JsonNode body = json(client.get(node, API), API);
        return "delaySeconds=" + body.path("delaySeconds").asText("?") + " graceSeconds="
                + body.path("graceSeconds").asText("?") + " paused=" + body.path("paused").asText("?")
                + " enabled=" + body.path("enabled").asText("?");
    }

    /** The blob's state (live, marked, purging, absent); throws unless the API answers 200 with one. */
    public String blobState(URI base, String digest) {
        String path = API + "/blobs/" + digest;
        String state = json(client.get(base, path), path).path("state").asText("");
        if (state.isEmpty()) {
            throw new IllegalStateException("GET " + path + " named no state");
        }
        return state;
    }

    /** {@code node}'s /metrics (Prometheus text); throws unless it answers 200. */
    public String metrics(URI node) {
        OciResponse res = client.get(node, "/metrics");
        if (res.status() != 200) {
            throw new IllegalStateException("GET /metrics on " + node + ": " + res.status());
        }
        return res.text();
    }

    /** The sum of the samples of metric {@code name} (exactly that name, any labels) in Prometheus text. */
    public static Optional<Double> sum(String exposition, String name) {
        double total = 0;
        boolean found = false;
        for (String line : exposition.split("\n")) {
            if (line.startsWith(name) && line.length() > name.length()
                    && (line.charAt(name.length()) == '{' || line.charAt(name.length()) == ' ')) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        return found ? Optional.of(total) : Optional.empty();
    }

    private static JsonNode json(OciResponse res, String path) {
        if (res.status() != 200) {
            throw new IllegalStateException("GET " + path + ": " + res.status() + " " + res.text().strip());
        }
        try {
            return JSON.readTree(res.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " answered no JSON: " + e.getMessage());
        }
    }
}
