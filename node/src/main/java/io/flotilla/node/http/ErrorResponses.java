package io.flotilla.node.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flotilla.model.InvalidDigestException;
import io.flotilla.model.InvalidInputException;
import io.flotilla.model.InvalidNameException;
import io.flotilla.model.InvalidTagException;
import io.flotilla.model.Names;
import io.flotilla.node.registry.ErrorCode;
import io.flotilla.node.registry.RegistryException;
import io.flotilla.storage.spi.NoSuchObjectException;
import io.flotilla.storage.spi.StorageUnavailableException;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The single place where failures become responses: the OCI error envelope
 * {@code {"errors":[{"code","message","detail"}]}} with the code's status. Unexpected failures are
 * logged with their stack trace and answered 500 without one.
 */
public final class ErrorResponses {
    private static final Logger LOG = Logger.getLogger(ErrorResponses.class.getName());

    private ErrorResponses() {
    }

    public static void register(HttpRouting.Builder routing) {
        routing.error(RegistryException.class, (req, res, e) -> send(res, codeOf(e), e.detail(), e.headers()))
                .error(InvalidInputException.class, (req, res, e) -> send(res, codeOf(e), e.getMessage(), Map.of()))
                .error(StorageUnavailableException.class, (req, res, e) -> {
                    // One line, no stack: an outage fails every request, and /healthz and the metrics tell the story.
                    LOG.warning("backend unavailable on " + req.prologue().method() + " " + req.path().path()
                            + ": " + e.getMessage());
                    send(res, codeOf(e), e.getMessage(), Map.of("Retry-After", "1"));
                })
                .error(NoSuchObjectException.class, (req, res, e) -> {
                    // The metadata names bytes the blob store does not hold: never expected, so loud, but the
                    // bytes may be elsewhere (another DC) or come back, so 503 rather than BLOB_UNKNOWN.
                    LOG.severe("blob bytes missing on " + req.prologue().method() + " " + req.path().path()
                            + ": " + e.getMessage());
                    send(res, codeOf(e), "the blob's bytes cannot be read from the blob store", Map.of());
                })
                .error(IOException.class, (req, res, e) -> {
                    // One line: a client that hangs up mid-transfer ends here too.
                    LOG.warning("I/O failure on " + req.prologue().method() + " " + req.path().path() + ": " + e);
                    send(res, codeOf(e), "a storage read or write failed; retry", Map.of("Retry-After", "1"));
                })
                // Helidon's own refusals, such as a path no route serves (also one whose dot-segments leave /v2).
                .error(HttpException.class, (req, res, e) -> helidon(req, res, e))
                .error(UncheckedIOException.class, (req, res, e) -> {
                    LOG.log(Level.WARNING, "storage I/O failed on " + req.prologue().method() + " " + req.path().path(), e);
                    send(res, codeOf(e), "a storage read or write failed; retry", Map.of("Retry-After", "1"));
                })
                .error(RuntimeException.class, (req, res, e) -> unexpected(req, res, e));
    }

    /**
     * Answers with the envelope too what Helidon refuses before any route runs: a request line, URI or
     * header it cannot parse. Nothing of the request reached the registry.
     */
    public static DirectHandlers directHandlers() {
        DirectHandler handler = (request, event, status, headers, message) -> {
            ErrorCode code = switch (status.code()) {
                case 400 -> ErrorCode.MALFORMED_REQUEST;
                case 404 -> ErrorCode.NOT_FOUND;
                case 413 -> ErrorCode.SIZE_INVALID;
                default -> status.code() < 500 ? ErrorCode.MALFORMED_REQUEST : ErrorCode.UNKNOWN;
            };
            return DirectHandler.TransportResponse.builder()
                    .status(status)
                    .headers(headers)
                    .header(HeaderNames.CONTENT_TYPE, "application/json")
                    .entity(envelope(code, null))
                    .build();
        };
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (DirectHandler.EventType event : DirectHandler.EventType.values()) {
            builder.addHandler(event, handler);
        }
        return builder.build();
    }

    /** Writes the envelope, unless the response already started (then the connection just ends). */
    public static void send(ServerResponse res, ErrorCode code, String detail, Map<String, String> headers) {
        if (res.isSent()) {
            return;
        }
        res.status(Status.create(code.status()));
        headers.forEach(res::header);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(envelope(code, detail));
    }

    private static byte[] envelope(ErrorCode code, String detail) {
        ObjectNode error = Json.object();
        error.put("code", code.code());
        error.put("message", code.message());
        if (detail != null) {
            error.put("detail", detail);
        }
        ObjectNode envelope = Json.object();
        envelope.putArray("errors").add(error);
        return Json.bytes(envelope);
    }

    private static void helidon(ServerRequest req, ServerResponse res, HttpException e) {
        switch (e.status().code()) {
            case 404 -> send(res, ErrorCode.NOT_FOUND, "no endpoint at " + Names.printable(req.path().path()),
                    Map.of());
            case 400 -> send(res, ErrorCode.MALFORMED_REQUEST, null, Map.of());
            default -> unexpected(req, res, e);
        }
    }

    private static void unexpected(ServerRequest req, ServerResponse res, Exception e) {
        LOG.log(Level.SEVERE, "failed " + req.prologue().method() + " " + req.path().path(), e);
        send(res, codeOf(e), "internal error; see the node's log", Map.of());
    }

    /** The error code each kind of failure is answered with; anything unforeseen is UNKNOWN. */
    public static ErrorCode codeOf(Throwable e) {
        return switch (e) {
            case RegistryException r -> r.code();
            case InvalidDigestException d -> ErrorCode.DIGEST_INVALID;
            case InvalidNameException n -> ErrorCode.NAME_INVALID;
            case InvalidTagException t -> ErrorCode.TAG_INVALID;
            case InvalidInputException i -> ErrorCode.UNSUPPORTED;
            case StorageUnavailableException s -> ErrorCode.UNAVAILABLE;
            case IOException io -> ErrorCode.UNAVAILABLE;
            case UncheckedIOException io -> ErrorCode.UNAVAILABLE;
            default -> ErrorCode.UNKNOWN;
        };
    }
}
