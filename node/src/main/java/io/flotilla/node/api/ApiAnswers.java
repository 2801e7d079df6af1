package io.flotilla.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.flotilla.model.Names;
import io.flotilla.node.http.Json;
import io.flotilla.node.registry.ErrorCode;
import io.flotilla.node.registry.RegistryException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** How the management API answers: JSON bodies, 201 with a relative Location, and its typed refusals. */
final class ApiAnswers {

    private ApiAnswers() {
    }

    static void json(ServerResponse res, JsonNode body) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json").send(Json.bytes(body));
    }

    /** 200 with no body, as Harbor answers a change it has nothing to report about. */
    static void ok(ServerResponse res) {
        res.status(Status.OK_200).send();
    }

    /** 201 with {@code Location} (a path, as Harbor gives it) and no body. */
    static void created(ServerResponse res, String location) {
        res.status(Status.CREATED_201).header(HeaderNames.LOCATION, location).send();
    }

    static void created(ServerResponse res, String location, JsonNode body) {
        res.status(Status.CREATED_201).header(HeaderNames.LOCATION, location);
        json(res, body);
    }

    /** One path segment, percent-encoded (a name may hold '+', '$', ':' or a space). */
    static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static RegistryException notFound(String what, String name) {
        return new RegistryException(ErrorCode.RESOURCE_NOT_FOUND, what + " " + Names.printable(name) + " not found");
    }

    static RegistryException conflict(String detail) {
        return new RegistryException(ErrorCode.CONFLICT, detail);
    }

    static RegistryException denied(String detail) {
        return new RegistryException(ErrorCode.DENIED, detail);
    }

    static RegistryException bad(String detail) {
        return new RegistryException(ErrorCode.MALFORMED_REQUEST, detail);
    }
}
