package io.flotilla.node.http;

import io.flotilla.node.registry.ErrorCode;
import io.flotilla.node.registry.RegistryException;

import java.util.Map;

/** The 405 answer, with the {@code Allow} header naming what the resource does accept. */
final class Methods {
    private Methods() {
    }

    static void notAllowed(String allow) {
        throw new RegistryException(ErrorCode.UNSUPPORTED, "method not allowed here", Map.of("Allow", allow));
    }
}
