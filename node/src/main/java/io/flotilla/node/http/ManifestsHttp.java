package io.flotilla.node.http;

import io.flotilla.model.Reference;
import io.flotilla.node.registry.ErrorCode;
import io.flotilla.node.registry.Manifests;
import io.flotilla.node.registry.RegistryException;
import io.flotilla.storage.spi.ManifestRecord;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;

/** {@code /v2/<name>/manifests/<reference>}: GET, HEAD, PUT and DELETE. */
final class ManifestsHttp {
    private final Manifests manifests;
    private final Urls urls;
    private final RequestAudit audit;

    ManifestsHttp(Manifests manifests, Urls urls, RequestAudit audit) {
        this.manifests = manifests;
        this.urls = urls;
        this.audit = audit;
    }

    void handle(OciRoute route, ServerRequest req, ServerResponse res) throws IOException {
        Reference reference = Reference.parse(route.argument());
        Method method = req.prologue().method();
        if (method == Method.GET || method == Method.HEAD) {
            ManifestRecord m = manifests.get(route.repo(), reference);
            res.header(HeaderNames.CONTENT_TYPE, m.contentType())
                    .header("Docker-Content-Digest", m.digest().toString())
                    .header(HeaderNames.ETAG, "\"" + m.digest() + "\"")
                    .header(HeaderNames.CONTENT_LENGTH, Long.toString(m.size()));
            if (method == Method.GET) {
                audit.pulled(req, route.repo(), route.argument());
                res.send(m.content());
            } else {
                res.send();
            }
        } else if (method == Method.PUT) {
            byte[] body = readBounded(req, manifests.maxBytes());
            String contentType = req.headers().first(HeaderNames.CONTENT_TYPE).orElse(null);
            ManifestRecord m = manifests.put(route.repo(), reference, contentType, body);
            res.status(Status.CREATED_201)
                    .header(HeaderNames.LOCATION, urls.manifest(route.repo(), m.digest()))
                    .header("Docker-Content-Digest", m.digest().toString())
                    .header(HeaderNames.CONTENT_LENGTH, "0");
            if (m.subject() != null) {
                res.header("OCI-Subject", m.subject().toString());
            }
            audit.changed(req, "push", route.repo(), route.argument() + "@" + m.digest());
            res.send();
        } else if (method == Method.DELETE) {
            manifests.delete(route.repo(), reference);
            audit.changed(req, "delete", route.repo(), route.argument());
            res.status(Status.ACCEPTED_202).header(HeaderNames.CONTENT_LENGTH, "0").send();
        } else {
            Methods.notAllowed("GET, HEAD, PUT, DELETE");
        }
    }

    /** Reads at most {@code max} bytes, refusing larger bodies before or while reading them. */
    private static byte[] readBounded(ServerRequest req, int max) throws IOException {
        OptionalLong declared = req.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > max) {
            throw tooLarge(max);
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] body = in.readNBytes(max + 1);
            if (body.length > max) {
                throw tooLarge(max);
            }
            return body;
        }
    }

    private static RegistryException tooLarge(int max) {
        return new RegistryException(ErrorCode.MANIFEST_TOO_LARGE, "manifests are limited to " + max + " bytes");
    }
}
