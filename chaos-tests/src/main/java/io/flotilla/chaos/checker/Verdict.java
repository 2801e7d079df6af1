package io.flotilla.chaos.checker;

import java.util.List;
import java.util.Map;

/**
 * One checker's judgement of a history.
 *
 * @param evidence what is wrong, one line each, naming op indexes; empty when valid
 * @param stats    numbers worth reporting either way (counts, latencies, keys left unknown); values are what
 *                 Jackson can write: numbers, strings, booleans, lists and maps of them
 */
public record Verdict(String checker, boolean valid, List<String> evidence, Map<String, Object> stats) {

    public Verdict {
        evidence = List.copyOf(evidence);
        stats = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stats));
    }
}
