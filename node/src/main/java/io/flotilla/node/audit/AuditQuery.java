package io.flotilla.node.audit;

import io.flotilla.storage.spi.AuditEvent;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What to find in the audit log: a time window and exact-match filters on its fields. A filter value starting
 * with {@code ~} matches as a substring instead (Harbor's fuzzy match), so {@code resource=~library/} finds a
 * project's artifacts.
 */
public record AuditQuery(Instant from, Instant to, Map<String, String> filters) {

    /** The fields a filter may name, as Harbor's {@code q} names them. */
    public static final java.util.Set<String> FIELDS = java.util.Set.of("username", "operation", "resource",
            "resource_type", "project", "result", "source");

    public AuditQuery {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        filters = Map.copyOf(filters);
        for (String field : filters.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("cannot filter audit logs by " + field + " (one of " + FIELDS + ")");
            }
        }
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the time window is empty: " + from + " to " + to);
        }
    }

    public boolean matches(AuditEvent e) {
        for (Map.Entry<String, String> f : filters.entrySet()) {
            if (!matches(valueOf(e, f.getKey()), f.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(String value, String wanted) {
        if (wanted.startsWith("~")) {
            return value.toLowerCase(Locale.ROOT).contains(wanted.substring(1).toLowerCase(Locale.ROOT));
        }
        return value.equals(wanted);
    }

    static String valueOf(AuditEvent e, String field) {
        return switch (field) {
            case "username" -> e.actor();
            case "operation" -> e.operation();
            case "resource" -> e.resource();
            case "resource_type" -> e.resourceType();
            case "project" -> e.project();
            case "result" -> e.result();
            case "source" -> e.source();
            default -> throw new IllegalArgumentException(field);
        };
    }
}
