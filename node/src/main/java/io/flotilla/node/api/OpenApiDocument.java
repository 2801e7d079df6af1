package io.flotilla.node.api;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/v2.0/openapi.json}: the hand-written OpenAPI 3 description of the management API, served
 * as written (the gate lets anyone read it). A test keeps it and the registered routes in step.
 */
public final class OpenApiDocument implements HttpService {

    public static final String RESOURCE = "/openapi/flotilla-api.json";
    public static final String PATH = ApiGate.PREFIX + "/openapi.json";

    private final byte[] document;

    public OpenApiDocument() {
        this.document = load();
    }

    static byte[] load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(PATH, this::serve);
    }

    private void serve(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json").send(document);
    }
}
