package io.flotilla.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.node.api.OpenApiDocument;
import io.flotilla.node.api.GcApi;
import io.flotilla.node.config.ConfigLoader;
import io.flotilla.node.config.FlotillaConfig;
import io.flotilla.node.http.Urls;
import io.flotilla.storage.spi.MetadataStore;
import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRoute;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenAPI document and the routes cannot drift apart: every route the management API's services (as
 * {@link AccessControl} assembles them), the garbage-collection API and the token endpoint register is in the
 * document, and every operation
 * the document describes is registered. Here, not beside the API, because it reads what AccessControl wires.
 */
class ManagementApiDocumentTest {

    @TempDir
    Path data;

    @Test
    void everyRegisteredRouteIsDocumentedAndEveryDocumentedOneRegistered() throws IOException {
        Set<String> registered = registeredRoutes();
        Set<String> documented = documentedRoutes();
        assertTrue(registered.size() > 20, registered.toString());
        Set<String> undocumented = new TreeSet<>(registered);
        undocumented.removeAll(documented);
        Set<String> unserved = new TreeSet<>(documented);
        unserved.removeAll(registered);
        assertEquals(Set.of(), undocumented, "routes missing from " + OpenApiDocument.RESOURCE);
        assertEquals(Set.of(), unserved, "documented operations no service registers");
    }

    private Set<String> registeredRoutes() throws IOException {
        // OIDC on (its provider is contacted only when a login begins), so its routes are registered too.
        FlotillaConfig config = new ConfigLoader().set("storage.data-dir", data.toString())
                .set("auth.oidc.issuer", "http://127.0.0.1:9/realms/none").set("auth.oidc.client-id", "flotilla").load();
        Recorder recorder = new Recorder();
        try (MetadataStore store = Backends.metadata(config);
             AccessControl access = new AccessControl(config, store, new Urls(""), Optional.empty(), Clock.systemUTC())) {
            access.api().services().forEach(s -> s.routing(recorder));
            access.http().tokens().routing(recorder);
            new GcApi(null, store, GcApi::systemAdmin, null).routing(recorder);
        }
        return recorder.routes;
    }

    private static Set<String> documentedRoutes() throws IOException {
        JsonNode doc;
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(OpenApiDocument.RESOURCE)) {
            doc = new ObjectMapper().readTree(in);
        }
        Set<String> routes = new TreeSet<>();
        for (Iterator<String> paths = doc.get("paths").fieldNames(); paths.hasNext(); ) {
            String path = paths.next();
            for (Iterator<String> keys = doc.get("paths").get(path).fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!key.equals("parameters")) {
                    routes.add(key.toUpperCase(Locale.ROOT) + " " + normalised(path));
                }
            }
        }
        return routes;
    }

    /** Parameter names differ ({name} in code, {project_name} in the document); only their places matter. */
    private static String normalised(String path) {
        return path.replaceAll("\\{[^}]+}", "{}");
    }

    /** Rules that only note what is registered. */
    private static final class Recorder implements HttpRules {
        final Set<String> routes = new TreeSet<>();

        @Override
        public HttpRules route(Method method, String pathPattern, Handler handler) {
            routes.add(method.text() + " " + normalised(pathPattern));
            return this;
        }

        @Override
        public HttpRules register(HttpService... services) {
            throw new UnsupportedOperationException("a nested service would escape the check");
        }

        @Override
        public HttpRules register(String pathPattern, HttpService... services) {
            throw new UnsupportedOperationException("a nested service would escape the check");
        }

        @Override
        public HttpRules route(HttpRoute route) {
            throw new UnsupportedOperationException("a route without a path pattern would escape the check");
        }
    }
}
