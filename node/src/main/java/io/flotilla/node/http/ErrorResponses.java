package io.flotilla.node.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flotilla.model.InvalidDigestException;
import io.flotilla.model.InvalidInputException;
import io.flotilla.model.InvalidNameException;
import io.flotilla.model.InvalidTagException;
import io.flotilla.node.registry.ErrorCode;
import io.flotilla.node.registry.RegistryException;
import io.flotilla.storage.spi.StorageUnavailableException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

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
                    LOG.log(Level.WARNING, "backend unavailable on " + req.prologue().method() + " " + req.path().path(), e);
                    send(res, codeOf(e), e.getMessage(), Map.of("Retry-After", "1"));
                })
                .error(UncheckedIOException.class, (req, res, e) -> unexpected(req, res, e))
                .error(RuntimeException.class, (req, res, e) -> unexpected(req, res, e));
    }

    /** Writes the envelope, unless the response already started (then the connection just ends). */
    public static void send(ServerResponse res, ErrorCode code, String detail, Map<String, String> headers) {
        if (res.isSent()) {
            return;
        }
        ObjectNode error = Json.object();
        error.put("code", code.code());
        error.put("message", code.message());
        if (detail != null) {
            error.put("detail", detail);
        }
        ObjectNode envelope = Json.object();
        envelope.putArray("errors").add(error);
        res.status(Status.create(code.status()));
        headers.forEach(res::header);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.bytes(envelope));
    }

    private static void unexpected(ServerRequest req, ServerResponse res, Exception e) {
        LOG.log(Level.SEVERE, "failed " + req.prologue().method() + " " + req.path().path(), e);
        send(res, codeOf(e), "internal error; see the node's log", Map.of());
    }

    /** The error code each kind of failure is answered with; anything unforeseen is UNKNOWN. */
    static ErrorCode codeOf(Throwable e) {
        return switch (e) {
            case RegistryException r -> r.code();
            case InvalidDigestException d -> ErrorCode.DIGEST_INVALID;
            case InvalidNameException n -> ErrorCode.NAME_INVALID;
            case InvalidTagException t -> ErrorCode.TAG_INVALID;
            case InvalidInputException i -> ErrorCode.UNSUPPORTED;
            case StorageUnavailableException s -> ErrorCode.UNAVAILABLE;
            default -> ErrorCode.UNKNOWN;
        };
    }
}
