package io.flotilla.node.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A deliberately naive HTTP/1.1 client over a plain socket, for requests that {@code HttpClient} refuses
 * to send: raw non-ASCII or dot-segment paths, a {@code Content-Length} that lies, a body cut short. It
 * sends exactly what it is given, one request per connection ({@code Connection: close}).
 *
 * <p>The body is written from a second thread while this one reads the answer, so a server that answers
 * before reading the whole body (a 413, say) is seen answering rather than as a failed write.
 */
final class RawHttp {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_BODY = 8 * 1024 * 1024;

    /** What a request sends after its head. */
    enum BodyMode {
        /** The bytes as they are, with a true {@code Content-Length} unless the request sets its own. */
        EXACT,
        /** The bytes in chunked transfer encoding (two chunks, to exercise the decoder). */
        CHUNKED,
        /** The bytes, then the end of our side of the connection, whatever {@code Content-Length} said. */
        HALF_CLOSE
    }

    /** One request, as bytes-to-be. {@code headers} are sent in order, after Host and Connection. */
    record Request(String method, String target, List<Map.Entry<String, String>> headers, byte[] body, BodyMode mode) {
        boolean hasHeader(String name) {
            return headers.stream().anyMatch(h -> h.getKey().equalsIgnoreCase(name));
        }
    }

    /** A response; header names are lower-cased, and each keeps every value it was sent with. */
    record Response(int status, Map<String, List<String>> headers, byte[] body) {
        Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final int port;
    private final String authorization;

    /** @param authorization sent with every request that sets no Authorization header itself */
    RawHttp(int port, String authorization) {
        this.port = port;
        this.authorization = authorization;
    }

    /** Sends the request; empty when the server ended the connection without a status line. */
    Optional<Response> exchange(Request request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            Thread writer = Thread.ofVirtual().start(() -> write(socket, request));
            try {
                return read(new BufferedInputStream(socket.getInputStream()), request.method().equals("HEAD"));
            } finally {
                writer.join(TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** A plain GET (or HEAD) with no extra headers. */
    Response get(String method, String target) throws IOException {
        return exchange(new Request(method, target, List.of(), new byte[0], BodyMode.EXACT))
                .orElseThrow(() -> new IOException(method + " " + target + " got no response"));
    }

    private void write(Socket socket, Request request) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(head(request));
            byte[] body = request.body();
            if (request.mode() == BodyMode.CHUNKED) {
                int half = body.length / 2;
                writeChunk(out, body, 0, half);
                writeChunk(out, body, half, body.length - half);
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } else {
                for (int off = 0; off < body.length; off += 64 * 1024) {
                    out.write(body, off, Math.min(64 * 1024, body.length - off));
                }
            }
            out.flush();
            if (request.mode() == BodyMode.HALF_CLOSE) {
                socket.shutdownOutput();
            }
        } catch (IOException e) {
            // The server may answer and close before taking the whole body; the reader sees what it said.
        }
    }

    private byte[] head(Request request) {
        StringBuilder head = new StringBuilder()
                .append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n")
                .append("Connection: close\r\n");
        if (!request.hasHeader("Authorization")) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        for (Map.Entry<String, String> h : request.headers()) {
            head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        if (request.mode() == BodyMode.CHUNKED) {
            head.append("Transfer-Encoding: chunked\r\n");
        } else if (!request.hasHeader("Content-Length") && !request.hasHeader("Transfer-Encoding")
                && (request.body().length > 0 || sendsBody(request.method()))) {
            head.append("Content-Length: ").append(request.body().length).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean sendsBody(String method) {
        return method.equals("PUT") || method.equals("POST") || method.equals("PATCH");
    }

    private static void writeChunk(OutputStream out, byte[] body, int off, int len) throws IOException {
        if (len == 0) {
            return;
        }
        out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body, off, len);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static Optional<Response> read(InputStream in, boolean head) throws IOException {
        String statusLine;
        try {
            statusLine = line(in);
        } catch (EOFException | SocketException e) {
            return Optional.empty(); // closed (or reset) before answering
        }
        if (statusLine.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
        byte[] body = head || status == 204 || status == 304 ? new byte[0] : body(in, headers);
        return Optional.of(new Response(status, headers, body));
    }

    private static byte[] body(InputStream in, Map<String, List<String>> headers) throws IOException {
        List<String> length = headers.get("content-length");
        List<String> encoding = headers.get("transfer-encoding");
        if (encoding != null && encoding.getFirst().equalsIgnoreCase("chunked")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(in).split(";")[0].strip(), 16); size > 0;
                 size = Integer.parseInt(line(in).split(";")[0].strip(), 16)) {
                out.write(exactly(in, size));
                line(in);
                if (out.size() > MAX_BODY) {
                    throw new IOException("response body exceeds " + MAX_BODY + " bytes");
                }
            }
            for (String trailer = line(in); !trailer.isEmpty(); trailer = line(in)) {
                // trailers are not used by anything under test
            }
            return out.toByteArray();
        }
        if (length != null) {
            long n = Long.parseLong(length.getFirst());
            if (n > MAX_BODY) {
                throw new IOException("response body of " + n + " bytes is too large for this client");
            }
            return exactly(in, (int) n);
        }
        try {
            return in.readNBytes(MAX_BODY);
        } catch (SocketException e) {
            return new byte[0];
        }
    }

    private static byte[] exactly(InputStream in, int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length != n) {
            throw new EOFException("response body ended after " + bytes.length + " of " + n + " bytes");
        }
        return bytes;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                if (line.size() == 0) {
                    throw new EOFException("connection closed");
                }
                break;
            }
            if (line.size() > 16 * 1024) {
                throw new IOException("response line too long");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
