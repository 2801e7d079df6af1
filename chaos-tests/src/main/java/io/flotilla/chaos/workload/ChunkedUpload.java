package io.flotilla.chaos.workload;

import io.flotilla.chaos.client.OciClient;
import io.flotilla.chaos.client.OciResponse;
import io.flotilla.chaos.generator.SeededContent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Optional;

/**
 * One chunked upload's place, kept as a careful client keeps it: the upload's URL and the offset the server last
 * confirmed. Each step names the node it goes to, so a test can spread one upload over the cluster. Every step
 * starts from the server's offset: a 416 with a {@code Range} moves there, so calling {@link #patch} again
 * resends from where the server stands. A PUT whose answer was lost may have committed, so a repeated PUT that
 * finds the upload gone counts as done if the blob is there.
 */
public final class ChunkedUpload {

    private final OciClient client;
    private final String repo;
    private final SeededContent content;
    private URI url;
    private long offset;
    private boolean putSent;

    /** An upload of {@code content} that a POST answered with {@code url}. */
    public ChunkedUpload(OciClient client, String repo, SeededContent content, URI url) {
        this.client = client;
        this.repo = repo;
        this.content = content;
        this.url = url;
    }

    /** PATCH up to {@code maxLength} bytes from the confirmed offset to {@code node}; answers what came back. */
    public OciResponse patch(URI node, long maxLength) {
        long from = offset;
        long length = Math.min(maxLength, content.size() - from);
        OciResponse res = client.patch(OciClient.on(url, node), from, length, () -> content.open(from, length));
        if (res.status() == 202) {
            offset = from + length;
            url = res.location(node);
        } else if (res.status() == 416 && res.header("Range").isPresent()) {
            offset = rangeEnd(res.header("Range").get()) + 1;
        }
        return res;
    }

    /** Asks {@code node} where the upload stands (GET on its URL) and moves there; answers the status response. */
    public OciResponse sync(URI node) {
        OciResponse res = client.status(OciClient.on(url, node));
        if (res.status() == 204 && res.header("Range").isPresent()) {
            offset = rangeEnd(res.header("Range").get()) + 1;
        }
        return res;
    }

    /**
     * PUT {@code ?digest=} to {@code node} with the bytes from the confirmed offset to the end (none once every
     * chunk is in). Answers 201 too when an earlier PUT's answer was lost but the blob is there (HEAD).
     */
    public OciResponse complete(URI node) {
        OciResponse res = client.complete(OciClient.on(url, node), content.digest(), rest());
        if (putSent && isUploadUnknown(res)) {
            OciResponse head = client.headBlob(node, repo, content.digest());
            if (head.status() == 200) {
                return new OciResponse(201, head.headers(), new byte[0], Optional.empty(), 0);
            }
        }
        putSent = true;
        return res;
    }

    /** Whether every byte has been confirmed by a PATCH. */
    public boolean done() {
        return offset == content.size();
    }

    public long offset() {
        return offset;
    }

    /** A 404 {@code BLOB_UPLOAD_UNKNOWN}: the server no longer knows the upload. */
    public static boolean isUploadUnknown(OciResponse res) {
        return res.status() == 404 && res.errorCode().equals(Optional.of("BLOB_UPLOAD_UNKNOWN"));
    }

    /** The last byte a {@code Range: 0-N} header names (asked only of uploads that hold at least a byte). */
    static long rangeEnd(String range) {
        return Long.parseLong(range.substring(range.indexOf('-') + 1));
    }

    private byte[] rest() {
        try (InputStream in = content.open(offset, content.size() - offset)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
