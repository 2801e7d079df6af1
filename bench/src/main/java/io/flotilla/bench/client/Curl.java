package io.flotilla.bench.client;

import io.flotilla.bench.sys.Command;
import io.flotilla.bench.sys.CommandFailedException;
import io.flotilla.bench.sys.Exec;
import io.flotilla.bench.sys.Processes;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * curl, one process per request, timed by curl itself ({@code %{time_total}}), so process start-up is never in
 * a number. Uploads stream from a file with {@code -T} and no {@code Expect: 100-continue} round trip.
 */
public final class Curl {
    private final Processes processes;
    private final Duration timeout;

    public Curl(Processes processes, Duration timeout) {
        this.processes = processes;
        this.timeout = timeout;
    }

    /**
     * One POST, PUT, PATCH or GET (not HEAD: {@code -X HEAD} makes curl wait for a body); {@code body} (a file)
     * may be null. The response body is discarded.
     */
    public CurlResult request(String method, URI url, Path body, List<String> headers) {
        List<String> argv = base();
        argv.addAll(List.of("-o", "/dev/null", "-w", CurlResult.WRITE_OUT, "-X", method));
        if (body != null) {
            argv.addAll(List.of("-T", body.toString(), "-H", "Expect:"));
        } else if (!method.equals("GET")) {
            argv.addAll(List.of("-H", "Content-Length: 0"));
        }
        headers.forEach(h -> argv.addAll(List.of("-H", h)));
        argv.add(url.toString());
        return parse(processes.run(Command.of(argv), timeout));
    }

    /**
     * A GET whose body is discarded, following redirects (a registry may redirect a blob to its storage; curl
     * sends {@code headers} such as Authorization to the first host only).
     */
    public CurlResult download(URI url, List<String> headers) {
        List<String> argv = base();
        argv.addAll(List.of("-L", "-o", "/dev/null", "-w", CurlResult.WRITE_OUT));
        headers.forEach(h -> argv.addAll(List.of("-H", h)));
        argv.add(url.toString());
        return parse(processes.run(Command.of(argv), timeout));
    }

    /** The SHA-256 of the body a GET answers, piped from curl as it arrives: {@code sha256:<hex>}. */
    public String sha256(URI url, List<String> headers) {
        MessageDigest sha = sha256();
        List<String> argv = base();
        argv.addAll(List.of("-L", "-f"));
        headers.forEach(h -> argv.addAll(List.of("-H", h)));
        argv.add(url.toString());
        Exec exec = processes.pipe(Command.of(argv), timeout,
                new DigestOutputStream(OutputStream.nullOutputStream(), sha));
        if (!exec.ok()) {
            throw new CommandFailedException("curl GET " + url + " for verification exited " + exec.exitCode()
                    + ": " + exec.lastWords());
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    private List<String> base() {
        return new ArrayList<>(List.of("curl", "-s", "-S", "-m", Long.toString(timeout.toSeconds())));
    }

    private static CurlResult parse(Exec exec) {
        if (!exec.ok()) {
            throw new CommandFailedException("curl exited " + exec.exitCode() + ": " + exec.lastWords());
        }
        return CurlResult.parse(exec.stdout());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
