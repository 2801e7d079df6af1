package io.flotilla.storage.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * One audit-log entry: who did what to which resource, when, from where, and how it ended.
 *
 * @param id           unique, and sorting by it sorts by time: it starts with {@code at} as 13 zero-padded
 *                     epoch milliseconds (see {@link #idFor}); listings order and page by it
 * @param at           when it happened, whole milliseconds
 * @param actor        the account name, or {@code anonymous}
 * @param source       the client's address
 * @param operation    what was done: {@code push}, {@code pull}, {@code delete}, {@code login}, {@code create}, …
 * @param resourceType {@code repository}, {@code artifact}, {@code user}, {@code project}, {@code member},
 *                     {@code robot}, {@code config}, …
 * @param resource     the resource's name, such as {@code library/alpine:latest}
 * @param project      the project the resource belongs to, or empty
 * @param result       {@code success}, or why it failed ({@code denied}, {@code unauthorized}, …)
 * @param detail       free text, possibly empty
 */
public record AuditEvent(String id, Instant at, String actor, String source, String operation,
                         String resourceType, String resource, String project, String result, String detail) {

    /** Length of the millisecond prefix of every id. */
    public static final int TIME_PREFIX = 13;

    public AuditEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        if (id.length() <= TIME_PREFIX || !id.startsWith(timePrefix(at))) {
            throw new IllegalArgumentException("audit id " + id + " does not start with the time of " + at);
        }
        actor = Objects.requireNonNullElse(actor, "");
        source = Objects.requireNonNullElse(source, "");
        operation = Objects.requireNonNullElse(operation, "");
        resourceType = Objects.requireNonNullElse(resourceType, "");
        resource = Objects.requireNonNullElse(resource, "");
        project = Objects.requireNonNullElse(project, "");
        result = Objects.requireNonNullElse(result, "");
        detail = Objects.requireNonNullElse(detail, "");
    }

    /** An id for an event at {@code at}: the time prefix, then {@code unique} (random or node-scoped). */
    public static String idFor(Instant at, String unique) {
        return timePrefix(at) + "-" + unique;
    }

    private static String timePrefix(Instant at) {
        return String.format("%013d", at.toEpochMilli());
    }
}
