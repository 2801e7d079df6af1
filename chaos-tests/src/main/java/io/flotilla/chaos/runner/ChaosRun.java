package io.flotilla.chaos.runner;

import io.flotilla.chaos.checker.Checker;
import io.flotilla.chaos.checker.Checkers;
import io.flotilla.chaos.checker.Verdict;
import io.flotilla.chaos.client.OciClient;
import io.flotilla.chaos.client.RecordingClient;
import io.flotilla.chaos.client.auth.RegistryAuth;
import io.flotilla.chaos.db.Db;
import io.flotilla.chaos.generator.Generator;
import io.flotilla.chaos.generator.OpGenerator;
import io.flotilla.chaos.generator.RateLimiter;
import io.flotilla.chaos.history.History;
import io.flotilla.chaos.nemesis.Nemesis;
import io.flotilla.chaos.report.Report;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One chaos run, start to verdict: set the db up, run the workers and the scenario's nemesis for the duration,
 * stop the nemesis (its final heal), wait for the cluster to recover, read back every acknowledged write, check
 * the history, and leave history.jsonl, verdict.json, logs/ and report.html in the output folder.
 */
public final class ChaosRun {

    /** Evidence lines of an invalid verdict printed to the console; the rest is in verdict.json. */
    private static final int EVIDENCE_ON_CONSOLE = 10;
    /** How long the cluster has to become whole after the final heal before final reads start anyway. */
    private static final Duration RECOVERY_LIMIT = Duration.ofMinutes(3);

    private final Scenario scenario;
    private final long seed;
    private final Duration duration;
    private final int nodes;
    private final Path out;

    public ChaosRun(Scenario scenario, long seed, Duration duration, int nodes, Path out) {
        this.scenario = scenario;
        this.seed = seed;
        this.duration = duration;
        this.nodes = nodes;
        this.out = out;
    }

    /** Runs against {@code db} (which this closes) and answers whether every verdict is valid. */
    public boolean run(Db db) {
        // Created once the cluster is up, so time 0 in the history and the report is the workload's start.
        History history = null;
        List<Verdict> verdicts = new ArrayList<>();
        Thread cleanup = Thread.ofPlatform().unstarted(db::teardown);
        Runtime.getRuntime().addShutdownHook(cleanup);  // an interrupted run leaves no nodes behind
        try (db) {
            Files.createDirectories(out);
            log("setting up " + nodes + " nodes");
            db.setup(nodes);
            history = new History();
            scenario.workload().beforeWorkload(db, history);
            // Docker token auth, as real clients sign in: a token per scope, from the balancer's token endpoint.
            Duration timeout = scenario.settings().requestTimeout();
            OciClient oci = new OciClient(timeout, RegistryAuth.tokens(db.credentials(), timeout));
            RecordingClient client = new RecordingClient(oci, history, db.endpoint());
            log("workload and nemesis for " + duration.toSeconds() + " s against " + db.endpoint());
            Nemesis nemesis = scenario.nemesis().get();
            // The nemesis draws from a stream of its own, so its schedule does not depend on the workers'.
            nemesis.start(db, history, new SplittableRandom(seed ^ 0x6e656d65736973L));
            runWorkers(client);
            log("stopping the nemesis (final heal)");
            nemesis.stop();
            Recovery.Result recovery = Recovery.await(db, oci, RECOVERY_LIMIT);
            log((recovery.recovered() ? "recovered in " : "NOT recovered after ") + recovery.took().toSeconds()
                    + " s" + (recovery.recovered() ? "" : ": " + recovery.lastSeen()));
            verdicts.add(new Verdict("Recovery", recovery.recovered(),
                    recovery.recovered() ? List.of() : List.of(recovery.lastSeen()),
                    Map.of("seconds", recovery.took().toMillis() / 1000.0)));
            int[] reads = FinalReads.run(history, client, scenario.workload().retryMissingFinalReads());
            log("final reads: " + reads[0] + " acknowledged writes read back, " + reads[1] + " not");
            scenario.workload().afterFinalReads(db, history, client);
            verdicts.addAll(check(history));
            db.collectLogs(out.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Runtime.getRuntime().removeShutdownHook(cleanup);
            if (history == null) {
                history = new History();  // setup failed: an empty history, and the verdicts say nothing ran
            }
            history.writeJsonl(out.resolve("history.jsonl"));
            Checkers.writeVerdicts(out.resolve("verdict.json"), verdicts, scenario.workload().headline(verdicts));
            Report.write(out.resolve("report.html"), scenario.name() + " (seed " + seed + ")", history, verdicts);
        }
        verdicts.stream().filter(v -> !v.valid()).forEach(ChaosRun::logInvalid);
        return !verdicts.isEmpty() && verdicts.stream().allMatch(Verdict::valid);
    }

    /**
     * An invalid verdict's name and first evidence on stderr: CI keeps only the console, not the output folder.
     */
    private static void logInvalid(Verdict verdict) {
        log(verdict.checker() + " INVALID (" + verdict.evidence().size() + " evidence lines)");
        verdict.evidence().stream().limit(EVIDENCE_ON_CONSOLE).forEach(line -> log("  " + line));
    }

    private void runWorkers(RecordingClient client) {
        RateLimiter limiter = new RateLimiter(scenario.settings().opsPerSecond());
        OpGenerator generator = scenario.workload().generator(seed);
        long deadline = System.nanoTime() + duration.toNanos();
        int processes = scenario.settings().processes();
        try (ExecutorService pool = Executors.newFixedThreadPool(processes)) {
            for (int p = 0; p < processes; p++) {
                pool.submit(new Worker(p, client, generator, Generator.random(seed, p), limiter, deadline));
            }
        }
    }

    /** Each checker on its own, so one that throws is a failed verdict and the others still report. */
    private List<Verdict> check(History history) {
        List<Verdict> verdicts = new ArrayList<>();
        for (Checker checker : scenario.workload().checkers()) {
            try {
                verdicts.add(checker.check(history));
            } catch (RuntimeException e) {
                verdicts.add(new Verdict(checker.name(), false, List.of("the checker threw: " + e), Map.of()));
            }
        }
        return verdicts;
    }

    private static void log(String message) {
        System.err.println("chaos: " + message);
    }
}
