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
    private static final int COPY_BUFFER = 256 * 1024;

    private final BlobReads reads;

    BlobsHttp(BlobReads reads) {
        this.reads = reads;
    }

    void handle(OciRoute route, ServerRequest req, ServerResponse res) throws IOException {
        Digest digest = Digest.parse(route.argument());
        Method method = req.prologue().method();
        if (method == Method.GET || method == Method.HEAD) {
            fetch(route, digest, req, res, method == Method.GET);
        } else if (method == Method.DELETE) {
            reads.delete(route.repo(), digest);
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
        res.header(HeaderNames.CONTENT_TYPE, "application/octet-stream")
                .header("Docker-Content-Digest", digest.toString())
                .header(HeaderNames.ETAG, "\"" + digest + "\"")
                .header(HeaderNames.ACCEPT_RANGES, "bytes")
                .header(HeaderNames.CONTENT_LENGTH, Long.toString(length));
        if (range.isPresent()) {
            res.status(Status.PARTIAL_CONTENT_206).header(HeaderNames.CONTENT_RANGE, range.get().contentRange(blob.size()));
        }
        if (!withBody) {
            res.send();
            return;
        }
        try (InputStream in = reads.open(blob, offset, length); OutputStream out = res.outputStream()) {
            byte[] buffer = new byte[COPY_BUFFER];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
            }
        }
    }
}
