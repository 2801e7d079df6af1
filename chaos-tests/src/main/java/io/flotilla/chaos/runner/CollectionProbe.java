package io.flotilla.chaos.runner;

import io.flotilla.chaos.checker.Collectable;
import io.flotilla.chaos.checker.GcCounters;
import io.flotilla.chaos.checker.GcSafety;
import io.flotilla.chaos.checker.Retention;
import io.flotilla.chaos.client.GcAdmin;
import io.flotilla.chaos.client.RecordingClient;
import io.flotilla.chaos.db.Db;
import io.flotilla.chaos.history.History;
import io.flotilla.chaos.history.Op;
import io.flotilla.chaos.history.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The gc scenario's last phase, after the final reads, every step recorded in the history for {@link GcSafety}
 * (processes from {@link Op#PHASE_PROCESS_BASE}): read every tag once more (what is tagged at the end decides
 * what the untagged policy must delete), work out what must be collected ({@link Collectable}), ask the GC API
 * for each such blob's state until all are absent or the time is up, then read every node's GC counters.
 */
final class CollectionProbe {

    private static final int PROBERS = 4;
    private static final long ROUND_PAUSE_MILLIS = 1000;
    private static final int TAG_TRIES = 3;

    private final Db db;
    private final History history;
    private final RecordingClient client;
    private final GcAdmin admin;
    private final GcSettings settings;

    CollectionProbe(Db db, History history, RecordingClient client, GcAdmin admin, GcSettings settings) {
        this.db = db;
        this.history = history;
        this.client = client;
        this.admin = admin;
        this.settings = settings;
    }

    void run() {
        readTags();
        Set<String> required = Collectable.blobs(history, Retention.of(history, settings.delay()));
        log(required.size() + " blobs unreferenced for longer than the delay must be collected; probing for up to "
                + settings.collectTimeout().toSeconds() + " s");
        long start = System.nanoTime();
        int left = probe(required);
        log((left == 0 ? "all collected" : left + " still not absent") + " after "
                + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s of probing");
        readCounters();
    }

    /** Every tag key a move-tag wrote, read once (or until OK, a few tries) from the first phase process. */
    private void readTags() {
        Set<String> keys = new LinkedHashSet<>();
        for (Operation op : history.operations()) {
            if (op.f().equals("move-tag") && op.process() < Op.FINAL_READ_PROCESS_BASE) {
                keys.add(op.key());
            }
        }
        for (String key : keys) {
            int colon = key.lastIndexOf(':');
            for (int t = 0; t < TAG_TRIES; t++) {
                if (client.pullTag(Op.PHASE_PROCESS_BASE, key.substring(0, colon), key.substring(colon + 1)).type()
                        == Op.Type.OK) {
                    break;
                }
                pause(500);
            }
        }
    }

    /** Probes until every blob is absent or the time is up; answers how many were not seen absent. */
    private int probe(Set<String> required) {
        Set<String> pending = ConcurrentHashMap.newKeySet();
        pending.addAll(required);
        long deadline = System.nanoTime() + settings.collectTimeout().toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            List<String> round = new ArrayList<>(pending);
            AtomicInteger next = new AtomicInteger();
            try (ExecutorService pool = Executors.newFixedThreadPool(PROBERS)) {
                for (int p = 1; p <= PROBERS; p++) {
                    int process = Op.PHASE_PROCESS_BASE + p;
                    pool.submit(() -> {
                        int i;
                        while ((i = next.getAndIncrement()) < round.size() && System.nanoTime() < deadline) {
                            String digest = round.get(i);
                            Op probed = record(process, GcSafety.BLOB_STATE, digest,
                                    () -> admin.blobState(db.endpoint(), digest));
                            if (probed.type() == Op.Type.OK && "absent".equals(probed.value())) {
                                pending.remove(digest);
                            }
                        }
                    });
                }
            }
            if (!pending.isEmpty()) {
                pause(ROUND_PAUSE_MILLIS);
            }
        }
        return pending.size();
    }

    /** Each node's GC counters, one op per node: "revived=N blobs-deleted=N ...". */
    private void readCounters() {
        for (String node : db.nodes()) {
            record(Op.PHASE_PROCESS_BASE, GcSafety.METRICS, node, () -> {
                StringBuilder value = new StringBuilder();
                String exposition = admin.metrics(db.node(node));
                for (Map.Entry<String, String> m : GcCounters.METRICS.entrySet()) {
                    for (String name : m.getValue().split("\\|")) {
                        Optional<Double> v = GcAdmin.sum(exposition, name);
                        if (v.isPresent()) {
                            value.append(m.getKey()).append('=').append(v.get().longValue()).append(' ');
                            break;
                        }
                    }
                }
                return value.toString().strip();
            });
        }
    }

    /** Records {@code f key} around {@code call}: OK with its answer, or FAIL with what it threw. */
    static Op record(History history, int process, String f, String key, Supplier<String> call) {
        Op invoke = history.invoke(process, f, key, null);
        try {
            return history.complete(invoke, Op.Type.OK, call.get(), null);
        } catch (RuntimeException e) {
            return history.complete(invoke, Op.Type.FAIL, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private Op record(int process, String f, String key, Supplier<String> call) {
        return record(history, process, f, key, call);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void log(String message) {
        System.err.println("chaos: gc: " + message);
    }
}
