package io.flotilla.chaos.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.flotilla.chaos.client.OciClient;
import io.flotilla.chaos.client.OciResponse;
import io.flotilla.chaos.generator.SeededContent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Optional;

/**
 * A chunked upload driven step by step, each step on a node the test names, as a client that keeps its
 * place would: after a 416 it resumes from the server's {@code Range}; after {@code BLOB_UPLOAD_UNKNOWN}
 * the upload is {@link #lost()} and every later step must say so too.
 */
final class SpanningUpload {

    private final OciClient client;
    private final SeededContent content;
    private final int chunk;
    private URI url;
    private long offset;
    private boolean lost;
    private final StringBuilder steps = new StringBuilder();

    SpanningUpload(OciClient client, URI node, String repo, SeededContent content, int chunk) {
        this.client = client;
        this.content = content;
        this.chunk = chunk;
        this.url = client.uploadUrl(node, client.startUpload(node, repo));
    }

    /**
     * Sends the next chunk to {@code node}. Passes on 202, on a 416 with a {@code Range} (the offset moves to
     * the server's) and on {@code BLOB_UPLOAD_UNKNOWN}; anything else fails the test.
     */
    void patch(URI node) {
        if (lost) {
            return;
        }
        long from = offset;
        long length = Math.min(chunk, content.size() - from - 1);  // keep at least a byte for the PUT
        OciResponse res = client.patch(OciClient.on(url, node), from, length, () -> content.open(from, length));
        steps.append(' ').append(res.status());
        if (res.status() == 202) {
            offset = from + length;
            url = res.location(node);
            assertTrue(res.header("Range").equals(Optional.of("0-" + (offset - 1))), "PATCH on " + node + ": " + res);
        } else if (res.status() == 416 && res.header("Range").isPresent()) {
            offset = rangeEnd(res.header("Range").get()) + 1;
        } else if (isUnknown(res)) {
            lost = true;
        } else {
            fail("PATCH at " + from + " on " + node + " answered neither 202, a 416 with Range, nor "
                    + "BLOB_UPLOAD_UNKNOWN: " + res);
        }
    }

    /**
     * Finishes the upload on {@code node}: asks the server where it stands and PUTs the rest. Answers the PUT's
     * response, or the status request's when the upload is unknown there.
     */
    OciResponse complete(URI node) {
        OciResponse status = client.status(OciClient.on(url, node));
        if (isUnknown(status)) {
            lost = true;
            return status;
        }
        assertTrue(status.status() == 204 && status.header("Range").isPresent(), "upload status on " + node + ": " + status);
        long from = rangeEnd(status.header("Range").get()) + 1;
        byte[] rest;
        try (InputStream in = content.open(from, content.size() - from)) {
            rest = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        OciResponse done = client.complete(OciClient.on(url, node), content.digest(), rest);
        lost = isUnknown(done);
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
        return offset;
    }

    static boolean isUnknown(OciResponse res) {
        return res.status() == 404 && Clusters.ociErrorCode(res).equals(Optional.of("BLOB_UPLOAD_UNKNOWN"));
    }

    /** The last byte a {@code Range: 0-N} header names (this test's uploads are never empty when asked). */
    private static long rangeEnd(String range) {
        return Long.parseLong(range.substring(range.indexOf('-') + 1));
    }
}
