package io.flotilla.chaos.checker;

import io.flotilla.chaos.history.History;
import io.flotilla.chaos.history.Op;
import io.flotilla.chaos.history.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When each acknowledged manifest may stop existing under GC with delay {@code D} and an untagged policy that
 * deletes untagged manifests: the earliest instant its references may end, per acknowledged write of it.
 *
 * <p>A manifest is written by push-manifest (by digest) or move-tag (a PUT under a tag, which also creates it).
 * An acknowledged write W of manifest M stays live from its completion until the earliest of:
 * <ul>
 *   <li>a delete of M, not FAIL, that may take effect after W (it is INFO, or completed after W was invoked):
 *       from that delete's invoke on;</li>
 *   <li>the untagged policy (the registry reviews a manifest {@code D} after it was pushed without a tag or a
 *       tag moved off it, and deletes it then if no tag names it): if W was a move-tag on key K, a later move of
 *       K to another manifest (not FAIL, that may take effect after W) untags M, and GC may delete M {@code D}
 *       after that move's invoke. If W was a push by digest, it is itself such a trigger: GC may delete M from
 *       {@code D} after W's invoke; and since M may already have been untagged, any move away from M on a key
 *       that ever named it (invoked before or after W) lets GC delete M from
 *       {@code max(W's invoke, that move's invoke + D)} on.</li>
 * </ul>
 * Every bound is the earliest the registry may act, so what the checkers call missing too early is certain.
 * One tag key is assumed to be M's only one: a move of any of them may untag it (earliest again).
 */
final class ManifestLives {

    /** An acknowledged write of a manifest and the earliest time its references may end (MAX_VALUE: never). */
    record Life(Operation write, long endNanos) {
        /** The repository: push-manifest's value, or move-tag's key up to its last ':'. */
        String repo() {
            return repoOf(write);
        }
    }

    private final long delayNanos;
    /** Non-FAIL manifest writes (push-manifest, move-tag) by manifest digest. */
    private final Map<String, List<Operation>> writes = new LinkedHashMap<>();
    /** Non-FAIL deletes by manifest digest. */
    private final Map<String, List<Operation>> deletes = new LinkedHashMap<>();
    /** Non-FAIL move-tags by tag key ("repo:tag"). */
    private final Map<String, List<Operation>> moves = new LinkedHashMap<>();
    private final Map<String, List<Life>> lives = new LinkedHashMap<>();

    ManifestLives(History history, long delayNanos) {
        this.delayNanos = delayNanos;
        for (Operation op : history.operations()) {
            if (op.is(Op.Type.FAIL) || op.process() >= Op.FINAL_READ_PROCESS_BASE) {
                continue;
            }
            switch (op.f()) {
                case "push-manifest" -> writes.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
                case "move-tag" -> {
                    writes.computeIfAbsent(op.sent(), k -> new ArrayList<>()).add(op);
                    moves.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
                }
                case "delete" -> deletes.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
                default -> { }
            }
        }
        writes.forEach((digest, list) -> lives.put(digest, list.stream().filter(w -> w.is(Op.Type.OK))
                .map(w -> new Life(w, end(digest, w))).toList()));
    }

    /** Every manifest digest written (OK or INFO), in first-write order. */
    Iterable<String> manifests() {
        return writes.keySet();
    }

    /** Non-FAIL writes of {@code digest}: what may have created or re-created it. */
    List<Operation> writesOf(String digest) {
        return writes.getOrDefault(digest, List.of());
    }

    /** Non-FAIL deletes of {@code digest}. */
    List<Operation> deletesOf(String digest) {
        return deletes.getOrDefault(digest, List.of());
    }

    /** The acknowledged writes of {@code digest} with the earliest time each one's life may end. */
    List<Life> lives(String digest) {
        return lives.getOrDefault(digest, List.of());
    }

    /** Tag keys some write (not FAIL) pointed at {@code digest}. */
    List<String> tagKeys(String digest) {
        return writesOf(digest).stream().filter(w -> w.f().equals("move-tag")).map(Operation::key).distinct().toList();
    }

    /** Every tag key written, in first-write order. */
    Iterable<String> tagKeyNames() {
        return moves.keySet();
    }

    private long end(String digest, Operation w) {
        long end = Long.MAX_VALUE;
        for (Operation d : deletesOf(digest)) {
            if (mayFollow(d, w)) {
                end = Math.min(end, Math.max(d.invokeNanos(), w.invokeNanos()));
            }
        }
        return Math.min(end, untaggedEnd(digest, w));
    }

    /** The earliest time the untagged policy may delete the manifest {@code w} wrote. */
    private long untaggedEnd(String digest, Operation w) {
        long end = Long.MAX_VALUE;
        if (w.f().equals("move-tag")) {
            for (Operation away : moves.getOrDefault(w.key(), List.of())) {
                if (!digest.equals(away.sent()) && mayFollow(away, w)) {
                    end = Math.min(end, plus(Math.max(away.invokeNanos(), w.invokeNanos()), delayNanos));
                }
            }
            return end;
        }
        end = plus(w.invokeNanos(), delayNanos);  // pushed without a tag: reviewed D later
        for (String key : tagKeys(digest)) {
            List<Operation> onKey = moves.get(key);
            for (Operation away : onKey) {
                if (!digest.equals(away.sent()) && namedBefore(onKey, digest, away)) {
                    end = Math.min(end, Math.max(w.invokeNanos(), plus(away.invokeNanos(), delayNanos)));
                }
            }
        }
        return end;
    }

    /** Whether a move to {@code digest} on the same key was invoked before {@code away} completed. */
    private static boolean namedBefore(List<Operation> onKey, String digest, Operation away) {
        return onKey.stream().anyMatch(m -> digest.equals(m.sent()) && m.invokeNanos() < away.completeNanos());
    }

    /** Whether {@code later} may take effect after {@code earlier} did: it is INFO, or completed after its invoke. */
    static boolean mayFollow(Operation later, Operation earlier) {
        return !later.is(Op.Type.OK) || later.completeNanos() > earlier.invokeNanos();
    }

    static long plus(long a, long b) {
        return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
    }

    static String repoOf(Operation write) {
        return write.f().equals("move-tag") ? write.key().substring(0, write.key().lastIndexOf(':')) : write.sent();
    }
}
