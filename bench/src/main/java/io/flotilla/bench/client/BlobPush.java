package io.flotilla.bench.client;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Pushes a blob as a registry client does, with curl, and answers how long it took: the sum of curl's own
 * total time over every request of the push. Monolithic: POST a session, then PUT the whole blob with
 * {@code ?digest=}. Chunked: POST, one PATCH per chunk with its Content-Range, then an empty PUT with the
 * digest. Each step follows the Location the previous one answered.
 */
public final class BlobPush {
    private static final List<String> OCTETS = List.of("Content-Type: application/octet-stream");

    private final Curl curl;

    public BlobPush(Curl curl) {
        this.curl = curl;
    }

    /**
     * Pushes {@code blob} into {@code repo} of the registry at {@code base}, sending {@code auth} (the
     * Authorization header, or nothing) with every request; answers the seconds it took.
     */
    public double push(URI base, String repo, BlobFile blob, List<String> auth) {
        URI start = base.resolve("/v2/" + repo + "/blobs/uploads/");
        CurlResult post = curl.request("POST", start, null, auth);
        expect(post, 202, "POST " + start.getPath());
        double seconds = post.seconds();
        URI upload = Locations.resolve(base, post.location());
        if (!blob.chunked()) {
            CurlResult put = curl.request("PUT", Locations.withDigest(upload, blob.digest()), blob.file(),
                    with(auth, OCTETS.getFirst()));
            expect(put, 201, "PUT with the blob");
            expectUploaded(put, size(blob.file()));
            return seconds + put.seconds();
        }
        long offset = 0;
        for (Path part : blob.parts()) {
            long length = size(part);
            CurlResult patch = curl.request("PATCH", upload, part, with(auth, OCTETS.getFirst(),
                    "Content-Range: " + offset + "-" + (offset + length - 1)));
            expect(patch, 202, "PATCH of bytes " + offset + "-" + (offset + length - 1));
            expectUploaded(patch, length);
            seconds += patch.seconds();
            offset += length;
            upload = Locations.resolve(base, patch.location());
        }
        CurlResult put = curl.request("PUT", Locations.withDigest(upload, blob.digest()), null, auth);
        expect(put, 201, "closing PUT");
        return seconds + put.seconds();
    }

    private static List<String> with(List<String> auth, String... headers) {
        List<String> all = new java.util.ArrayList<>(auth);
        all.addAll(List.of(headers));
        return all;
    }

    private static void expect(CurlResult r, int status, String step) {
        if (r.status() != status) {
            throw new PushFailedException(step + " answered " + r.status() + ", not " + status);
        }
    }

    private static void expectUploaded(CurlResult r, long bytes) {
        if (r.uploaded() != bytes) {
            throw new PushFailedException("curl sent " + r.uploaded() + " of " + bytes + " bytes");
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
