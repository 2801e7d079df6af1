package io.flotilla.chaos.cluster;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the workload's clients were told and what they tried, for the checker: blobs a PUT acknowledged,
 * manifests sent to each tag (before the PUT, since a PUT whose answer was lost may still have taken
 * effect), and every wrong answer seen along the way. Safe to share between threads.
 */
final class Ledger {

    private final Map<String, Long> blobs = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> tagged = new ConcurrentHashMap<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();

    void acknowledged(String digest, long size) {
        blobs.put(digest, size);
    }

    void sentToTag(String tag, String manifestDigest) {
        tagged.computeIfAbsent(tag, t -> ConcurrentHashMap.newKeySet()).add(manifestDigest);
    }

    boolean wasSentTo(String tag, String manifestDigest) {
        return tagged.getOrDefault(tag, Set.of()).contains(manifestDigest);
    }

    void violation(String what) {
        violations.add(what);
    }

    /** One acknowledged blob, chosen at random; empty before any. */
    Map.Entry<String, Long> anyBlob() {
        List<Map.Entry<String, Long>> all = List.copyOf(blobs.entrySet());
        return all.isEmpty() ? null : all.get(ThreadLocalRandom.current().nextInt(all.size()));
    }

    Map<String, Long> blobs() {
        return Map.copyOf(blobs);
    }

    Set<String> tags() {
        return Set.copyOf(tagged.keySet());
    }

    List<String> violations() {
        return List.copyOf(violations);
    }
}
