package io.flotilla.chaos.client.auth;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Docker token auth, as docker, containerd and skopeo do it. The first request to a registry pings
 * {@code GET /v2/} to learn its challenge (realm and service), so no request body is ever sent only to be
 * refused. After that each {@code /v2} request carries a token for the scope it needs ({@link RequestScope}),
 * fetched from the realm with Basic credentials and cached until shortly before it expires
 * ({@link TokenCache}). A request answered 401 with a Bearer challenge (a token a node found expired or
 * invalid, or a scope it did not grant) gets a token for the challenged scope and is sent once more; a second
 * 401 is the answer. {@code /admin/} and {@code /api/} requests carry Basic credentials; other requests outside
 * {@code /v2} ({@code /readyz}, {@code /metrics}) go as they are.
 *
 * <p>Tokens from one node are good on every node (each publishes its public key to the shared metadata store),
 * so one cache serves requests to the balancer and to single nodes alike.
 */
final class TokenAuth implements RegistryAuth {

    private final Credentials credentials;
    private final Duration timeout;
    private final TokenCache cache;
    private final LongAdder fetched = new LongAdder();
    /** Realm and service from the last challenge, or null until the first one. */
    private volatile BearerChallenge realm;
    /** Whether {@code GET /v2/} has told whether (and where) tokens are needed; until then every request asks. */
    private volatile boolean pinged;

    TokenAuth(Credentials credentials, Duration timeout, Clock clock) {
        this.credentials = credentials;
        this.timeout = timeout;
        this.cache = new TokenCache(clock);
    }

    @Override
    public <T> HttpResponse<T> send(HttpClient http, HttpRequest.Builder request, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        HttpRequest plain = request.build();
        if (isManagement(plain.uri().getRawPath())) {
            // The management and cluster-admin endpoints take Basic credentials, not registry tokens' scopes.
            return http.send(request.header("Authorization", credentials.basicAuthorization()).build(), body);
        }
        Optional<String> scope = RequestScope.of(plain.method(), plain.uri().getRawPath());
        BearerChallenge at = scope.isPresent() && !pinged ? ping(http, plain.uri()) : realm;
        String token = scope.isPresent() && at != null ? token(http, at, scope.get()) : null;
        HttpResponse<T> res = http.send(token == null ? plain : withToken(request, token), body);
        Optional<BearerChallenge> challenge = res.statusCode() == 401 ? BearerChallenge.of(res.headers()) : Optional.empty();
        if (challenge.isEmpty()) {
            return res;
        }
        discard(res);
        BearerChallenge c = challenge.get();
        realm = c;
        if (token != null) {
            cache.forget(at.realm(), scope.get(), token);
        }
        TokenEndpoint.Token fresh = fetch(http, c, c.scope());
        if (scope.isPresent() && !scope.get().equals(c.scope())) {
            // The registry wanted another scope than this request was thought to need: requests like it get
            // this token from now on, rather than a 401 each.
            cache.put(c.realm(), scope.get(), fresh.token(), fresh.lifetime());
        }
        return http.send(withToken(request, fresh.token()), body);
    }

    private static boolean isManagement(String path) {
        return path.startsWith("/admin/") || path.startsWith("/api/");
    }

    /** How many tokens this client has fetched: a test can tell a cache that works from one that does not. */
    long tokensFetched() {
        return fetched.sum();
    }

    /** The challenge {@code GET /v2/} answers on the same server; null if it answers none (no auth there). */
    private BearerChallenge ping(HttpClient http, URI target) throws InterruptedException {
        URI base = target.resolve("/v2/");
        HttpResponse<Void> res;
        try {
            res = http.send(HttpRequest.newBuilder(base).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new TokenFetchException("GET " + base + " (to learn the token realm) failed", e);
        }
        if (res.statusCode() != 401) {
            pinged = true;  // no access control there; a 401 later still teaches the realm
            return null;
        }
        BearerChallenge c = BearerChallenge.of(res.headers()).orElseThrow(() -> new TokenFetchException(
                "GET " + base + " answered 401 without a Bearer challenge: " + res.headers().allValues("WWW-Authenticate")));
        realm = c;
        pinged = true;
        return c;
    }

    private String token(HttpClient http, BearerChallenge at, String scope) throws InterruptedException {
        Optional<String> cached = cache.get(at.realm(), scope);
        return cached.isPresent() ? cached.get() : fetch(http, at, scope).token();
    }

    private TokenEndpoint.Token fetch(HttpClient http, BearerChallenge at, String scope) throws InterruptedException {
        TokenEndpoint.Token t = TokenEndpoint.fetch(http, at, scope, credentials, timeout);
        fetched.increment();
        cache.put(at.realm(), scope, t.token(), t.lifetime());
        return t;
    }

    private static HttpRequest withToken(HttpRequest.Builder request, String token) {
        return request.copy().setHeader("Authorization", "Bearer " + token).build();
    }

    /** A streamed body must be closed before the connection can carry the retry. */
    private static void discard(HttpResponse<?> res) throws IOException {
        if (res.body() instanceof Closeable c) {
            c.close();
        }
    }

    @Override
    public String toString() {
        return "TokenAuth[" + credentials.user() + "]";
    }
}
