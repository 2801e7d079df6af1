package io.flotilla.node.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.node.registry.ErrorCode;
import io.flotilla.node.registry.RegistryException;
import io.helidon.webserver.http.ServerRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * A management API request's JSON object body, read with a size cap, and its fields read with their types
 * checked: every malformed body or field is a 400 naming the field, never a 500.
 */
final class JsonBody {

    /** No request of this API needs more; the cap keeps a hostile client from making a node buffer more. */
    static final int MAX_BYTES = 64 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build());
    }

    private final JsonNode root;

    private JsonBody(JsonNode root) {
        this.root = root;
    }

    /** The body, which must be one JSON object of at most {@link #MAX_BYTES}. */
    static JsonBody read(ServerRequest req) {
        return parse(bytes(req));
    }

    /** As {@link #read}, but an empty body reads as {@code {}}. */
    static JsonBody readOrEmpty(ServerRequest req) {
        byte[] bytes = bytes(req);
        return bytes.length == 0 ? new JsonBody(MAPPER.createObjectNode()) : parse(bytes);
    }

    private static byte[] bytes(ServerRequest req) {
        long declared = req.headers().contentLength().orElse(-1);
        if (declared > MAX_BYTES) {
            throw tooLarge();
        }
        byte[] bytes;
        try (InputStream in = req.content().inputStream()) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge();
        }
        return bytes;
    }

    static JsonBody parse(byte[] bytes) {
        JsonNode root;
        try {
            root = bytes.length == 0 ? null : MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            // Jackson's message would echo the client's bytes; the position is enough to find the mistake.
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            throw bad("the body is not valid JSON" + (at == null ? ""
                    : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || !root.isObject()) {
            throw bad("the body must be a JSON object");
        }
        return new JsonBody(root);
    }

    boolean has(String field) {
        JsonNode v = root.get(field);
        return v != null && !v.isNull();
    }

    String text(String field) {
        return optionalText(field).orElseThrow(() -> bad(field + " is required"));
    }

    Optional<String> optionalText(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode v = root.get(field);
        if (!v.isTextual()) {
            throw bad(field + " must be a string");
        }
        return Optional.of(v.asText());
    }

    Optional<Boolean> optionalBoolean(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode v = root.get(field);
        if (!v.isBoolean()) {
            throw bad(field + " must be true or false");
        }
        return Optional.of(v.asBoolean());
    }

    /** A boolean Harbor sometimes writes as the string "true" or "false" (project metadata). */
    Optional<Boolean> optionalFlag(String field) {
        if (has(field) && root.get(field).isTextual()) {
            return switch (root.get(field).asText()) {
                case "true" -> Optional.of(true);
                case "false" -> Optional.of(false);
                default -> throw bad(field + " must be \"true\" or \"false\"");
            };
        }
        return optionalBoolean(field);
    }

    Optional<Long> optionalLong(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode v = root.get(field);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw bad(field + " must be a whole number");
        }
        return Optional.of(v.asLong());
    }

    int integer(String field) {
        long value = optionalLong(field).orElseThrow(() -> bad(field + " is required"));
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw bad(field + " is out of range");
        }
        return (int) value;
    }

    Optional<JsonBody> optionalObject(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode v = root.get(field);
        if (!v.isObject()) {
            throw bad(field + " must be an object");
        }
        return Optional.of(new JsonBody(v));
    }

    /** The elements of an array of objects. */
    Optional<java.util.List<JsonBody>> optionalObjects(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode v = root.get(field);
        if (!v.isArray()) {
            throw bad(field + " must be an array");
        }
        java.util.List<JsonBody> items = new java.util.ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isObject()) {
                throw bad(field + " must hold objects");
            }
            items.add(new JsonBody(item));
        }
        return Optional.of(items);
    }

    static RegistryException bad(String detail) {
        return new RegistryException(ErrorCode.MALFORMED_REQUEST, detail);
    }

    private static RegistryException tooLarge() {
        return new RegistryException(ErrorCode.BODY_TOO_LARGE, "request bodies are limited to " + MAX_BYTES + " bytes");
    }
}
