package io.flotilla.node.auth;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The node-local storage behind {@link LoginThrottle}: failure counts by key, at most {@code maxKeys} of
 * them. Entries are kept in order of their last failure (a failure re-inserts its entry at the end), so
 * the head is always the quietest key: the one to forget first and the one to evict when full. Not
 * thread-safe; the throttle holds its own lock around every call.
 */
final class FailureCounters {

    record Failures(int count, Instant last) {
    }

    private final int maxKeys;
    private final LinkedHashMap<String, Failures> byKey;

    FailureCounters(int maxKeys) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be positive");
        }
        this.maxKeys = maxKeys;
        this.byKey = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
                return size() > FailureCounters.this.maxKeys;
            }
        };
    }

    /** The key's failures, or null if it has none on record. */
    Failures get(String key) {
        return byKey.get(key);
    }

    /** Records {@code failures} as the key's newest state and moves it to the quiet-last end. */
    void put(String key, Failures failures) {
        byKey.remove(key);
        byKey.put(key, failures);
    }

    void remove(String key) {
        byKey.remove(key);
    }

    /** Drops every key whose last failure is at or before {@code cutoff}; they sit at the head, so this stops early. */
    void forgetUpTo(Instant cutoff) {
        Iterator<Failures> it = byKey.values().iterator();
        while (it.hasNext() && !it.next().last().isAfter(cutoff)) {
            it.remove();
        }
    }

    int size() {
        return byKey.size();
    }
}
