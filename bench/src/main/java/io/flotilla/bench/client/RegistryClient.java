package io.flotilla.bench.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The distribution API calls the fixtures need, over java.net.http: nothing here is timed, so the client's
 * own speed does not matter. A 503 or 429 (a registry asking to retry, such as Flotilla when writers contend
 * for one blob's row) is retried after a short pause, as clients do, and counted; any other unexpected status
 * fails with {@link PushFailedException}. Every request carries the login's fixture credentials (Basic), if any.
 */
public final class RegistryClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int ATTEMPTS = 20;

    private final URI base;
    private final Optional<String> authorization;
    private final HttpClient http;
    private final AtomicLong retried = new AtomicLong();
    private final AtomicReference<String> firstRetry = new AtomicReference<>("");

    public RegistryClient(RegistryEndpoint registry) {
        this.base = registry.base();
        this.authorization = registry.login().fixtureAuthorization();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** A monolithic upload: POST, then PUT of the bytes with the digest. */
    public void pushBlob(String repo, byte[] bytes, String digest) {
        HttpResponse<String> post = send(HttpRequest.newBuilder(url("/v2/" + repo + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()), 202, "POST blobs/uploads/ in " + repo);
        finishUpload(post, bytes, digest, repo);
    }

    /**
     * Mounts a blob from another repository (201). A registry that cannot mount answers 202 with an upload
     * session instead; the blob is then uploaded into it. Answers whether the mount took.
     */
    public boolean mount(String repo, String from, String digest, byte[] bytes) {
        HttpResponse<String> post = send(HttpRequest.newBuilder(
                url("/v2/" + repo + "/blobs/uploads/?mount=" + digest + "&from=" + from))
                .POST(HttpRequest.BodyPublishers.noBody()), -1, "mount into " + repo);
        if (post.statusCode() == 201) {
            return true;
        }
        if (post.statusCode() != 202) {
            throw new PushFailedException("mount of " + digest + " into " + repo + " answered " + post.statusCode());
        }
        finishUpload(post, bytes, digest, repo);
        return false;
    }

    public void putManifest(String repo, String reference, byte[] manifest, String mediaType) {
        send(HttpRequest.newBuilder(url("/v2/" + repo + "/manifests/" + reference))
                .header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)), 201, "PUT manifest " + repo + ":" + reference);
    }

    /** A GET that must answer 200; {@code accept} may be null. */
    public HttpResponse<String> get(String pathAndQuery, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url(pathAndQuery)).GET();
        if (accept != null) {
            b.header("Accept", accept);
        }
        return send(b, 200, "GET " + pathAndQuery);
    }

    public URI url(String pathAndQuery) {
        return base.resolve(pathAndQuery);
    }

    private void finishUpload(HttpResponse<String> started, byte[] bytes, String digest, String repo) {
        Optional<String> location = started.headers().firstValue("Location");
        URI upload = Locations.withDigest(Locations.resolve(base, location.orElse(null)), digest);
        send(HttpRequest.newBuilder(upload).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)), 201, "PUT blob " + digest + " into " + repo);
    }

    /** How many requests answered 503 or 429 and were sent again. */
    public long retried() {
        return retried.get();
    }

    /** What the first retried answer said, or empty. */
    public String firstRetry() {
        return firstRetry.get();
    }

    private HttpResponse<String> send(HttpRequest.Builder request, int expected, String what) {
        try {
            authorization.ifPresent(a -> request.header("Authorization", a));
            HttpRequest built = request.timeout(TIMEOUT).build();
            HttpResponse<String> r = http.send(built, HttpResponse.BodyHandlers.ofString());
            for (int attempt = 1; attempt < ATTEMPTS && (r.statusCode() == 503 || r.statusCode() == 429); attempt++) {
                retried.incrementAndGet();
                firstRetry.compareAndSet("", r.statusCode() + " " + brief(r.body()));
                Thread.sleep(ThreadLocalRandom.current().nextLong(10, 20L * attempt + 11));
                r = http.send(built, HttpResponse.BodyHandlers.ofString());
            }
            if (expected > 0 && r.statusCode() != expected) {
                throw new PushFailedException(what + " answered " + r.statusCode() + ", not " + expected + ": "
                        + brief(r.body()));
            }
            return r;
        } catch (IOException e) {
            throw new PushFailedException(what + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PushFailedException(what + " was interrupted");
        }
    }

    private static String brief(String body) {
        String b = body.strip();
        return b.length() > 200 ? b.substring(0, 200) + "..." : b;
    }
}
