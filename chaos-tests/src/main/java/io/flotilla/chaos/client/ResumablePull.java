package io.flotilla.chaos.client;

import io.flotilla.chaos.client.auth.RegistryAuth;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Pulls one blob the way a patient client does: when the connection drops mid-body, it asks for the rest with
 * {@code Range: bytes=<received>-} and hashes on, so a pull survives the node that served it going away.
 * It can read slowly, to keep a pull in flight across a fault on purpose, and be let go at full speed once the
 * fault is over.
 */
public final class ResumablePull {

    /** What a pull did: the digest of all bytes received, and how often it had to resume. */
    public record Result(String digest, long bytes, int resumes) {
    }

    private static final int BUFFER = 256 * 1024;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Retry retry;
    private final long bytesPerSecond;
    private final RegistryAuth auth;
    private volatile boolean released;

    /**
     * @param retry          bounds the attempts of each (re)request
     * @param bytesPerSecond read no faster than this; 0 reads as fast as the node sends
     * @param auth           how each (re)request signs in
     */
    public ResumablePull(Retry retry, long bytesPerSecond, RegistryAuth auth) {
        this.retry = retry;
        this.bytesPerSecond = bytesPerSecond;
        this.auth = auth;
    }

    /** From now on reads as fast as the node sends, so a pull kept slow across faults need not outlast them by much. */
    public void release() {
        released = true;
    }

    /** Pulls {@code size} bytes of {@code digest} from {@code base}; throws if it cannot finish. */
    public Result pull(URI base, String repo, String digest, long size) throws InterruptedException {
        MessageDigest sha = sha256();
        long received = 0;
        int resumes = 0;
        long start = System.nanoTime();
        URI url = base.resolve("/v2/" + repo + "/blobs/" + digest);
        while (received < size) {
            long from = received;
            HttpResponse<InputStream> res = retry.call(() -> open(url, from), r -> r.statusCode() >= 500);
            int expected = from == 0 ? 200 : 206;
            if (res.statusCode() != expected) {
                closeQuietly(res.body());
                throw new IllegalStateException("GET " + url + " from " + from + " answered " + res.statusCode());
            }
            try (InputStream in = res.body()) {
                byte[] buf = new byte[BUFFER];
                for (int n; (n = in.read(buf)) > 0; ) {
                    sha.update(buf, 0, n);
                    received += n;
                    throttle(start, received);
                }
            } catch (IOException dropped) {
                // The node went away mid-body; what arrived is hashed, ask for the rest.
            }
            if (received < size) {
                resumes++;
            }
        }
        return new Result("sha256:" + HexFormat.of().formatHex(sha.digest()), received, resumes);
    }

    private HttpResponse<InputStream> open(URI url, long from) throws IOException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).GET();
        if (from > 0) {
            req.header("Range", "bytes=" + from + "-");
        }
        return auth.send(http, req, BodyHandlers.ofInputStream());
    }

    private void throttle(long startNanos, long received) throws InterruptedException {
        if (bytesPerSecond <= 0 || released) {
            return;
        }
        long due = startNanos + received * 1_000_000_000L / bytesPerSecond;
        long ahead = due - System.nanoTime();
        if (ahead > 0) {
            Thread.sleep(Duration.ofNanos(ahead));
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // The pull fails anyway; the status says why.
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
