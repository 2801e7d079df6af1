package io.flotilla.chaos.checker;

import io.flotilla.chaos.history.History;
import io.flotilla.chaos.history.Op;
import io.flotilla.chaos.history.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a registry running GC with delay {@code D} must keep, read from a history: for every blob and manifest,
 * the intervals during which it certainly exists and may not be collected. A missing answer (a 404) observed
 * entirely inside such protection is a violation; outside it the registry may rightly have collected it.
 *
 * <p>A blob is protected
 * <ul>
 *   <li>from each acknowledged push's completion until {@code D} after that push's invoke (its review is
 *       enqueued at the commit, which is after the invoke, for {@code D} later);</li>
 *   <li>from each acknowledged write of a manifest naming it until that manifest's life may end (see
 *       {@link ManifestLives}): the "live reference" part; and then for a further {@code D}, the delay after
 *       its last reference ended.</li>
 * </ul>
 * Protection starts only where the blob certainly exists (an acknowledged push, or a manifest PUT the registry
 * accepted, which it does only with every blob present), so overlapping intervals chain: a read covered by
 * their union, from one start on, saw a blob that could not have been collected in between. Reads and HEADs,
 * which only postpone a review by the grace period, are not counted: that leaves the checker lenient, never
 * wrong. A manifest is protected during its lives' live parts.
 */
public final class Retention {

    /**
     * One reason to keep something: from {@code from} (inclusive) until {@code until} (exclusive); a live reference
     * until {@code liveUntil} (≤ until), the delay after that.
     */
    public record Interval(long from, long until, long liveUntil, String why) {
    }

    /** How an observation is covered: by live references alone (a), or only with the delays counted (b). */
    public record Cover(boolean live, List<Interval> by) {
    }

    private final long delayNanos;
    private final ManifestLives manifests;
    private final Map<String, List<Interval>> blobs = new LinkedHashMap<>();
    private final Map<String, List<Interval>> manifestIntervals = new LinkedHashMap<>();

    private Retention(History history, long delayNanos) {
        this.delayNanos = delayNanos;
        this.manifests = new ManifestLives(history, delayNanos);
        for (Operation op : history.operations()) {
            if (op.f().equals("push-blob") && op.is(Op.Type.OK) && op.process() < Op.FINAL_READ_PROCESS_BASE) {
                long until = ManifestLives.plus(op.invokeNanos(), delayNanos);
                add(blobs, op.key(), new Interval(op.completeNanos(), until, op.completeNanos(),
                        "pushed " + op.describe()));
            }
        }
        for (String manifest : manifests.manifests()) {
            for (ManifestLives.Life life : manifests.lives(manifest)) {
                Operation w = life.write();
                String why = "named by " + manifest + " written " + w.describe() + (life.endNanos() == Long.MAX_VALUE
                        ? ", never ended" : String.format(java.util.Locale.ROOT, ", may end from %.3f s",
                        life.endNanos() / 1e9));
                if (life.endNanos() > w.completeNanos()) {
                    add(manifestIntervals, manifest, new Interval(w.completeNanos(), life.endNanos(), life.endNanos(),
                            why));
                }
                long until = ManifestLives.plus(life.endNanos(), delayNanos);
                for (String blob : w.refs()) {
                    if (until > w.completeNanos()) {
                        add(blobs, blob, new Interval(w.completeNanos(), until,
                                Math.max(w.completeNanos(), life.endNanos()), why));
                    }
                }
            }
        }
        blobs.values().forEach(l -> l.sort(Comparator.comparingLong(Interval::from)));
        manifestIntervals.values().forEach(l -> l.sort(Comparator.comparingLong(Interval::from)));
    }

    public static Retention of(History history, Duration delay) {
        return new Retention(history, delay.toNanos());
    }

    public long delayNanos() {
        return delayNanos;
    }

    ManifestLives manifests() {
        return manifests;
    }

    /** Digests of every blob pushed (OK) or named by an acknowledged manifest write. */
    Iterable<String> protectedBlobs() {
        return blobs.keySet();
    }

    /** Whether {@code digest} is a manifest some write (not FAIL) named. */
    public boolean isManifest(String digest) {
        return !manifests.writesOf(digest).isEmpty();
    }

    /** How blob {@code digest} was protected throughout {@code [from, to]}, if it was: then it may not be missing. */
    public Optional<Cover> blob(String digest, long from, long to) {
        return cover(blobs.getOrDefault(digest, List.of()), from, to);
    }

    /** How manifest {@code digest} was kept throughout {@code [from, to]}, if it was. */
    public Optional<Cover> manifest(String digest, long from, long to) {
        return cover(manifestIntervals.getOrDefault(digest, List.of()), from, to);
    }

    /**
     * The end of blob {@code digest}'s protection minus the delay: the earliest instant from which it may count as
     * unreferenced (its last push's invoke, or the latest earliest end of a reference); empty when it had none.
     */
    Optional<Long> unreferencedFrom(String digest) {
        return blobs.getOrDefault(digest, List.of()).stream()
                .map(i -> i.until() == Long.MAX_VALUE ? Long.MAX_VALUE : i.until() - delayNanos)
                .max(Long::compare);
    }

    /**
     * The union of {@code intervals} (sorted by start) chained from one start, if it spans {@code [from, to]};
     * whether the live parts alone span it says (a) from (b).
     */
    private static Optional<Cover> cover(List<Interval> intervals, long from, long to) {
        Optional<List<Interval>> all = chain(intervals, from, to, Interval::until);
        if (all.isEmpty()) {
            return Optional.empty();
        }
        boolean live = chain(intervals, from, to, Interval::liveUntil).isPresent();
        return Optional.of(new Cover(live, all.get()));
    }

    private static Optional<List<Interval>> chain(List<Interval> intervals, long from, long to,
                                                  java.util.function.ToLongFunction<Interval> end) {
        List<Interval> segment = new ArrayList<>();
        long segmentEnd = Long.MIN_VALUE;
        for (Interval i : intervals) {
            if (i.from() > from) {
                break;  // a segment that starts after the observation's start cannot cover it
            }
            long e = end.applyAsLong(i);
            if (e <= i.from()) {
                continue;
            }
            if (i.from() > segmentEnd) {
                segment.clear();
            }
            segment.add(i);
            segmentEnd = Math.max(segmentEnd, e);
        }
        // Intervals starting after `from` can extend the segment only if it already reaches them.
        for (Interval i : intervals) {
            long e = end.applyAsLong(i);
            if (i.from() > from && i.from() <= segmentEnd && e > segmentEnd) {
                segment.add(i);
                segmentEnd = e;
            }
        }
        return segmentEnd > to && !segment.isEmpty() ? Optional.of(List.copyOf(segment)) : Optional.empty();
    }

    private static void add(Map<String, List<Interval>> map, String key, Interval interval) {
        map.computeIfAbsent(key, k -> new ArrayList<>()).add(interval);
    }
}
