package io.flotilla.node.http;

import io.flotilla.model.Digest;
import io.flotilla.node.registry.BlobReads;
import io.flotilla.storage.spi.BlobRecord;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/** {@code /v2/<name>/blobs/<digest>}: GET (with ranges), HEAD and DELETE. */
final class BlobsHttp {
    private static final int COPY_BUFFER = 1 << 20;

    private final BlobReads reads;
    private final RequestAudit audit;

    BlobsHttp(BlobReads reads, RequestAudit audit) {
        this.reads = reads;
        this.audit = audit;
    }

    void handle(OciRoute route, ServerRequest req, ServerResponse res) throws IOException {
        Digest digest = Digest.parse(route.argument());
        Method method = req.prologue().method();
        if (method == Method.GET || method == Method.HEAD) {
            fetch(route, digest, req, res, method == Method.GET);
        } else if (method == Method.DELETE) {
            reads.delete(route.repo(), digest);
            audit.changed(req, "delete", route.repo(), digest.toString());
            res.status(Status.ACCEPTED_202).header(HeaderNames.CONTENT_LENGTH, "0").send();
        } else {
            Methods.notAllowed("GET, HEAD, DELETE");
        }
    }

    private void fetch(OciRoute route, Digest digest, ServerRequest req, ServerResponse res, boolean withBody)
            throws IOException {
        BlobRecord blob = reads.stat(route.repo(), digest);
        Optional<ByteRange> range = ByteRange.parse(req.headers().first(HeaderNames.RANGE).orElse(null), blob.size());
        long offset = range.map(ByteRange::start).orElse(0L);
        long length = range.map(ByteRange::length).orElse(blob.size());
        if (!withBody) {
            headers(res, digest, blob.size(), range, length).send();
            return;
        }
        try (InputStream in = reads.open(blob, offset, length)) {
            // Read before the status line goes out, so a backend that cannot serve gets an error response,
            // not a 200 cut short.
            byte[] buffer = new byte[COPY_BUFFER];
            int n = in.readNBytes(buffer, 0, (int) Math.min(buffer.length, length));
            headers(res, digest, blob.size(), range, length);
            try (OutputStream out = res.outputStream()) {
                while (n > 0) {
                    out.write(buffer, 0, n);
                    n = in.read(buffer);
                }
            }
        }
    }

    private static ServerResponse headers(ServerResponse res, Digest digest, long size, Optional<ByteRange> range,
                                          long length) {
        res.header(HeaderNames.CONTENT_TYPE, "application/octet-stream")
                .header("Docker-Content-Digest", digest.toString())
                .header(HeaderNames.ETAG, "\"" + digest + "\"")
                .header(HeaderNames.ACCEPT_RANGES, "bytes")
                .header(HeaderNames.CONTENT_LENGTH, Long.toString(length));
        range.ifPresent(r -> res.status(Status.PARTIAL_CONTENT_206).header(HeaderNames.CONTENT_RANGE, r.contentRange(size)));
        return res;
    }
}
