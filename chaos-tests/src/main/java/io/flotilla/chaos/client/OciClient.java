package io.flotilla.chaos.client;

import io.flotilla.chaos.client.auth.RegistryAuth;
import io.flotilla.chaos.generator.SeededContent;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An OCI Distribution client for tests. Every call takes the base URL of the node (or balancer) it goes to,
 * and upload calls take the upload's URL, which {@link #on(URI, URI)} re-aims at another node; so a test can
 * send each step of one upload to a different node. Calls answer what came back, errors included; only a
 * transport failure throws ({@link UncheckedIOException}), or, when no token could be had so the request was
 * not sent, {@link io.flotilla.chaos.client.auth.TokenFetchException}. Every request goes through a
 * {@link RegistryAuth}: the harness signs in with Docker token auth ({@link RegistryAuth#tokens}).
 */
public final class OciClient {

    static final String MANIFEST_ACCEPT = String.join(", ", ImageManifest.MEDIA_TYPE,
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json");

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final Duration timeout;
    private final RegistryAuth auth;

    /** A client whose requests each time out after {@code timeout} (big transfers need minutes), signed by {@code auth}. */
    public OciClient(Duration timeout, RegistryAuth auth) {
        this.timeout = timeout;
        this.auth = auth;
    }

    /** Requests time out after 5 minutes. */
    public OciClient(RegistryAuth auth) {
        this(Duration.ofMinutes(5), auth);
    }

    /** The same URL (path and query) on another node: how a test sends an upload's next step elsewhere. */
    public static URI on(URI url, URI node) {
        return node.resolve(url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
    }

    /** POST .../blobs/uploads/: 202 with the upload's Location on success. */
    public OciResponse startUpload(URI base, String repo) {
        return send(request(base, "/v2/" + repo + "/blobs/uploads/").POST(BodyPublishers.noBody()));
    }

    /** The upload URL a successful {@link #startUpload} answered, as an absolute URL. */
    public URI uploadUrl(URI base, OciResponse started) {
        if (started.status() != 202) {
            throw new IllegalStateException("upload not started: " + started);
        }
        return started.location(base);
    }

    /** PATCH one chunk at {@code offset}: 202 with {@code Range: 0-<last>} on success. */
    public OciResponse patch(URI uploadUrl, long offset, byte[] chunk) {
        return patch(uploadUrl, offset, chunk.length, BodyPublishers.ofByteArray(chunk));
    }

    /** PATCH {@code length} bytes from a stream (opened by {@code body}, as often as the client needs). */
    public OciResponse patch(URI uploadUrl, long offset, long length, Supplier<InputStream> body) {
        return patch(uploadUrl, offset, length, BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(body), length));
    }

    private OciResponse patch(URI uploadUrl, long offset, long length, BodyPublisher body) {
        return send(HttpRequest.newBuilder(uploadUrl).timeout(timeout)
                .header("Content-Type", "application/octet-stream")
                .header("Content-Range", offset + "-" + (offset + length - 1))
                .method("PATCH", body));
    }

    /** GET on the upload URL: 204 with its {@code Range}. */
    public OciResponse status(URI uploadUrl) {
        return send(HttpRequest.newBuilder(uploadUrl).timeout(timeout).GET());
    }

    /** PUT {@code ?digest=}, with an optional last chunk: 201 on success. */
    public OciResponse complete(URI uploadUrl, String digest, byte[] lastChunk) {
        String sep = uploadUrl.getRawQuery() == null ? "?" : "&";
        URI url = URI.create(uploadUrl + sep + "digest=" + URLEncoder.encode(digest, StandardCharsets.UTF_8));
        byte[] body = lastChunk == null ? new byte[0] : lastChunk;
        return send(HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/octet-stream")
                .PUT(BodyPublishers.ofByteArray(body)));
    }

    /** A whole blob in one POST and one PUT, both to {@code base}; the PUT's response (201), or the failed POST's. */
    public OciResponse pushBlob(URI base, String repo, byte[] content) {
        OciResponse started = startUpload(base, repo);
        if (started.status() != 202) {
            return started;
        }
        String digest = SeededContent.sha256(new ByteArrayInputStream(content));
        return complete(started.location(base), digest, content);
    }

    public OciResponse pushManifest(URI base, String repo, String reference, byte[] manifest, String mediaType) {
        return send(request(base, "/v2/" + repo + "/manifests/" + reference)
                .header("Content-Type", mediaType)
                .PUT(BodyPublishers.ofByteArray(manifest)));
    }

    public OciResponse getManifest(URI base, String repo, String reference) {
        return send(request(base, "/v2/" + repo + "/manifests/" + reference).header("Accept", MANIFEST_ACCEPT).GET());
    }

    /** DELETE a manifest by digest: 202 on success. */
    public OciResponse deleteManifest(URI base, String repo, String digest) {
        return send(request(base, "/v2/" + repo + "/manifests/" + digest).DELETE());
    }

    public OciResponse headBlob(URI base, String repo, String digest) {
        return send(request(base, "/v2/" + repo + "/blobs/" + digest).HEAD());
    }

    /** GET a blob into memory, with an optional {@code Range} such as {@code bytes=0-99}. */
    public OciResponse getBlob(URI base, String repo, String digest, Optional<String> range) {
        HttpRequest.Builder req = request(base, "/v2/" + repo + "/blobs/" + digest).GET();
        range.ifPresent(r -> req.header("Range", r));
        return send(req);
    }

    /** GET a blob, hashing it as it streams in (for blobs too big to hold); the response's body is empty. */
    public OciResponse getBlobDigest(URI base, String repo, String digest) {
        try {
            HttpResponse<InputStream> res = auth.send(http, request(base, "/v2/" + repo + "/blobs/" + digest).GET(),
                    BodyHandlers.ofInputStream());
            CountingStream counted = new CountingStream(res.body());
            String actual = SeededContent.sha256(counted);
            return new OciResponse(res.statusCode(), res.headers(), new byte[0], Optional.of(actual), counted.count());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Any GET, e.g. {@code /metrics}. */
    public OciResponse get(URI base, String path) {
        return send(request(base, path).GET());
    }

    private HttpRequest.Builder request(URI base, String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
    }

    private OciResponse send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> res = auth.send(http, request, BodyHandlers.ofByteArray());
            return OciResponse.of(res.statusCode(), res.headers(), res.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Counts the bytes read through it. */
    private static final class CountingStream extends FilterInputStream {
        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        long count() {
            return count;
        }
    }
}
