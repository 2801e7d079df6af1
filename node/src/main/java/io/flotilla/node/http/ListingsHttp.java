package io.flotilla.node.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flotilla.model.Descriptor;
import io.flotilla.model.Digest;
import io.flotilla.model.MediaTypes;
import io.flotilla.model.RepositoryName;
import io.flotilla.model.Tag;
import io.flotilla.node.registry.Listings;
import io.flotilla.node.registry.Page;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;

/**
 * The read-only listings: {@code /v2/<name>/tags/list}, {@code /v2/_catalog} (both paged by {@code n}
 * and {@code last} with a {@code Link} header) and {@code /v2/<name>/referrers/<digest>}.
 */
final class ListingsHttp {
    private final Listings listings;
    private final Urls urls;

    ListingsHttp(Listings listings, Urls urls) {
        this.listings = listings;
        this.urls = urls;
    }

    void tags(OciRoute route, ServerRequest req, ServerResponse res) {
        requireGet(req);
        Paging paging = Paging.of(req.query());
        Tag last = paging.last() == null ? null : Tag.parse(paging.last());
        Page<String> page = listings.tags(route.repo(), last, paging.n());
        ObjectNode body = Json.object();
        body.put("name", route.repo().value());
        addAll(body.putArray("tags"), page.items());
        sendPage(res, body, page, paging, "/v2/" + route.repo() + "/tags/list");
    }

    void catalog(ServerRequest req, ServerResponse res) {
        requireGet(req);
        Paging paging = Paging.of(req.query());
        RepositoryName last = paging.last() == null ? null : RepositoryName.parse(paging.last());
        Page<String> page = listings.repositories(last, paging.n(), CallerRights.of(req)::mayPull);
        ObjectNode body = Json.object();
        addAll(body.putArray("repositories"), page.items());
        sendPage(res, body, page, paging, "/v2/_catalog");
    }

    void referrers(OciRoute route, ServerRequest req, ServerResponse res) {
        requireGet(req);
        Digest subject = Digest.parse(route.argument());
        String artifactType = req.query().contains("artifactType") ? req.query().get("artifactType") : null;
        List<Descriptor> found = listings.referrers(route.repo(), subject, artifactType);
        ObjectNode index = Json.object();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        ArrayNode manifests = index.putArray("manifests");
        for (Descriptor d : found) {
            ObjectNode entry = manifests.addObject();
            entry.put("mediaType", d.mediaType());
            entry.put("digest", d.digest().toString());
            entry.put("size", d.size());
            if (d.artifactType() != null) {
                entry.put("artifactType", d.artifactType());
            }
            if (!d.annotations().isEmpty()) {
                ObjectNode annotations = entry.putObject("annotations");
                d.annotations().forEach(annotations::put);
            }
        }
        if (artifactType != null) {
            res.header("OCI-Filters-Applied", "artifactType");
        }
        res.header(HeaderNames.CONTENT_TYPE, MediaTypes.OCI_INDEX).send(Json.bytes(index));
    }

    private void sendPage(ServerResponse res, ObjectNode body, Page<String> page, Paging paging, String path) {
        if (page.more()) {
            res.header(HeaderNames.LINK, urls.nextPage(path, paging.n(), page.items().getLast()));
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/json").send(Json.bytes(body));
    }

    private static void addAll(ArrayNode array, List<String> items) {
        items.forEach(array::add);
    }

    private static void requireGet(ServerRequest req) {
        Method method = req.prologue().method();
        if (method != Method.GET && method != Method.HEAD) {
            Methods.notAllowed("GET, HEAD");
        }
    }
}
