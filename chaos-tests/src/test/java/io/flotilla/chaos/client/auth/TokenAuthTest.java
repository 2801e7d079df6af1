package io.flotilla.chaos.client.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokenAuthTest {

    private static final String MANIFEST = "/v2/a/b/manifests/latest";
    private final Credentials admin = new Credentials("admin", "right");
    private final FakeTokenRegistry registry = new FakeTokenRegistry(admin);
    private final SettableClock clock = new SettableClock();
    private final TokenAuth auth = new TokenAuth(admin, Duration.ofSeconds(5), clock);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    TokenAuthTest() throws IOException {
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void learnsTheRealmFromAPingThenSendsTheRequestOnceWithATokenForItsScope() throws Exception {
        assertEquals(200, get(MANIFEST).statusCode());
        assertEquals(List.of("GET /v2/ anonymous", "GET /token basic", "GET " + MANIFEST + " bearer"), registry.seen);
        assertEquals(List.of("repository:a/b:pull"), registry.tokenScopes);
    }

    @Test
    void anUploadBodyIsNeverSentWithoutAToken() throws Exception {
        HttpResponse<String> res = auth.send(http, HttpRequest.newBuilder(registry.base().resolve("/v2/a/b/blobs/uploads/x"))
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(new byte[4096])), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, res.statusCode());
        assertEquals(0, registry.refusedBodyBytes.get());
        assertEquals(List.of("repository:a/b:pull,push"), registry.tokenScopes);
    }

    @Test
    void aTokenServesItsScopeUntilShortlyBeforeItExpires() throws Exception {
        get(MANIFEST);
        clock.advance(Duration.ofSeconds(269));
        get(MANIFEST);
        assertEquals(1, auth.tokensFetched());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(200, get(MANIFEST).statusCode());
        assertEquals(2, auth.tokensFetched());
        get("/v2/a/b/tags/list");  // same scope, same token
        assertEquals(2, auth.tokensFetched());
    }

    @Test
    void aTokenTheRegistryRefusesIsReplacedAndTheRequestSentOnceMore() throws Exception {
        get(MANIFEST);
        registry.revokeAll();
        registry.seen.clear();
        assertEquals(200, get(MANIFEST).statusCode());
        assertEquals(List.of("GET " + MANIFEST + " bearer", "GET /token basic", "GET " + MANIFEST + " bearer"),
                registry.seen);
        registry.seen.clear();
        assertEquals(200, get(MANIFEST).statusCode(), "the new token is cached");
        assertEquals(List.of("GET " + MANIFEST + " bearer"), registry.seen);
    }

    @Test
    void aSecond401IsTheAnswerNotALoop() throws Exception {
        registry.neverGranted.add("repository:a/b:pull");
        HttpResponse<String> res = get(MANIFEST);
        assertEquals(401, res.statusCode());
        assertTrue(res.body().contains("UNAUTHORIZED"), res.body());
        assertEquals(2, registry.seen.stream().filter(s -> s.startsWith("GET " + MANIFEST)).count());
    }

    @Test
    void aTokenEndpointErrorIsATokenFetchExceptionAndTheRequestIsNotSent() throws Exception {
        registry.tokenStatus = 503;
        TokenFetchException e = assertThrows(TokenFetchException.class, () -> get(MANIFEST));
        assertTrue(e.getMessage().contains("503"), e.getMessage());
        assertTrue(registry.seen.stream().noneMatch(s -> s.startsWith("GET " + MANIFEST)), registry.seen.toString());
    }

    @Test
    void aWrongPasswordIsATokenFetchException() {
        TokenAuth wrong = new TokenAuth(new Credentials("admin", "wrong"), Duration.ofSeconds(5), clock);
        TokenFetchException e = assertThrows(TokenFetchException.class, () -> wrong.send(http,
                HttpRequest.newBuilder(registry.base().resolve(MANIFEST)), HttpResponse.BodyHandlers.ofString()));
        assertTrue(e.getMessage().contains("401"), e.getMessage());
    }

    @Test
    void anUnreachableRegistryIsATokenFetchExceptionBeforeAnythingIsSent() {
        URI nowhere = URI.create("http://127.0.0.1:1" + MANIFEST);
        assertThrows(TokenFetchException.class, () -> auth.send(http, HttpRequest.newBuilder(nowhere),
                HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void aRegistryPathOfUnknownScopeLearnsItFromTheChallenge() throws Exception {
        HttpResponse<String> res = auth.send(http, HttpRequest.newBuilder(registry.base().resolve("/v2/nothing-known")),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, res.statusCode(), "the challenge it met taught the realm, and the retry had a token");
        assertEquals(List.of("GET /v2/nothing-known anonymous", "GET /token basic", "GET /v2/nothing-known bearer"),
                registry.seen);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return auth.send(http, HttpRequest.newBuilder(registry.base().resolve(path)), HttpResponse.BodyHandlers.ofString());
    }
}
