package io.flotilla.chaos.client;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A response as the client received it: status, headers and the body (empty when the body was hashed while
 * streaming instead, see {@link #bodyDigest()}).
 *
 * @param bodyDigest {@code sha256:<hex>} of the body for streamed reads, else empty
 * @param bodyLength bytes received
 */
public record OciResponse(int status, HttpHeaders headers, byte[] body, Optional<String> bodyDigest, long bodyLength) {

    static OciResponse of(int status, HttpHeaders headers, byte[] body) {
        return new OciResponse(status, headers, body, Optional.empty(), body.length);
    }

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** The {@code Location} header, resolved against the URL the request went to. */
    public URI location(URI requested) {
        return requested.resolve(header("Location").orElseThrow(
                () -> new IllegalStateException("no Location header in a " + status + " response: " + text())));
    }

    public Optional<String> dockerContentDigest() {
        return header("Docker-Content-Digest");
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    @Override
    public String toString() {
        return status + " " + (body.length > 300 ? text().substring(0, 300) + "..." : text());
    }
}
