package io.flotilla.node.auth.http;

import io.flotilla.node.auth.PublishedKeys;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.nio.charset.StandardCharsets;

/**
 * {@code GET /service/jwks}: every node's public signing keys as a JWK Set, for services that verify
 * Flotilla's tokens themselves. Public keys only; anyone may read it.
 */
public final class JwksHttp implements HttpService {

    private final PublishedKeys keys;

    public JwksHttp(PublishedKeys keys) {
        this.keys = keys;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/service/jwks", this::get);
    }

    private void get(ServerRequest req, ServerResponse res) {
        String body = "{\"keys\":[" + String.join(",", keys.all()) + "]}";
        res.header(HeaderNames.CONTENT_TYPE, "application/jwk-set+json")
                .send(body.getBytes(StandardCharsets.UTF_8));
    }
}
