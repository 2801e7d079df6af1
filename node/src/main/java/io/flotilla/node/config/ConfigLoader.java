package io.flotilla.node.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Builds the configuration tree: the documented defaults, overlaid by a YAML file, overlaid by
 * {@code FLOTILLA_*} environment variables, overlaid by command-line settings. Unknown keys in a file
 * are errors (a typo must not silently fall back to a default); unknown variables are warnings.
 */
public final class ConfigLoader {
    private static final Logger LOG = Logger.getLogger(ConfigLoader.class.getName());
    private static final String DEFAULTS = "/flotilla-defaults.yaml";
    private static final String ENV_PREFIX = "FLOTILLA_";
    /** Variables that are not configuration keys: the bootstrap admin's password is read once, not kept. */
    private static final java.util.Set<String> READ_ELSEWHERE = java.util.Set.of("FLOTILLA_ADMIN_PASSWORD");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private final ObjectNode tree;

    public ConfigLoader() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS)) {
            tree = (ObjectNode) yaml.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in defaults", e);
        }
    }

    /** Overlays a YAML file. */
    public ConfigLoader file(Path file) {
        try {
            JsonNode overlay = yaml.readTree(Files.readAllBytes(file));
            if (overlay != null && !overlay.isMissingNode() && !overlay.isNull()) {
                if (!overlay.isObject()) {
                    throw new IllegalArgumentException(file + ": the configuration must be a YAML mapping");
                }
                merge(tree, (ObjectNode) overlay, "");
            }
            return this;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read configuration " + file + ": " + e.getMessage(), e);
        }
    }

    /** Overlays {@code FLOTILLA_*} variables from {@code env}; variables naming no key are warned about. */
    public ConfigLoader environment(Map<String, String> env) {
        Map<String, String> leaves = new java.util.HashMap<>();
        collectLeaves(tree, "", leaves);
        env.forEach((name, value) -> {
            if (!name.startsWith(ENV_PREFIX) || READ_ELSEWHERE.contains(name)) {
                return;
            }
            String path = leaves.get(name);
            if (path == null) {
                LOG.warning("ignoring environment variable " + name + ": it names no configuration key");
            } else {
                set(path, value);
            }
        });
        return this;
    }

    /** Sets one key by its dotted path, as the command line does. */
    public ConfigLoader set(String dottedPath, String value) {
        String[] parts = dottedPath.split("\\.");
        ObjectNode parent = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = parent.get(parts[i]);
            if (!(child instanceof ObjectNode object)) {
                throw new IllegalArgumentException("unknown configuration key " + dottedPath);
            }
            parent = object;
        }
        String leaf = parts[parts.length - 1];
        JsonNode current = parent.get(leaf);
        if (current == null || current.isObject()) {
            throw new IllegalArgumentException("unknown configuration key " + dottedPath);
        }
        parent.set(leaf, current.isArray() ? list(value) : JsonNodeFactory.instance.textNode(value));
        return this;
    }

    public FlotillaConfig load() {
        try {
            return yaml.treeToValue(tree, FlotillaConfig.class);
        } catch (JsonMappingException e) {
            throw new IllegalArgumentException("invalid configuration " + keyOf(e) + ": " + e.getOriginalMessage(), e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("invalid configuration: " + e.getOriginalMessage(), e);
        }
    }

    /** The dotted key a mapping failure is about, as the file spells it. */
    private static String keyOf(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : Integer.toString(r.getIndex()))
                .collect(java.util.stream.Collectors.joining("."));
    }

    private static ArrayNode list(String commaSeparated) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (String item : commaSeparated.split(",")) {
            if (!item.isBlank()) {
                array.add(item.strip());
            }
        }
        return array;
    }

    private static void merge(ObjectNode base, ObjectNode overlay, String prefix) {
        List<String> names = new ArrayList<>();
        overlay.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            String path = prefix + name;
            JsonNode existing = base.get(name);
            JsonNode value = overlay.get(name);
            if (existing == null) {
                throw new IllegalArgumentException("unknown configuration key " + path);
            }
            if (existing.isObject()) {
                if (!value.isObject()) {
                    throw new IllegalArgumentException(path + " must be a mapping");
                }
                merge((ObjectNode) existing, (ObjectNode) value, path + ".");
            } else {
                base.set(name, value);
            }
        }
    }

    private static void collectLeaves(JsonNode node, String prefix, Map<String, String> out) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = prefix + field.getKey();
            if (field.getValue().isObject()) {
                collectLeaves(field.getValue(), path + ".", out);
            } else {
                out.put(ENV_PREFIX + path.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), path);
            }
        }
    }
}
