package io.flotilla.chaos.checker;

import io.flotilla.chaos.history.History;
import io.flotilla.chaos.history.Op;
import io.flotilla.chaos.history.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parts (a) and (b) of {@link GcSafety}: every time the history saw something missing, was it protected then?
 * Each observation spans its operation's invoke to completion, and is a violation only if protection covered
 * all of it (the 404 happened somewhere in between).
 */
final class MissingObservations {

    private static final Set<String> MISSING_STATES = Set.of("purging", "absent");

    private final Retention retention;

    MissingObservations(Retention retention) {
        this.retention = retention;
    }

    /** Evidence of (a) and (b), and counts into {@code stats}. */
    List<String> check(History history, Map<String, Object> stats) {
        List<String> evidence = new ArrayList<>();
        int blobReads = 0;
        int missing = 0;
        int live = 0;
        int withinDelay = 0;
        int blobUnknown = 0;
        for (Operation op : history.operations()) {
            if (op.completion() == null) {
                continue;
            }
            Optional<String> violation = Optional.empty();
            if (isBlobRead(op)) {
                blobReads++;
                if (notFound(op)) {
                    missing++;
                    violation = blob(op, op.key(), "read it missing");
                }
            } else if (op.f().equals(GcSafety.BLOB_STATE) && op.is(Op.Type.OK)
                    && MISSING_STATES.contains(op.received())) {
                missing++;
                violation = blob(op, op.key(), "probed it " + op.received());
            } else if (op.f().equals("pull-digest") && retention.isManifest(op.key()) && notFound(op)) {
                violation = retention.manifest(op.key(), op.invokeNanos(), op.completeNanos())
                        .map(c -> "(a) live manifest " + op.key() + " answered 404: " + op.describe() + "; kept by "
                                + c.by().getFirst().why());
            } else if (isBlobUnknown(op)) {
                blobUnknown++;
                violation = everyRefProtected(op);
            }
            if (violation.isPresent()) {
                evidence.add(violation.get());
                if (violation.get().startsWith("(a)")) {
                    live++;
                } else {
                    withinDelay++;
                }
            }
        }
        stats.put("blob-reads", blobReads);
        stats.put("missing-observed", missing);
        stats.put("manifest-blob-unknown", blobUnknown);
        stats.put("violations-live-reference", live);
        stats.put("violations-within-delay", withinDelay);
        return evidence;
    }

    private boolean isBlobRead(Operation op) {
        return op.f().equals("head-blob") || op.f().equals("pull-digest") && !retention.isManifest(op.key());
    }

    private static boolean notFound(Operation op) {
        return op.is(Op.Type.FAIL) && op.completion().error() != null && op.completion().error().startsWith("404");
    }

    private static boolean isBlobUnknown(Operation op) {
        return (op.f().equals("push-manifest") || op.f().equals("move-tag")) && op.is(Op.Type.FAIL)
                && op.completion().error() != null && op.completion().error().contains("MANIFEST_BLOB_UNKNOWN")
                && !op.refs().isEmpty();
    }

    /** A violation if {@code digest} was protected throughout {@code op}. */
    private Optional<String> blob(Operation op, String digest, String what) {
        return retention.blob(digest, op.invokeNanos(), op.completeNanos())
                .map(c -> (c.live() ? "(a) blob named by a live manifest" : "(b) blob within the delay of its last"
                        + " push or reference") + " " + digest + ": " + what + " " + op.describe() + "; "
                        + because(c));
    }

    /** MANIFEST_BLOB_UNKNOWN is the registry's right unless every blob the manifest names was protected. */
    private Optional<String> everyRefProtected(Operation op) {
        List<Retention.Cover> covers = new ArrayList<>();
        for (String ref : op.refs()) {
            Optional<Retention.Cover> c = retention.blob(ref, op.invokeNanos(), op.completeNanos());
            if (c.isEmpty()) {
                return Optional.empty();
            }
            covers.add(c.get());
        }
        boolean live = covers.stream().allMatch(Retention.Cover::live);
        return Optional.of((live ? "(a)" : "(b)") + " manifest PUT refused with MANIFEST_BLOB_UNKNOWN although every"
                + " blob it names was protected: " + op.describe() + "; " + because(covers.getFirst()));
    }

    private static String because(Retention.Cover c) {
        return "protected by " + c.by().size() + " interval(s), e.g. " + c.by().getLast().why();
    }
}
