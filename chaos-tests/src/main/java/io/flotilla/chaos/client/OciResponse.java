package io.flotilla.chaos.client;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A response as the client received it: status, headers and the body (empty when the body was hashed while
 * streaming instead, see {@link #bodyDigest()}).
 *
 * @param bodyDigest {@code sha256:<hex>} of the body for streamed reads, else empty
 * @param bodyLength bytes received
 */
public record OciResponse(int status, HttpHeaders headers, byte[] body, Optional<String> bodyDigest, long bodyLength) {

    private static final Pattern OCI_ERROR = Pattern.compile("\\{\\s*\"errors\"\\s*:\\s*\\[\\s*\\{.*\"code\"\\s*:\\s*\"[A-Z_]+\".*",
            Pattern.DOTALL);
    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z_]+)\"");

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

    /** A 4xx or 5xx whose body is the spec's error envelope with a code. */
    public boolean isCleanOciError() {
        return status >= 400 && OCI_ERROR.matcher(text()).matches();
    }

    /** The error code of a clean OCI error ({@code BLOB_UPLOAD_UNKNOWN}, ...), else empty. */
    public Optional<String> errorCode() {
        if (!isCleanOciError()) {
            return Optional.empty();
        }
        Matcher m = CODE.matcher(text());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    @Override
    public String toString() {
        return status + " " + (body.length > 300 ? text().substring(0, 300) + "..." : text());
    }
}
