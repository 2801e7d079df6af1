package io.flotilla.node.registry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.model.Descriptor;
import io.flotilla.model.Digest;
import io.flotilla.model.InvalidDigestException;
import io.flotilla.model.MediaTypes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses and validates the four manifest kinds (OCI image manifest and index, Docker schema 2 manifest
 * and manifest list), artifacts included. Input is hostile: nesting, string length and duplicate keys
 * are bounded or refused before anything is interpreted.
 */
public final class ManifestParser {
    private static final int MAX_DEPTH = 32;
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}");

    private final ObjectMapper mapper;

    public ManifestParser() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = new ObjectMapper(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(JsonParser.Feature.ALLOW_COMMENTS);
    }

    /**
     * Parses a manifest's stored copy, which kept no Content-Type: the body's mediaType says its kind, or, when
     * the push gave it only in the header (OCI allows that), its fields do: an index lists manifests.
     */
    public ParsedManifest parseStored(byte[] body) {
        JsonNode root = readTree(body);
        if (!root.isObject() || root.has("mediaType")) {
            return parse(null, body);
        }
        return parse(root.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST, body);
    }

    /** Parses {@code body} pushed with {@code contentType} (null when the client sent none). */
    public ParsedManifest parse(String contentType, byte[] body) {
        JsonNode root = readTree(body);
        if (!root.isObject()) {
            throw invalid("a manifest must be a JSON object");
        }
        String mediaType = resolveMediaType(contentType, root);
        JsonNode schemaVersion = root.get("schemaVersion");
        if (schemaVersion == null || !schemaVersion.isInt() || schemaVersion.intValue() != 2) {
            throw invalid("schemaVersion must be 2");
        }
        Descriptor subject = root.has("subject") ? descriptor(root.get("subject"), "subject") : null;
        Map<String, String> annotations = stringMap(root.get("annotations"), "annotations");
        String artifactType = optionalMediaType(root.get("artifactType"), "artifactType");
        if (MediaTypes.INDEXES.contains(mediaType)) {
            List<Descriptor> children = descriptors(root.get("manifests"), "manifests");
            return new ParsedManifest(mediaType, artifactType, subject, List.of(), children, annotations);
        }
        Descriptor config = descriptor(root.get("config"), "config");
        List<Descriptor> required = new ArrayList<>();
        required.add(config);
        List<Descriptor> layers = descriptors(root.get("layers"), "layers");
        for (int i = 0; i < layers.size(); i++) {
            // Layers with urls (foreign layers) live elsewhere and are never pushed here; an empty
            // list names nowhere else, so that layer must be here (as in Distribution).
            JsonNode urls = root.get("layers").get(i).get("urls");
            if (urls == null || urls.isEmpty()) {
                required.add(layers.get(i));
            }
        }
        String shownType = artifactType != null ? artifactType : config.mediaType();
        return new ParsedManifest(mediaType, shownType, subject, required, List.of(), annotations);
    }

    private JsonNode readTree(byte[] body) {
        try {
            JsonNode root = mapper.readTree(body);
            if (root == null) {
                throw invalid("the manifest body is empty");
            }
            return root;
        } catch (StreamConstraintsException e) {
            throw invalid("the manifest exceeds a parser limit: nesting deeper than " + MAX_DEPTH
                    + " levels, or a number, string or field name too long");
        } catch (JsonParseException e) {
            // Syntax errors describe the input; other parser messages name Jackson's classes and features.
            throw invalid("the manifest is not valid JSON: " + e.getOriginalMessage() + at(e.getLocation()));
        } catch (IOException e) {
            JsonLocation location = e instanceof JsonProcessingException p ? p.getLocation() : null;
            throw invalid("the manifest is not a single JSON value" + at(location));
        }
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String resolveMediaType(String contentType, JsonNode root) {
        JsonNode declared = root.get("mediaType");
        if (declared != null && !declared.isTextual()) {
            throw invalid("mediaType must be a string");
        }
        String bodyType = declared == null ? null : declared.textValue();
        String headerType = contentType == null || contentType.isBlank() ? null : MediaTypes.essence(contentType);
        String mediaType = headerType != null ? headerType : bodyType;
        if (mediaType == null || !MediaTypes.MANIFESTS.contains(mediaType)) {
            throw new RegistryException(ErrorCode.MANIFEST_INVALID,
                    "unsupported manifest media type: " + io.flotilla.model.Names.printable(mediaType));
        }
        if (bodyType != null && !bodyType.equals(mediaType)) {
            throw invalid("the body's mediaType " + io.flotilla.model.Names.printable(bodyType)
                    + " does not match Content-Type " + mediaType);
        }
        if (bodyType == null && mediaType.startsWith("application/vnd.docker.")) {
            throw invalid("Docker manifests must declare their mediaType");
        }
        return mediaType;
    }

    private static List<Descriptor> descriptors(JsonNode node, String field) {
        if (node == null || !node.isArray()) {
            throw invalid(field + " must be an array of descriptors");
        }
        List<Descriptor> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            out.add(descriptor(node.get(i), field + "[" + i + "]"));
        }
        return out;
    }

    private static Descriptor descriptor(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            throw invalid(field + " must be a descriptor object");
        }
        String mediaType = optionalMediaType(node.get("mediaType"), field + ".mediaType");
        if (mediaType == null) {
            throw invalid(field + ".mediaType is required");
        }
        JsonNode digestNode = node.get("digest");
        if (digestNode == null || !digestNode.isTextual()) {
            throw invalid(field + ".digest is required");
        }
        Digest digest;
        try {
            digest = Digest.parse(digestNode.textValue());
        } catch (InvalidDigestException e) {
            throw invalid(field + ".digest: " + e.getMessage());
        }
        JsonNode size = node.get("size");
        if (size == null || !size.canConvertToLong() || !size.isIntegralNumber() || size.longValue() < 0) {
            throw invalid(field + ".size must be a non-negative integer");
        }
        Map<String, String> annotations = stringMap(node.get("annotations"), field + ".annotations");
        JsonNode urls = node.get("urls");
        if (urls != null && !urls.isArray()) {
            throw invalid(field + ".urls must be an array");
        }
        String artifactType = optionalMediaType(node.get("artifactType"), field + ".artifactType");
        return new Descriptor(mediaType, digest, size.longValue(), artifactType, annotations);
    }

    private static String optionalMediaType(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        if (!node.isTextual() || !MEDIA_TYPE.matcher(node.textValue()).matches()) {
            throw invalid(field + " must be a media type");
        }
        return node.textValue();
    }

    private static Map<String, String> stringMap(JsonNode node, String field) {
        if (node == null) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw invalid(field + " must be an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getValue().isTextual()) {
                throw invalid(field + " values must be strings");
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    private static RegistryException invalid(String detail) {
        return new RegistryException(ErrorCode.MANIFEST_INVALID, detail);
    }
}
