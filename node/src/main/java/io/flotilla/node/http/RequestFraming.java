package io.flotilla.node.http;

import io.flotilla.node.registry.ErrorCode;
import io.flotilla.node.registry.RegistryException;
import io.helidon.common.buffers.DataReader;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The framing of a request body is the client's to get right. Helidon 4.3.0 accepts a negative or
 * repeated {@code Content-Length}, and one beside {@code Transfer-Encoding}, which is how requests are
 * smuggled past proxies that read the framing differently; this filter refuses them before any route
 * runs (RFC 9112, section 6.3). A body that then breaks off or is mis-chunked fails while a route reads
 * it; that failure is the client's too, and is answered as such rather than as an internal error.
 */
public final class RequestFraming implements Filter {
    private static final Pattern LENGTH = Pattern.compile("\\d{1,19}");
    private static final Map<String, String> CLOSE = Map.of("Connection", "close");

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        List<String> lengths = req.headers().all(HeaderNames.CONTENT_LENGTH, List::of);
        if (lengths.size() > 1 || lengths.stream().anyMatch(v -> !LENGTH.matcher(v.strip()).matches())) {
            ErrorResponses.send(res, ErrorCode.MALFORMED_REQUEST,
                    "Content-Length must appear once, as a number", CLOSE);
            return;
        }
        if (!lengths.isEmpty() && req.headers().contains(HeaderNames.TRANSFER_ENCODING)) {
            ErrorResponses.send(res, ErrorCode.MALFORMED_REQUEST,
                    "Content-Length and Transfer-Encoding together are ambiguous", CLOSE);
            return;
        }
        req.streamFilter(WireBody::new);
        chain.proceed();
    }

    /** The body as Helidon reads it off the connection, with its framing failures made client errors. */
    private static final class WireBody extends FilterInputStream {
        WireBody(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException | RuntimeException e) {
                throw refused(e);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return super.read(buffer, offset, length);
            } catch (IOException | RuntimeException e) {
                throw refused(e);
            }
        }

        private static RegistryException refused(Exception e) {
            if (e instanceof RegistryException already) {
                return already;
            }
            if (e instanceof DataReader.InsufficientDataAvailableException || e instanceof IOException) {
                return new RegistryException(ErrorCode.SIZE_INVALID,
                        "the request body ended before its declared length", CLOSE);
            }
            return new RegistryException(ErrorCode.MALFORMED_REQUEST,
                    "the request body is not framed correctly", CLOSE);
        }
    }
}
