package io.flotilla.node.registry;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the registry refuses, with its OCI error code, a detail a client can read, and any
 * response headers the spec asks for with that error (such as {@code Range} on a 416).
 */
public final class RegistryException extends RuntimeException {
    private final ErrorCode code;
    private final Map<String, String> headers;

    public RegistryException(ErrorCode code, String detail) {
        this(code, detail, Map.of());
    }

    public RegistryException(ErrorCode code, String detail, Map<String, String> headers) {
        super(detail, null, false, false);
        this.code = code;
        this.headers = Map.copyOf(new LinkedHashMap<>(headers));
    }

    public ErrorCode code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, String> headers() {
        return headers;
    }
}
