package io.flotilla.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The management API over HTTP with Basic credentials: JSON in and out, and every refusal turned into an
 * {@link ApiException} carrying the status and the error envelope's code and detail.
 */
final class ApiClient implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 100;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String authorization;

    ApiClient(String url, String user, char[] password) {
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + new String(password)).getBytes(StandardCharsets.UTF_8));
    }

    /** One path segment, percent-encoded ({@code robot$p+x}, {@code u:alice}). */
    static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    JsonNode get(String path) {
        return json(send("GET", path, null));
    }

    /** Every item of a paged listing ({@code path} may hold a query already). */
    ArrayNode getAll(String path) {
        ArrayNode all = JSON.createArrayNode();
        for (int page = 1; ; page++) {
            JsonNode items = get(path + (path.contains("?") ? "&" : "?") + "page=" + page + "&page_size=" + PAGE);
            items.forEach(all::add);
            if (items.size() < PAGE) {
                return all;
            }
        }
    }

    String getText(String path) {
        return send("GET", path, null).body();
    }

    HttpResponse<String> post(String path, JsonNode body) {
        return send("POST", path, body);
    }

    JsonNode put(String path, JsonNode body) {
        return json(send("PUT", path, body));
    }

    JsonNode patch(String path, JsonNode body) {
        return json(send("PATCH", path, body));
    }

    void delete(String path) {
        send("DELETE", path, null);
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new ApiException(r.statusCode(), "", "the answer is not JSON");
        }
    }

    private HttpResponse<String> send(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/v2.0" + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (response.statusCode() >= 400) {
            throw refusal(response);
        }
        return response;
    }

    private static ApiException refusal(HttpResponse<String> r) {
        try {
            JsonNode error = JSON.readTree(r.body()).path("errors").path(0);
            String detail = error.path("detail").asText(error.path("message").asText(""));
            return new ApiException(r.statusCode(), error.path("code").asText(""), detail);
        } catch (IOException | RuntimeException notJson) {
            return new ApiException(r.statusCode(), "", r.body().length() > 200 ? r.body().substring(0, 200) : r.body());
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
