package io.flotilla.node.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shape of a token's {@code access} claim, {@code [{"type","name","actions":[…]}]}, in both
 * directions. Kept in one place so the issuer and the verifier cannot drift apart.
 */
final class AccessClaim {

    static final String NAME = "access";

    private AccessClaim() {
    }

    static List<Map<String, Object>> toJson(List<TokenScope> access) {
        List<Map<String, Object>> entries = new ArrayList<>(access.size());
        for (TokenScope scope : access) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", scope.type());
            entry.put("name", scope.name());
            entry.put("actions", scope.actions());
            entries.add(entry);
        }
        return entries;
    }

    /**
     * Reads the claim as parsed from JSON; anything off-shape is an IllegalArgumentException, and so is
     * an entry that {@link TokenScope} refuses (a token cannot grant what no client could ask for).
     */
    static List<TokenScope> fromJson(Object claim) {
        if (claim == null) {
            return List.of(); // a login token (no scope asked) grants nothing
        }
        if (!(claim instanceof List<?> entries)) {
            throw new IllegalArgumentException("access claim is not a list");
        }
        List<TokenScope> access = new ArrayList<>(entries.size());
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> fields)) {
                throw new IllegalArgumentException("access entry is not an object");
            }
            access.add(new TokenScope(text(fields, "type"), text(fields, "name"), texts(fields.get("actions"))));
        }
        return List.copyOf(access);
    }

    private static String text(Map<?, ?> fields, String key) {
        if (!(fields.get(key) instanceof String value)) {
            throw new IllegalArgumentException("access entry has no string " + key);
        }
        return value;
    }

    private static List<String> texts(Object value) {
        if (!(value instanceof List<?> items)) {
            throw new IllegalArgumentException("access entry's actions are not a list");
        }
        List<String> actions = new ArrayList<>(items.size());
        for (Object item : items) {
            if (!(item instanceof String action)) {
                throw new IllegalArgumentException("access entry has a non-string action");
            }
            actions.add(action);
        }
        return actions;
    }
}
