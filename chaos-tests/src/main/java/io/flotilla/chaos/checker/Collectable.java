package io.flotilla.chaos.checker;

import io.flotilla.chaos.history.History;
import io.flotilla.chaos.history.Op;
import io.flotilla.chaos.history.Operation;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What GC must certainly collect once a run is over: the blobs no manifest that may still exist names. It needs
 * the tags' final values, read after the final heal by processes from {@link Op#PHASE_PROCESS_BASE} (pull-tag),
 * and asks for nothing that is uncertain:
 * <ul>
 *   <li>a manifest is certainly gone when every write of it was acknowledged (an INFO write may still land) and
 *       either an acknowledged delete was invoked after the last of them completed, or the untagged policy must
 *       delete it: every tag of its repository was read at the end and none names it (every way a manifest
 *       becomes untagged, a push without a tag or a tag moved off it, queues its review);</li>
 *   <li>a blob must be collected when every manifest write (not FAIL) that names it is of a certainly gone
 *       manifest, or none names it (pushed for an image whose manifest never made it).</li>
 * </ul>
 */
public final class Collectable {

    private Collectable() {
    }

    /** The blobs that must end up absent, in the order the history first names them. */
    public static Set<String> blobs(History history, Retention retention) {
        ManifestLives manifests = retention.manifests();
        Map<String, Optional<String>> finalTags = finalTags(history);
        Map<String, Set<String>> namedBy = new HashMap<>();
        Set<String> blobs = new LinkedHashSet<>();
        for (Operation op : history.operations()) {
            if (op.process() >= Op.FINAL_READ_PROCESS_BASE || op.is(Op.Type.FAIL)) {
                continue;
            }
            if (op.f().equals("push-blob")) {
                blobs.add(op.key());
            } else if (op.f().equals("push-manifest") || op.f().equals("move-tag")) {
                String manifest = op.f().equals("move-tag") ? op.sent() : op.key();
                for (String ref : op.refs()) {
                    blobs.add(ref);
                    namedBy.computeIfAbsent(ref, r -> new HashSet<>()).add(manifest);
                }
            }
        }
        Map<String, Boolean> gone = new HashMap<>();
        blobs.removeIf(b -> !namedBy.getOrDefault(b, Set.of()).stream()
                .allMatch(m -> gone.computeIfAbsent(m, x -> certainlyGone(manifests, x, finalTags))));
        return blobs;
    }

    static boolean certainlyGone(ManifestLives manifests, String digest, Map<String, Optional<String>> finalTags) {
        List<Operation> writes = manifests.writesOf(digest);
        if (writes.isEmpty() || !writes.stream().allMatch(w -> w.is(Op.Type.OK))) {
            return false;
        }
        long lastWritten = writes.stream().mapToLong(Operation::completeNanos).max().orElseThrow();
        boolean deleted = manifests.deletesOf(digest).stream()
                .anyMatch(d -> d.is(Op.Type.OK) && d.invokeNanos() > lastWritten);
        return deleted || untaggedAtTheEnd(manifests, digest, writes, finalTags);
    }

    private static boolean untaggedAtTheEnd(ManifestLives manifests, String digest, List<Operation> writes,
                                            Map<String, Optional<String>> finalTags) {
        // Keys never written cannot name it; a repository whose tags were never moved has none to read.
        String repo = ManifestLives.repoOf(writes.getFirst());
        for (String key : manifests.tagKeyNames()) {
            if (!key.startsWith(repo + ":")) {
                continue;
            }
            if (!finalTags.containsKey(key) || finalTags.get(key).equals(Optional.of(digest))) {
                return false;  // not read at the end (it may name the manifest), or it does name it
            }
        }
        return true;
    }

    /** Each tag key's value in its last OK read after the run (empty: no tag), for keys read then. */
    static Map<String, Optional<String>> finalTags(History history) {
        Map<String, Optional<String>> tags = new HashMap<>();
        for (Operation op : history.operations()) {
            if (op.process() >= Op.PHASE_PROCESS_BASE && op.f().equals("pull-tag") && op.is(Op.Type.OK)) {
                tags.put(op.key(), Optional.ofNullable(op.received()));
            }
        }
        return tags;
    }
}
