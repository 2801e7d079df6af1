package io.flotilla.chaos.workload;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a workload's clients tried and were told, for the checks during and after a run: blobs a PUT
 * acknowledged, manifests sent to each tag (recorded before the PUT, since a PUT whose answer was lost may
 * still take effect), the manifest each tag was last acknowledged with, operations that failed even after
 * retries, and violations (wrong answers). Safe to share between threads.
 */
public final class Ledger {

    private final Map<String, Long> blobs = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> sent = new ConcurrentHashMap<>();
    private final Map<String, String> acknowledgedTags = new ConcurrentHashMap<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final LongAdder operations = new LongAdder();
    private final AtomicLong slowestNanos = new AtomicLong();

    /** Counts an operation that took {@code took}, retries included: how long its client waited. */
    public void operation(Duration took) {
        operations.increment();
        slowestNanos.accumulateAndGet(took.toNanos(), Math::max);
    }

    /** The longest any operation kept its client waiting, retries included. */
    public Duration slowest() {
        return Duration.ofNanos(slowestNanos.get());
    }

    public void blobAcknowledged(String digest, long size) {
        blobs.put(digest, size);
    }

    public void sentToTag(String tag, String manifestDigest) {
        sent.computeIfAbsent(tag, t -> ConcurrentHashMap.newKeySet()).add(manifestDigest);
    }

    public void tagAcknowledged(String tag, String manifestDigest) {
        acknowledgedTags.put(tag, manifestDigest);
    }

    public void failure(String what) {
        failures.add(what);
    }

    public void violation(String what) {
        violations.add(what);
    }

    /**
     * What is wrong with {@code tag} naming {@code answered}: nothing if it was sent to the tag and, for a tag
     * only one client moves ({@code exclusive}), if it is the manifest last acknowledged under it.
     */
    public Optional<String> tagReadProblem(String tag, String answered, boolean exclusive) {
        if (!sent.getOrDefault(tag, Set.of()).contains(answered)) {
            return Optional.of("tag " + tag + " names " + answered + ", never sent to it");
        }
        String last = acknowledgedTags.get(tag);
        if (exclusive && !answered.equals(last)) {
            return Optional.of("tag " + tag + " names " + answered + ", but was last moved to " + last);
        }
        return Optional.empty();
    }

    /** What is wrong with acknowledged blob {@code digest} reading back as these bytes, if anything. */
    public Optional<String> blobReadProblem(String digest, Optional<String> answeredDigest, long answeredLength) {
        Long size = blobs.get(digest);
        if (size == null) {
            return Optional.of("blob " + digest + " was never acknowledged");
        }
        if (!answeredDigest.equals(Optional.of(digest)) || answeredLength != size) {
            return Optional.of("blob " + digest + " (" + size + " bytes) read back as " + answeredLength
                    + " bytes hashing to " + answeredDigest.orElse("?"));
        }
        return Optional.empty();
    }

    public long operations() {
        return operations.sum();
    }

    /** Every acknowledged blob: digest to size. */
    public Map<String, Long> blobs() {
        return Map.copyOf(blobs);
    }

    /** Every tag a PUT was acknowledged for, and the manifest digest of the last such PUT. */
    public Map<String, String> acknowledgedTags() {
        return Map.copyOf(acknowledgedTags);
    }

    /** Operations that failed even after retries, and why. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** Wrong answers seen during the run. */
    public List<String> violations() {
        return List.copyOf(violations);
    }
}
