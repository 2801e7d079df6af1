package io.flotilla.chaos.checker;

import io.flotilla.chaos.history.History;
import io.flotilla.chaos.history.Op;
import io.flotilla.chaos.history.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Durability: every blob or manifest the registry acknowledged (an OK push-blob or push-manifest) must still be
 * there at the end. It relies on the runner's final reads: after its last heal the runner pulls every key it
 * pushed by digest, from processes {@value #FINAL_READ_PROCESS_BASE} and up (f pull-digest, value the digest of
 * the bytes received). An acknowledged key is lost unless one of those reads, invoked after the write was
 * acknowledged, is OK with the right digest; a final read that fails, times out or returns other bytes does not
 * save it.
 *
 * <p>A push that ended INFO may not have happened, so it is not required; if it reads back, it is counted as
 * recovered. A write is excused when a delete of the same key that may have taken effect after it (not FAIL,
 * and completed after the write was invoked) exists: the registry was then right to forget it.
 *
 * <p>Under garbage collection ({@link #underGc}, the gc scenario) a registry may also forget what nothing needs
 * any more: an acknowledged blob or manifest that does not read back is excused when one of its final reads
 * fell outside its {@link Retention} protection (a blob unreferenced for longer than the delay, a manifest the
 * untagged policy may have deleted). Everywhere else GC's delay is a day, so nothing is excused that way.
 */
public final class NoLostWrites implements Checker {

    /** Where the runner's final-read processes start; the same convention as {@link Op#FINAL_READ_PROCESS_BASE}. */
    public static final int FINAL_READ_PROCESS_BASE = Op.FINAL_READ_PROCESS_BASE;

    private static final Set<String> WRITES = Set.of("push-blob", "push-manifest");

    /** GC's delay when this run collects garbage within it; empty for the strict check. */
    private final Optional<Duration> gcDelay;

    /** The strict check: only a delete excuses a write that does not read back. */
    public NoLostWrites() {
        this(Optional.empty());
    }

    private NoLostWrites(Optional<Duration> gcDelay) {
        this.gcDelay = gcDelay;
    }

    /** The check for a run whose GC collects what is unreferenced for longer than {@code delay}. */
    public static NoLostWrites underGc(Duration delay) {
        return new NoLostWrites(Optional.of(delay));
    }

    @Override
    public String name() {
        return "no-lost-writes";
    }

    @Override
    public Verdict check(History history) {
        Map<String, KeyRecord> byKey = new LinkedHashMap<>();
        int finalReads = 0;
        for (Operation op : history.operations()) {
            if (op.invoke().isFinalRead()) {
                finalReads++;
                record(byKey, op).finalReads.add(op);
            } else if (WRITES.contains(op.f()) && !op.is(Op.Type.FAIL)) {
                record(byKey, op).writes.add(op);
            } else if (op.f().equals("delete") && !op.is(Op.Type.FAIL)) {
                record(byKey, op).deletes.add(op);
            }
        }
        Optional<Retention> retention = gcDelay.map(d -> Retention.of(history, d));
        List<String> evidence = new ArrayList<>();
        int acknowledged = 0;
        int lost = 0;
        int excused = 0;
        int collected = 0;
        int recovered = 0;
        for (Map.Entry<String, KeyRecord> e : byKey.entrySet()) {
            KeyRecord r = e.getValue();
            List<Operation> required = r.writes.stream()
                    .filter(w -> w.is(Op.Type.OK) && !r.deletedAfter(w)).toList();
            boolean anyAcknowledged = r.writes.stream().anyMatch(w -> w.is(Op.Type.OK));
            if (required.isEmpty()) {
                excused += anyAcknowledged ? 1 : 0;
                recovered += !anyAcknowledged && r.writes.stream().anyMatch(r::readBackAfter) ? 1 : 0;
                continue;
            }
            acknowledged++;
            for (Operation w : required) {
                if (!r.readBackAfter(w)) {
                    if (retention.isPresent() && mayBeCollected(retention.get(), e.getKey(), w, r.finalReads)) {
                        collected++;
                        break;
                    }
                    evidence.add(lost(e.getKey(), w, r.finalReads));
                    lost++;
                    break;
                }
            }
        }
        if (finalReads == 0 && !evidence.isEmpty()) {
            evidence.addFirst("the history has no final reads (processes >= " + FINAL_READ_PROCESS_BASE
                    + "): did the run reach its final heal?");
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("acknowledged", acknowledged);
        stats.put("lost", lost);
        stats.put("excused-by-delete", excused);
        if (retention.isPresent()) {
            stats.put("excused-by-gc", collected);
        }
        stats.put("info-writes-read-back", recovered);
        stats.put("final-reads", finalReads);
        return new Verdict(name(), evidence.isEmpty(), evidence, stats);
    }

    /** Whether a final read after {@code write} fell outside the key's protection: GC may have taken it. */
    private static boolean mayBeCollected(Retention retention, String key, Operation write, List<Operation> reads) {
        boolean manifest = retention.isManifest(key);
        return reads.stream().filter(read -> read.invoke().index() > write.completeIndex())
                .anyMatch(read -> (manifest ? retention.manifest(key, read.invokeNanos(), read.completeNanos())
                        : retention.blob(key, read.invokeNanos(), read.completeNanos())).isEmpty());
    }

    private static KeyRecord record(Map<String, KeyRecord> byKey, Operation op) {
        return byKey.computeIfAbsent(op.key(), k -> new KeyRecord());
    }

    private static String lost(String key, Operation write, List<Operation> finalReads) {
        StringBuilder s = new StringBuilder("lost ").append(key).append(": acknowledged by ")
                .append(write.describe());
        List<Operation> later = finalReads.stream()
                .filter(read -> read.invoke().index() > write.completeIndex()).toList();
        if (later.isEmpty()) {
            return s.append("; no final read of it").toString();
        }
        for (Operation read : later) {
            s.append("; final read ").append(read.describe());
        }
        return s.toString();
    }

    /** Everything the history says about one digest. */
    private static final class KeyRecord {
        final List<Operation> writes = new ArrayList<>();
        final List<Operation> deletes = new ArrayList<>();
        final List<Operation> finalReads = new ArrayList<>();

        /** Whether a delete may have taken effect after {@code write} did. */
        boolean deletedAfter(Operation write) {
            return deletes.stream().anyMatch(d -> d.completeIndex() > write.invoke().index());
        }

        /**
         * Whether a final read received the right bytes after {@code write}: after its acknowledgement if OK,
         * after its invoke if INFO (it may have taken effect any time since).
         */
        boolean readBackAfter(Operation write) {
            long after = write.is(Op.Type.OK) ? write.completeIndex() : write.invoke().index();
            return finalReads.stream().anyMatch(read -> read.invoke().index() > after
                    && read.is(Op.Type.OK) && read.key().equals(read.received()));
        }
    }
}
