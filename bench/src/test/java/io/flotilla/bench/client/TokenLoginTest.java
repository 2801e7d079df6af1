package io.flotilla.bench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Against a fake registry speaking Docker token auth as Flotilla does (the smoke run signs in to real nodes):
 * the realm comes from the challenge of GET /v2/, and each row's headers carry a token fetched for its scope.
 */
class TokenLoginTest {

    private final BenchCredentials admin = new BenchCredentials("admin", "pw");
    private final List<String> tokenRequests = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final URI base;
    private volatile String challenge;

    TokenLoginTest() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        challenge = "Bearer realm=\"" + base + "/service/token\",service=\"flotilla-registry\"";
        server.createContext("/v2/", ex -> {
            ex.getResponseHeaders().add("WWW-Authenticate", challenge);
            answer(ex, 401, "{}");
        });
        server.createContext("/service/token", ex -> {
            tokenRequests.add(ex.getRequestURI().getRawQuery() + " "
                    + ex.getRequestHeaders().getFirst("Authorization"));
            answer(ex, 200, "{\"token\":\"tok" + tokenRequests.size() + "\",\"expires_in\":300}");
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void eachRowGetsAFreshTokenForItsScopeFetchedWithBasicCredentials() {
        RegistryLogin login = RegistryLogin.token(base, admin);
        assertEquals(List.of("Authorization: Bearer tok1"), login.headers("repository:bench/small:pull"));
        assertEquals(List.of("Authorization: Bearer tok2"), login.headers("registry:catalog:*"));
        assertEquals(List.of(
                "service=flotilla-registry&scope=repository%3Abench%2Fsmall%3Apull " + admin.basicAuthorization(),
                "service=flotilla-registry&scope=registry%3Acatalog%3A* " + admin.basicAuthorization()),
                tokenRequests);
        assertEquals(Optional.of(admin.basicAuthorization()), login.fixtureAuthorization(), "fixtures load with Basic");
    }

    @Test
    void aRegistryWithoutTokenAuthIsAClearFailure() {
        challenge = "Basic realm=\"x\"";
        PushFailedException e = assertThrows(PushFailedException.class,
                () -> RegistryLogin.token(base, admin).headers("repository:a:pull"));
        assertTrue(e.getMessage().contains("not a Bearer challenge"), e.getMessage());
    }

    @Test
    void basicAndNoLoginSendWhatTheySay() {
        assertEquals(List.of("Authorization: Basic YWRtaW46cHc="), RegistryLogin.basic(admin).headers("any"));
        assertEquals(List.of(), RegistryLogin.none().headers("any"));
        assertEquals(Optional.empty(), RegistryLogin.none().fixtureAuthorization());
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
