package io.flotilla.chaos.client.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory registry with Docker token auth, for fast unit tests of the client side (the cluster tests run
 * the same client against real nodes): {@code /token} issues opaque tokens for one user's password, and
 * {@code /v2/…} answers 200 to a token granting the scope it needs, else 401 with the challenge Flotilla sends.
 */
final class FakeTokenRegistry implements AutoCloseable {

    static final String SERVICE = "fake-registry";

    private final HttpServer server;
    private final Credentials account;
    /** Token to the scope it grants. */
    private final Map<String, String> grants = new ConcurrentHashMap<>();
    private final AtomicInteger issued = new AtomicInteger();
    /** Every request: "METHOD path auth", auth being anonymous, basic or bearer. */
    final List<String> seen = new CopyOnWriteArrayList<>();
    /** Every token request's scope parameter ("" for none). */
    final List<String> tokenScopes = new CopyOnWriteArrayList<>();
    /** Bytes of request bodies that arrived without a valid token. */
    final AtomicInteger refusedBodyBytes = new AtomicInteger();
    volatile int tokenStatus = 200;
    volatile long expiresIn = 300;
    /** Scopes no token ever grants (the refusal a token cannot cure). */
    final Set<String> neverGranted = ConcurrentHashMap.newKeySet();

    FakeTokenRegistry(Credentials account) throws IOException {
        this.account = account;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/token", this::token);
        server.createContext("/v2/", this::registry);
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Makes every token issued so far invalid, as a node that cannot verify them would find them. */
    void revokeAll() {
        grants.clear();
    }

    private void token(HttpExchange ex) throws IOException {
        String scope = query(ex.getRequestURI().getRawQuery()).getOrDefault("scope", "");
        tokenScopes.add(scope);
        seen.add("GET /token " + auth(ex));
        if (tokenStatus != 200) {
            answer(ex, tokenStatus, "{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"try later\"}]}", Map.of());
            return;
        }
        if (!account.basicAuthorization().equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            answer(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad password\"}]}", Map.of());
            return;
        }
        String token = "t" + issued.incrementAndGet();
        grants.put(token, scope);
        answer(ex, 200, "{\"token\":\"" + token + "\",\"expires_in\":" + expiresIn + "}", Map.of());
    }

    private void registry(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        String method = ex.getRequestMethod();
        seen.add(method + " " + path + " " + auth(ex));
        String needed = RequestScope.of(method, path).orElse("");
        String header = ex.getRequestHeaders().getFirst("Authorization");
        String token = header != null && header.startsWith("Bearer ") ? header.substring(7) : null;
        boolean granted = token != null && grants.containsKey(token)
                && (needed.isEmpty() || grants.get(token).equals(needed)) && !neverGranted.contains(needed);
        try (InputStream body = ex.getRequestBody()) {
            int n = body.readAllBytes().length;
            if (!granted) {
                refusedBodyBytes.addAndGet(n);
            }
        }
        if (!granted) {
            String challenge = "Bearer realm=\"" + base() + "/token\",service=\"" + SERVICE + "\""
                    + (needed.isEmpty() ? "" : ",scope=\"" + needed + "\"")
                    + (token == null ? "" : ",error=\"invalid_token\"");
            answer(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}",
                    Map.of("WWW-Authenticate", challenge));
            return;
        }
        answer(ex, 200, "{}", Map.of());
    }

    private static String auth(HttpExchange ex) {
        String h = ex.getRequestHeaders().getFirst("Authorization");
        return h == null ? "anonymous" : h.startsWith("Basic ") ? "basic" : "bearer";
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new ConcurrentHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    private static void answer(HttpExchange ex, int status, String body, Map<String, String> headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, ex.getRequestMethod().equals("HEAD") ? -1 : bytes.length);
        if (!ex.getRequestMethod().equals("HEAD")) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
