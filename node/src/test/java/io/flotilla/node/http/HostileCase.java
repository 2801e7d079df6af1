package io.flotilla.node.http;

import io.flotilla.node.http.RawHttp.BodyMode;
import io.flotilla.node.http.RawHttp.Request;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One row of the hostile-input table: a named request and what the node must answer. A case either
 * expects an exact status and OCI error code, or (for bodies cut short) accepts that the connection
 * simply ends, as long as any answer that does come is a 4xx.
 *
 * @param allow        the {@code Allow} header a 405 must carry, or null
 * @param contentRange the {@code Content-Range} header the answer must carry, or null
 * @param range        the {@code Range} header the answer must carry, or null
 */
record HostileCase(String name, Request request, int status, String code, String allow, String contentRange,
                   String range, boolean endOrClientError) {

    @Override
    public String toString() {
        return name;
    }

    static Builder named(String name) {
        return new Builder(name);
    }

    /** Builds a case: the request first, then one of the {@code expect…} methods ends it. */
    static final class Builder {
        private final String name;
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();
        private String method = "GET";
        private String target;
        private byte[] body = new byte[0];
        private BodyMode mode = BodyMode.EXACT;
        private String allow;
        private String contentRange;
        private String range;

        private Builder(String name) {
            this.name = name;
        }

        Builder request(String method, String target) {
            this.method = method;
            this.target = target;
            return this;
        }

        Builder header(String name, String value) {
            headers.add(Map.entry(name, value));
            return this;
        }

        Builder body(byte[] body) {
            this.body = body;
            return this;
        }

        Builder body(String body) {
            return body(body.getBytes(StandardCharsets.UTF_8));
        }

        /** Sends the body with {@code Transfer-Encoding: chunked}, so no length is declared up front. */
        Builder chunked() {
            this.mode = BodyMode.CHUNKED;
            return this;
        }

        /** Declares {@code declared} bytes, sends {@code sent} and closes our side of the connection. */
        Builder truncated(long declared, byte[] sent) {
            this.mode = BodyMode.HALF_CLOSE;
            this.body = sent;
            return header("Content-Length", Long.toString(declared));
        }

        /** Sends {@code raw} after a {@code Transfer-Encoding: chunked} header, then closes our side. */
        Builder rawChunked(String raw, boolean halfClose) {
            this.mode = halfClose ? BodyMode.HALF_CLOSE : BodyMode.EXACT;
            this.body = raw.getBytes(StandardCharsets.US_ASCII);
            return header("Transfer-Encoding", "chunked");
        }

        Builder withAllow(String allow) {
            this.allow = allow;
            return this;
        }

        Builder withContentRange(String contentRange) {
            this.contentRange = contentRange;
            return this;
        }

        Builder withRange(String range) {
            this.range = range;
            return this;
        }

        HostileCase expect(int status, String code) {
            return new HostileCase(name, request(), status, code, allow, contentRange, range, false);
        }

        /** The connection may just end; if the node answers, the answer must be a 4xx. */
        HostileCase expectEndOrClientError() {
            return new HostileCase(name, request(), 0, null, null, null, null, true);
        }

        private Request request() {
            if (target == null) {
                throw new IllegalStateException(name + ": no request");
            }
            return new Request(method, target, List.copyOf(headers), body, mode);
        }
    }
}
