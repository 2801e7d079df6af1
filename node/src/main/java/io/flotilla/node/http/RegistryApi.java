package io.flotilla.node.http;

import io.flotilla.node.registry.Registry;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;

/**
 * Everything under {@code /v2}. OCI paths carry multi-segment names that a route template cannot
 * express, so one parser ({@link OciRoute}) decides the resource and this class hands the request to
 * the class that serves it.
 */
public final class RegistryApi implements HttpService {
    private final BlobsHttp blobs;
    private final UploadsHttp uploads;
    private final ManifestsHttp manifests;
    private final ListingsHttp listings;

    public RegistryApi(Registry registry, Urls urls, RequestAudit audit) {
        this.blobs = new BlobsHttp(registry.blobs(), audit);
        this.uploads = new UploadsHttp(registry.uploads(), registry.blobs(), urls);
        this.manifests = new ManifestsHttp(registry.manifests(), urls, audit);
        this.listings = new ListingsHttp(registry.listings(), urls);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.any("/v2", this::handle).any("/v2/*", this::handle);
    }

    private void handle(ServerRequest req, ServerResponse res) throws IOException {
        res.header("Docker-Distribution-API-Version", "registry/2.0");
        OciRoute route = OciRoute.parse(req.path().absolute().rawPathNoParams());
        switch (route.kind()) {
            case BASE -> base(req, res);
            case CATALOG -> listings.catalog(req, res);
            case TAGS -> listings.tags(route, req, res);
            case REFERRERS -> listings.referrers(route, req, res);
            case MANIFEST -> manifests.handle(route, req, res);
            case BLOB -> blobs.handle(route, req, res);
            case UPLOADS -> uploads.handleCollection(route, req, res);
            case UPLOAD -> uploads.handleOne(route, req, res);
        }
    }

    private static void base(ServerRequest req, ServerResponse res) {
        if (req.prologue().method() != Method.GET && req.prologue().method() != Method.HEAD) {
            Methods.notAllowed("GET, HEAD");
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/json").send("{}".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
