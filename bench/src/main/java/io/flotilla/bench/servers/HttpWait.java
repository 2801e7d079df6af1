package io.flotilla.bench.servers;

import io.flotilla.bench.sys.Trees;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** Waits until a freshly started server answers HTTP, and fails early if its process dies first. */
final class HttpWait {

    private HttpWait() {
    }

    /** Returns once {@code url} answers any status below 500. */
    static void until(String name, URI url, Process process, Path log, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new ServerStartException(name + " exited (status " + process.exitValue() + ") while starting: "
                        + Trees.lastLine(log));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).GET()
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() < 500) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServerStartException("interrupted while waiting for " + name);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServerStartException("interrupted while waiting for " + name);
            }
        }
        throw new ServerStartException(name + " did not answer " + url + " within " + timeout.toSeconds() + " s: "
                + Trees.lastLine(log));
    }
}
