package io.flotilla.chaos.runner;

import io.flotilla.chaos.checker.Checker;
import io.flotilla.chaos.checker.GcSafety;
import io.flotilla.chaos.checker.Verdict;
import io.flotilla.chaos.client.GcAdmin;
import io.flotilla.chaos.client.OciClient;
import io.flotilla.chaos.client.RecordingClient;
import io.flotilla.chaos.client.auth.RegistryAuth;
import io.flotilla.chaos.db.Db;
import io.flotilla.chaos.generator.GcGenerator;
import io.flotilla.chaos.generator.OpGenerator;
import io.flotilla.chaos.history.History;
import io.flotilla.chaos.history.Op;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The gc scenario's workload: nodes collecting garbage within seconds ({@link GcSettings}), clients pushing
 * images that reuse layers, moving tags and deleting images ({@link GcGenerator}), and GC's own checks: before
 * the workload every node must say it runs GC with the delay assumed, and after the final reads the
 * {@link CollectionProbe} waits for everything collectable to be collected; {@link GcSafety} judges it all.
 */
public final class GcWorkload implements Workload {

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);
    private static final int SETTINGS_ATTEMPTS = 3;
    private static final List<String> HEADLINE = List.of("all-collected-seconds-after-final-heal",
            "max-unreferenced-to-collected-seconds", "must-collect", "collected", "gc-revived", "gc-blobs-deleted",
            "gc-bytes-deleted", "gc-manifests-deleted", "violations-live-reference", "violations-within-delay");

    private final GcSettings settings;

    public GcWorkload(GcSettings settings) {
        this.settings = settings;
    }

    @Override
    public Map<String, String> nodeEnv() {
        return settings.nodeEnv();
    }

    @Override
    public OpGenerator generator(long seed) {
        return new GcGenerator(seed);
    }

    @Override
    public List<Checker> checkers() {
        return CheckerSet.underGc(settings.delay());
    }

    /** A 404 at the end is often right here (collected), and retrying thousands of them would take minutes. */
    @Override
    public boolean retryMissingFinalReads() {
        return false;
    }

    @Override
    public void beforeWorkload(Db db, History history) {
        GcAdmin admin = admin(db);
        for (String node : db.nodes()) {
            CollectionProbe.record(history, Op.PHASE_PROCESS_BASE, GcSafety.SETTINGS, node,
                    () -> retried(() -> admin.settings(db.node(node))));
        }
    }

    /**
     * The settings read, tried a few times: a node just up may answer one request slowly, and a settings read
     * that fails makes the whole run invalid (the checker cannot know the delay).
     */
    private static String retried(Supplier<String> read) {
        for (int attempt = 1; ; attempt++) {
            try {
                return read.get();
            } catch (RuntimeException e) {
                if (attempt == SETTINGS_ATTEMPTS) {
                    throw e;
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @Override
    public void afterFinalReads(Db db, History history, RecordingClient client) {
        new CollectionProbe(db, history, client, admin(db), settings).run();
    }

    /** GcSafety's collection times, revive count and deletions, under "gc" at the top of verdict.json. */
    @Override
    public Map<String, Object> headline(List<Verdict> verdicts) {
        Map<String, Object> gc = new LinkedHashMap<>();
        verdicts.stream().filter(v -> v.checker().equals("gc-safety")).findFirst().ifPresent(v -> {
            gc.put("valid", v.valid());
            HEADLINE.stream().filter(v.stats()::containsKey).forEach(k -> gc.put(k, v.stats().get(k)));
        });
        return gc.isEmpty() ? Map.of() : Map.of("gc", gc);
    }

    /** The GC admin API wants a system admin: Basic credentials on every request. */
    private static GcAdmin admin(Db db) {
        return new GcAdmin(new OciClient(ADMIN_TIMEOUT, RegistryAuth.basic(db.credentials())));
    }
}
