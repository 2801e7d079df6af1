package io.flotilla.bench.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One node's GC admin API and metrics, as the GC contract gives them: {@code /api/v2.0/system/gc} (state,
 * pause, resume), {@code /api/v2.0/system/gc/blobs/{digest}} (a blob's GC state, which does not count as a
 * read) and {@code /metrics}; plus a blob HEAD, what a client sees. Requests are few and untimed, so
 * java.net.http is enough here.
 */
public final class GcAdminClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String authorization;

    /** @param authorization the Authorization header value (a system admin's), or null for none */
    public GcAdminClient(URI base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    public URI base() {
        return base;
    }

    /** Whether GC is paused, as this node sees it. */
    public boolean paused() {
        return pausedIn(send("GET", "/api/v2.0/system/gc", 200));
    }

    /** Pauses GC cluster-wide; answers whether this node's answer says paused. */
    public boolean pause() {
        return pausedIn(send("POST", "/api/v2.0/system/gc/pause", 200));
    }

    /** Resumes GC cluster-wide; answers whether this node's answer still says paused. */
    public boolean resume() {
        return pausedIn(send("POST", "/api/v2.0/system/gc/resume", 200));
    }

    /** The blob's GC state: live, marked, purging or absent (a 404 counts as absent too). */
    public String blobState(String digest) {
        HttpResponse<String> res = request("GET", "/api/v2.0/system/gc/blobs/" + digest);
        if (res.statusCode() == 404) {
            return "absent";
        }
        JsonNode state = parse(expect(res, 200, "/api/v2.0/system/gc/blobs/" + digest)).path("state");
        if (!state.isTextual()) {
            throw new GcBenchException(base + ": the GC blob probe answered no state: " + res.body());
        }
        return state.asText();
    }

    /** The status a HEAD of the blob gets in {@code repository}. */
    public int headBlob(String repository, String digest) {
        return request("HEAD", "/v2/" + repository + "/blobs/" + digest).statusCode();
    }

    /** The node's Prometheus text. */
    public PrometheusText metrics() {
        return PrometheusText.parse(send("GET", "/metrics", 200));
    }

    private boolean pausedIn(String body) {
        JsonNode paused = parse(body).path("paused");
        if (!paused.isBoolean()) {
            throw new GcBenchException(base + ": the GC admin API answered no \"paused\": " + body);
        }
        return paused.booleanValue();
    }

    private String send(String method, String path, int expected) {
        return expect(request(method, path), expected, path);
    }

    private String expect(HttpResponse<String> res, int expected, String path) {
        if (res.statusCode() == expected) {
            return res.body();
        }
        String hint = res.statusCode() == 404 && path.startsWith("/api/v2.0/system/gc")
                ? " (this node has no GC admin API: is the GC merged and the node rebuilt?)" : "";
        throw new GcBenchException(res.request().method() + " " + base + path + " answered " + res.statusCode()
                + hint + ": " + shorten(res.body()));
    }

    private HttpResponse<String> request(String method, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new GcBenchException(method + " " + base + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GcBenchException("interrupted during " + method + " " + base + path, e);
        }
    }

    private JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new GcBenchException(base + " answered something that is not JSON: " + shorten(body), e);
        }
    }

    private static String shorten(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }
}
