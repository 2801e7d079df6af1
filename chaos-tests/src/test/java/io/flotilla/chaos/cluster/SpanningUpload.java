package io.flotilla.chaos.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.flotilla.chaos.client.OciClient;
import io.flotilla.chaos.client.OciResponse;
import io.flotilla.chaos.generator.SeededContent;
import io.flotilla.chaos.workload.ChunkedUpload;
import java.net.URI;
import java.util.Optional;

/**
 * A chunked upload driven step by step, each step on a node the test names, with the test's assertions on
 * every answer: the steps themselves (resume from a 416's {@code Range}) are {@link ChunkedUpload}'s. After
 * {@code BLOB_UPLOAD_UNKNOWN} the upload is {@link #lost()} and every later step must say so too.
 */
final class SpanningUpload {

    private final SeededContent content;
    private final int chunk;
    private final ChunkedUpload upload;
    private boolean lost;
    private final StringBuilder steps = new StringBuilder();

    SpanningUpload(OciClient client, URI node, String repo, SeededContent content, int chunk) {
        this.content = content;
        this.chunk = chunk;
        this.upload = new ChunkedUpload(client, repo, content, client.uploadUrl(node, client.startUpload(node, repo)));
    }

    /**
     * Sends the next chunk to {@code node}. Passes on 202, on a 416 with a {@code Range} (the offset moves to
     * the server's) and on {@code BLOB_UPLOAD_UNKNOWN}; anything else fails the test.
     */
    void patch(URI node) {
        if (lost) {
            return;
        }
        long from = upload.offset();
        // Keep at least a byte for the PUT, which then carries a body as in complete().
        OciResponse res = upload.patch(node, Math.min(chunk, content.size() - from - 1));
        steps.append(' ').append(res.status());
        if (res.status() == 202) {
            assertTrue(res.header("Range").equals(Optional.of("0-" + (upload.offset() - 1))), "PATCH on " + node + ": " + res);
        } else if (ChunkedUpload.isUploadUnknown(res)) {
            lost = true;
        } else if (res.status() != 416 || res.header("Range").isEmpty()) {
            fail("PATCH at " + from + " on " + node + " answered neither 202, a 416 with Range, nor "
                    + "BLOB_UPLOAD_UNKNOWN: " + res);
        }
    }

    /**
     * Finishes the upload on {@code node}: asks the server where it stands and PUTs the rest. Answers the PUT's
     * response, or the status request's when the upload is unknown there.
     */
    OciResponse complete(URI node) {
        OciResponse status = upload.sync(node);
        if (ChunkedUpload.isUploadUnknown(status)) {
            lost = true;
            return status;
        }
        assertTrue(status.status() == 204 && status.header("Range").isPresent(), "upload status on " + node + ": " + status);
        OciResponse done = upload.complete(node);
        lost = ChunkedUpload.isUploadUnknown(done);
        return done;
    }

    /** The PATCH statuses in order, e.g. {@code " 202 416 202"}: what the client met, for the test's report. */
    String steps() {
        return steps.toString().strip();
    }

    boolean lost() {
        return lost;
    }

    long offset() {
        return upload.offset();
    }
}
