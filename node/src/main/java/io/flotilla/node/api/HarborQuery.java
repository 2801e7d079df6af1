package io.flotilla.node.api;

import io.flotilla.node.registry.ErrorCode;
import io.flotilla.node.registry.RegistryException;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Harbor's {@code q} query parameter: comma-separated {@code key=value} pairs, a value starting with {@code ~}
 * for a fuzzy match, and {@code op_time=[begin~end]} with times as {@code yyyy-MM-dd HH:mm:ss} (UTC).
 */
final class HarborQuery {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int MAX_LENGTH = 2048;

    private HarborQuery() {
    }

    /** Adds the filters to {@code filters}; an {@code op_time} range sets {@code window[0]} and {@code window[1]}. */
    static void parse(String q, Map<String, String> filters, Instant[] window) {
        if (q.length() > MAX_LENGTH) {
            throw bad("q longer than " + MAX_LENGTH + " characters");
        }
        for (String pair : q.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw bad("q holds " + io.flotilla.model.Names.printable(pair) + ", not key=value");
            }
            String key = pair.substring(0, eq).strip();
            String value = pair.substring(eq + 1).strip();
            if (key.equals("op_time")) {
                range(value, window);
            } else {
                filters.put(key, value);
            }
        }
    }

    private static void range(String value, Instant[] window) {
        if (!value.startsWith("[") || !value.endsWith("]") || !value.contains("~")) {
            throw bad("op_time is [yyyy-MM-dd HH:mm:ss~yyyy-MM-dd HH:mm:ss]");
        }
        String[] ends = value.substring(1, value.length() - 1).split("~", 2);
        window[0] = time(ends[0]);
        window[1] = time(ends[1]).plusSeconds(1); // the end second is included
    }

    private static Instant time(String text) {
        try {
            return LocalDateTime.parse(text.strip(), TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw bad("not a time yyyy-MM-dd HH:mm:ss: " + io.flotilla.model.Names.printable(text));
        }
    }

    private static RegistryException bad(String detail) {
        return new RegistryException(ErrorCode.MALFORMED_REQUEST, detail);
    }
}
