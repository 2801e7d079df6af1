package io.flotilla.node.http;

import io.flotilla.model.Digest;
import io.flotilla.model.RepositoryName;
import io.flotilla.node.registry.BlobReads;
import io.flotilla.node.registry.Chunk;
import io.flotilla.node.registry.ErrorCode;
import io.flotilla.node.registry.RegistryException;
import io.flotilla.node.registry.Uploads;
import io.flotilla.storage.spi.UploadRecord;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /v2/<name>/blobs/uploads/}: POST (start, monolithic with {@code digest}, or mount with
 * {@code mount}+{@code from}); and {@code .../uploads/<id>}: PATCH, PUT, GET (status) and DELETE.
 */
final class UploadsHttp {
    private static final Pattern UPLOAD_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern CONTENT_RANGE = Pattern.compile("(?:bytes[ =])?(\\d{1,19})-(\\d{1,19})");

    private final Uploads uploads;
    private final BlobReads reads;
    private final Urls urls;

    UploadsHttp(Uploads uploads, BlobReads reads, Urls urls) {
        this.uploads = uploads;
        this.reads = reads;
        this.urls = urls;
    }

    void handleCollection(OciRoute route, ServerRequest req, ServerResponse res) {
        if (req.prologue().method() != Method.POST) {
            Methods.notAllowed("POST");
        }
        RepositoryName repo = route.repo();
        if (req.query().contains("mount")) {
            Digest digest = Digest.parse(req.query().get("mount"));
            // A caller that may not read the source gets a plain upload session, as if the blob were not there.
            RepositoryName from = req.query().contains("from") ? RepositoryName.parse(req.query().get("from")) : null;
            if (from != null && CallerRights.of(req).mayPull(from) && reads.mount(repo, from, digest)) {
                created(res, repo, digest);
                return;
            }
        } else if (req.query().contains("digest")) {
            Digest digest = Digest.parse(req.query().get("digest"));
            monolithic(repo, digest, req, res);
            return;
        }
        UploadRecord upload = uploads.start(repo);
        accepted(res, upload, Status.ACCEPTED_202);
    }

    void handleOne(OciRoute route, ServerRequest req, ServerResponse res) {
        String id = route.argument();
        if (!UPLOAD_ID.matcher(id).matches()) {
            throw new RegistryException(ErrorCode.BLOB_UPLOAD_UNKNOWN, "no upload has that id");
        }
        Method method = req.prologue().method();
        RepositoryName repo = route.repo();
        if (method == Method.PATCH) {
            accepted(res, uploads.append(repo, id, chunk(req)), Status.ACCEPTED_202);
        } else if (method == Method.PUT) {
            if (!req.query().contains("digest")) {
                throw new RegistryException(ErrorCode.DIGEST_INVALID, "the digest parameter is required");
            }
            Digest digest = Digest.parse(req.query().get("digest"));
            uploads.complete(repo, id, digest, chunk(req));
            created(res, repo, digest);
        } else if (method == Method.GET) {
            accepted(res, uploads.status(repo, id), Status.NO_CONTENT_204);
        } else if (method == Method.DELETE) {
            uploads.cancel(repo, id);
            res.status(Status.NO_CONTENT_204).send();
        } else {
            Methods.notAllowed("GET, PATCH, PUT, DELETE");
        }
    }

    /** A single POST carrying the whole blob: staged and committed as one upload, or nothing remains. */
    private void monolithic(RepositoryName repo, Digest digest, ServerRequest req, ServerResponse res) {
        UploadRecord upload = uploads.start(repo);
        try {
            uploads.complete(repo, upload.id(), digest, chunk(req));
        } catch (RuntimeException e) {
            try {
                uploads.cancel(repo, upload.id());
            } catch (RuntimeException ignored) {
                // the janitor removes it when it expires
            }
            throw e;
        }
        created(res, repo, digest);
    }

    private static Chunk chunk(ServerRequest req) {
        String header = req.headers().first(HeaderNames.CONTENT_RANGE).orElse(null);
        if (header == null) {
            return Chunk.unranged(req.content().inputStream());
        }
        Matcher m = CONTENT_RANGE.matcher(header.strip());
        if (!m.matches()) {
            throw new RegistryException(ErrorCode.BLOB_UPLOAD_INVALID, "Content-Range must be <start>-<end>");
        }
        long start;
        long end;
        try {
            start = Long.parseLong(m.group(1));
            end = Long.parseLong(m.group(2));
        } catch (NumberFormatException e) {
            throw new RegistryException(ErrorCode.BLOB_UPLOAD_INVALID, "Content-Range lies beyond any blob");
        }
        if (end < start) {
            throw new RegistryException(ErrorCode.BLOB_UPLOAD_INVALID, "Content-Range ends before it starts");
        }
        OptionalLong declared = req.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() != end - start + 1) {
            throw new RegistryException(ErrorCode.SIZE_INVALID, "Content-Range covers " + (end - start + 1)
                    + " bytes but Content-Length is " + declared.getAsLong());
        }
        return new Chunk(req.content().inputStream(), start, end);
    }

    private void accepted(ServerResponse res, UploadRecord upload, Status status) {
        res.status(status)
                .header(HeaderNames.LOCATION, urls.upload(upload.repo(), upload.id()))
                .header(HeaderNames.RANGE, Uploads.rangeHeader(upload.size()))
                .header("Docker-Upload-UUID", upload.id())
                .header(HeaderNames.CONTENT_LENGTH, "0")
                .send();
    }

    private void created(ServerResponse res, RepositoryName repo, Digest digest) {
        res.status(Status.CREATED_201)
                .header(HeaderNames.LOCATION, urls.blob(repo, digest))
                .header("Docker-Content-Digest", digest.toString())
                .header(HeaderNames.CONTENT_LENGTH, "0")
                .send();
    }
}
