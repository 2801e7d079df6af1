package io.flotilla.bench.gc;

import io.flotilla.bench.client.BenchCredentials;
import io.flotilla.bench.servers.BackingServices;
import io.flotilla.bench.servers.BenchCluster;
import io.flotilla.bench.sys.CpuMeter;
import io.flotilla.bench.sys.Log;
import io.flotilla.bench.sys.Machine;
import io.flotilla.bench.sys.Processes;
import io.flotilla.bench.sys.ScratchLock;
import io.flotilla.bench.sys.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

/**
 * One GC run, start to end: the services and a cluster of the run's own with small gc.* delays, GC paused,
 * the blobs seeded, the delay waited out, GC resumed and followed through the nodes' metrics until every blob
 * is deleted, a sample checked in the node and in the blob store, the report, and a teardown that removes
 * everything the run started or made, also when it is cut short.
 */
final class GcBenchRun {
    /** Seed blobs go to this many repositories, so no single repository's rows become a hot partition. */
    private static final int REPOSITORIES = 16;
    private static final Duration PAUSE_SPREAD = Duration.ofSeconds(15);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    private final GcOptions options;
    private final Path scratch = ScratchLock.tmp().resolve("flotilla-bench-gc");
    private final BenchCredentials admin = BenchCredentials.randomAdmin();
    private final List<String> repositories = IntStream.range(0, REPOSITORIES)
            .mapToObj(i -> String.format(Locale.ROOT, "gcbench/r%02d", i)).toList();
    /** The CLIs the probes run: stopped first at teardown. */
    private final Processes processes = new Processes();
    /** cluster.sh and services.sh: they must still run at teardown. */
    private final Processes scripts = new Processes();
    private final AtomicBoolean tornDown = new AtomicBoolean();
    private FileLock scratchLock;
    private volatile BackingServices services;
    private volatile BenchCluster cluster;
    private Map<String, String> servicesEnv = Map.of();

    GcBenchRun(GcOptions options) {
        this.options = options;
    }

    int run() {
        Machine machine = Machine.describe();
        GcFindings findings = new GcFindings(options, machine.summary(), machine.java(), Machine.loadAverage());
        try {
            Files.createDirectories(options.out());
            scratchLock = ScratchLock.acquire();
            Trees.delete(scratch);
            Files.createDirectories(scratch);
            List<BenchCluster.Node> nodes = startCluster(findings);
            measure(findings, nodes);
        } catch (IOException | RuntimeException e) {
            Log.info("the GC run broke: " + e.getMessage());
            findings.fail("the run broke before it ended: " + e.getMessage());
        }
        findings.loadAtEnd = Machine.loadAverage();
        write(findings);
        boolean gcErrors = findings.rates != null && findings.rates.totals().errors() > 0;
        if ((!findings.failures.isEmpty() || gcErrors) && cluster != null) {
            cluster.keepLogs(options.out().resolve("logs"));
        }
        tearDown();
        return findings.failures.isEmpty() ? 0 : 1;
    }

    private List<BenchCluster.Node> startCluster(GcFindings findings) {
        services = new BackingServices(scripts, options.root(), scratch.resolve("services.log"), options.services());
        servicesEnv = services.ensure();
        String runName = "bench-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(5));
        cluster = new BenchCluster(scripts, options.root(), scratch.resolve("cluster"), scratch.resolve("cluster.log"),
                servicesEnv, runName, admin.password(), true, options.nodeSettings());
        cluster.up(options.nodes(), options.metadata(), options.blobBackend());
        findings.clusterNames = "run " + runName + (options.blobBackend().equals("s3") ? ", bucket " + cluster.bucket()
                : options.blobBackend().equals("rados") ? ", RADOS namespace " + cluster.radosNamespace() : "");
        List<BenchCluster.Node> nodes = cluster.nodes();
        if (nodes.size() != options.nodes()) {
            throw new GcBenchException("cluster.sh status lists " + nodes.size() + " nodes, not " + options.nodes());
        }
        return nodes;
    }

    private void measure(GcFindings findings, List<BenchCluster.Node> nodes) {
        List<GcAdminClient> clients = nodes.stream()
                .map(n -> new GcAdminClient(n.base(), admin.basicAuthorization())).toList();
        ClusterMetrics metrics = new ClusterMetrics(clients);
        CpuMeter cpu = new CpuMeter(CpuGroups.of(nodes, options));
        BlobStoreProbe probe = probe();
        findings.storeProbe = probe.describe();

        pauseEverywhere(clients);
        GcCounters base = metrics.scrape();

        SeedBlobs blobs = new SeedBlobs(new SecureRandom().generateSeed(16), options.blobBytes(), options.blobs());
        BlobSeeder seeder = new BlobSeeder(nodes.stream().map(BenchCluster.Node::base).toList(), repositories,
                admin.basicAuthorization(), options.connections(), 3);
        Log.info("seeding " + options.blobs() + " blobs of " + options.blobBytes() + " bytes over " + nodes.size()
                + " nodes, " + options.connections() + " connections, GC paused");
        CpuMeter.Reading seedStart = cpu.read();
        SeedResult seed = seeder.seed(blobs, seedTimeout());
        findings.cpu.put("seeding", CpuMeter.cores(seedStart, cpu.read(), Runtime.getRuntime().availableProcessors()));
        findings.seed = seed;
        Log.info(String.format(Locale.ROOT, "seeded %d blobs in %.1f s (%.0f/s), %d failed", seed.seeded(),
                seed.seconds(), seed.perSecond(), seed.failed()));
        if (seed.failed() > 0) {
            findings.fail(seed.failed() + " blobs could not be seeded; first error: " + seed.firstError());
        }
        if (seed.seeded() == 0) {
            throw new GcBenchException("no blob was seeded: " + seed.firstError());
        }
        List<Integer> sample = seed.sampleIndices(options.verifySample());
        List<byte[]> sampleContents = sample.stream().map(i -> blobs.content(i)).toList();
        lookIntoStore(findings, probe, sampleContents, true);
        waitForDue(findings, seed);
        findings.duringPause = metrics.scrape().since(base);
        if (findings.duringPause.forwardTransitions() > 0 || findings.duringPause.blobsDeleted() > 0) {
            findings.fail("GC worked while paused: " + findings.duringPause);
        }
        sample.forEach(i -> findings.statesBeforeResume.merge(stateOf(clients, seed.digests()[i], i), 1, Integer::sum));

        collect(findings, clients, metrics, cpu, base, seed.seeded());
        verify(findings, clients, seed, sample);
        lookIntoStore(findings, probe, sampleContents, false);
        checkStore(findings, probe, seed, sample.size());
    }

    /** Pauses through the first node, then waits until every node says paused (the pause is cluster-wide). */
    private static void pauseEverywhere(List<GcAdminClient> clients) {
        clients.getFirst().pause();
        long deadline = System.nanoTime() + PAUSE_SPREAD.toNanos();
        for (GcAdminClient c : clients) {
            while (!c.paused()) {
                if (System.nanoTime() > deadline) {
                    throw new GcBenchException(c.base() + " did not report GC paused within " + PAUSE_SPREAD.toSeconds()
                            + " s of the pause");
                }
                sleep(Duration.ofMillis(200));
            }
        }
        Log.info("GC paused on every node");
    }

    /** The last commit's review is due a delay after it; its blob may be marked a grace after it (grace <= delay). */
    private void waitForDue(GcFindings findings, SeedResult seed) {
        long due = seed.lastCommitNanos() + Duration.ofSeconds(options.delaySeconds() + 1L).toNanos();
        long waitStart = System.nanoTime();
        long left = due - waitStart;
        if (left > 0) {
            Log.info(String.format(Locale.ROOT, "waiting %.1f s for the last review to come due", left / 1e9));
            sleep(Duration.ofNanos(left));
        }
        findings.waitSeconds = (System.nanoTime() - waitStart) / 1e9;
    }

    private void collect(GcFindings findings, List<GcAdminClient> clients, ClusterMetrics metrics, CpuMeter cpu,
                         GcCounters base, long target) {
        if (clients.getFirst().resume()) {
            throw new GcBenchException("GC still reports paused after the resume");
        }
        long start = System.nanoTime();
        CpuMeter.Reading cpuStart = cpu.read();
        CpuMeter.Reading cpuEnd = cpuStart;
        long deadline = start + options.timeout().toNanos();
        long nextProgress = start + PROGRESS_EVERY.toNanos();
        Log.info("GC resumed; following " + clients.size() + " nodes' metrics every " + options.sampleEvery().toMillis()
                + " ms for up to " + options.timeout().toSeconds() + " s");
        while (true) {
            sleep(options.sampleEvery());
            GcCounters now;
            try {
                now = metrics.scrape().since(base);
            } catch (GcBenchException e) {
                Log.info("a scrape failed, skipping this sample: " + e.getMessage());
                if (System.nanoTime() > deadline) {
                    break;
                }
                continue;
            }
            long t = System.nanoTime();
            cpuEnd = cpu.read();
            findings.timeline.add(new GcSample((t - start) / 1e9, now));
            if (t > nextProgress) {
                Log.info(String.format(Locale.ROOT, "%.0f s: deleted %.0f of %d (marked %.0f, purging %.0f, gone %.0f, "
                                + "delete calls %.0f, errors %.0f)", (t - start) / 1e9, now.blobsDeleted(), target,
                        now.marked(), now.purging(), now.gone(), now.deleteCalls(), now.errors()));
                nextProgress = t + PROGRESS_EVERY.toNanos();
            }
            if (now.blobsDeleted() >= target || t > deadline) {
                break;
            }
        }
        findings.cpu.put("collection", CpuMeter.cores(cpuStart, cpuEnd, Runtime.getRuntime().availableProcessors()));
        findings.rates = GcRates.of(findings.timeline, target);
        GcRates r = findings.rates;
        Log.info(String.format(Locale.ROOT, "collection: %.0f of %d deleted in %.1f s: %.0f blobs/min, %.0f delete "
                + "calls/min, %.0f transitions/min", r.totals().blobsDeleted(), target, r.elapsed(),
                r.deletedPerMinute(), r.deleteCallsPerMinute(), r.transitionsPerMinute()));
        if (r.totals().errors() > 0) {
            findings.note(String.format(Locale.ROOT, "the nodes counted %.0f GC errors (failed reviews or deletes, retried): "
                    + "their logs are kept in %s", r.totals().errors(), options.out().resolve("logs")));
        }
        if (!r.complete()) {
            findings.fail(String.format(Locale.ROOT, "GC deleted %.0f of %d blobs within %d s", r.totals().blobsDeleted(),
                    target, options.timeout().toSeconds()));
        }
    }

    /** A sample of the seeded blobs: absent in GC's view, and 404 to a HEAD in the repository it was pushed to. */
    private void verify(GcFindings findings, List<GcAdminClient> clients, SeedResult seed, List<Integer> sample) {
        for (int i : sample) {
            String digest = seed.digests()[i];
            findings.statesAfter.merge(stateOf(clients, digest, i), 1, Integer::sum);
            GcAdminClient node = clients.get(i % clients.size());
            findings.headAfter.merge(node.headBlob(repositories.get(i % repositories.size()), digest), 1,
                    Integer::sum);
        }
        findings.verified = sample.size();
        int notAbsent = sample.size() - findings.statesAfter.getOrDefault("absent", 0);
        int notMissing = sample.size() - findings.headAfter.getOrDefault(404, 0);
        if (notAbsent > 0) {
            findings.fail(notAbsent + " of " + sample.size() + " sampled blobs are not absent in GC's view: "
                    + findings.statesAfter);
        }
        if (notMissing > 0) {
            findings.fail(notMissing + " of " + sample.size() + " sampled blobs do not answer HEAD with 404: "
                    + findings.headAfter);
        }
        Log.info("checked " + sample.size() + " blobs: GC states " + findings.statesAfter + ", HEAD " + findings.headAfter);
    }

    /** The store's object count, and which of the sample it holds by content, before the resume or after. */
    private static void lookIntoStore(GcFindings findings, BlobStoreProbe probe, List<byte[]> sample, boolean before) {
        try {
            OptionalLong objects = probe.objects();
            int holding = probe.holding(sample).map(List::size).orElse(-1);
            if (before) {
                findings.storeObjectsBefore = objects;
                findings.storeHoldingBefore = holding;
            } else {
                findings.storeObjectsAfter = objects;
                findings.storeHoldingAfter = holding;
            }
        } catch (RuntimeException e) {
            findings.fail("could not look into " + probe.describe() + ": " + e.getMessage());
        }
    }

    /**
     * After a complete collection the store holds nothing of the run but what refused uploads may have left staged
     * (the upload janitor's work, not GC's); the sample it was seen holding before must be gone from it.
     */
    private static void checkStore(GcFindings findings, BlobStoreProbe probe, SeedResult seed, int sampled) {
        if (findings.storeHoldingBefore >= 0 && findings.storeHoldingBefore < sampled) {
            findings.note("before collection the store was seen holding " + findings.storeHoldingBefore + " of the "
                    + sampled + " sampled blobs by content; the check by content proves less than it should");
        }
        if (findings.storeHoldingAfter > 0) {
            findings.fail(findings.storeHoldingAfter + " of " + sampled + " sampled blobs are still in " + probe.describe());
        }
        boolean complete = findings.rates != null && findings.rates.complete();
        if (complete && findings.storeObjectsAfter.isPresent() && findings.storeObjectsAfter.getAsLong() > seed.refusals()) {
            try {
                findings.storeExamplesAfter = probe.examples(5);
            } catch (RuntimeException e) {
                findings.note("could not list what remains in " + probe.describe() + ": " + e.getMessage());
            }
            findings.fail(findings.storeObjectsAfter.getAsLong() + " objects remain in " + probe.describe()
                    + " after every blob was reported deleted (refused uploads: " + seed.refusals() + "), e.g. "
                    + findings.storeExamplesAfter);
        }
        Log.info("blob store: " + opt(findings.storeObjectsBefore) + " objects after seeding, "
                + opt(findings.storeObjectsAfter) + " after collection; sample held by content before "
                + findings.storeHoldingBefore + ", after " + findings.storeHoldingAfter + " (-1: cannot tell)");
    }

    private static String opt(OptionalLong v) {
        return v.isPresent() ? Long.toString(v.getAsLong()) : "?";
    }

    private static String stateOf(List<GcAdminClient> clients, String digest, int index) {
        return clients.get(index % clients.size()).blobState(digest);
    }

    private BlobStoreProbe probe() {
        String conf = servicesEnv.get("FLOTILLA_CEPH_CONF");
        return switch (options.blobBackend()) {
            case "s3" -> new RgwBucketProbe(processes, conf, cluster.bucket());
            case "rados" -> new RadosNamespaceProbe(processes, conf, servicesEnv.getOrDefault("FLOTILLA_RADOS_POOL",
                    "flotilla"), cluster.radosNamespace());
            default -> BlobStoreProbe.none(options.blobBackend());
        };
    }

    /** Seeding gets a generous bound: 60 s, plus 50 ms a blob (a node would have to take fewer than 20 a second). */
    private Duration seedTimeout() {
        return Duration.ofSeconds(60).plusMillis(options.blobs() * 50);
    }

    private void write(GcFindings findings) {
        String markdown = GcReport.markdown(findings);
        try {
            Files.writeString(options.out().resolve("gc-results.md"), markdown);
            Files.writeString(options.out().resolve("gc-results.json"), GcReport.json(findings));
            Files.writeString(options.out().resolve("gc-timeline.csv"), GcReport.timelineCsv(findings));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results into " + options.out(), e);
        }
        System.out.print(markdown);
        System.out.flush();
        Log.info("wrote gc-results.md, gc-results.json and gc-timeline.csv to " + options.out());
    }

    /** Stops everything this run started, once: the cluster (and its keyspace and bucket), then the services. */
    void tearDown() {
        if (!tornDown.compareAndSet(false, true)) {
            return;
        }
        processes.close();
        scripts.stopAll();
        if (cluster != null) {
            cluster.close();
        }
        if (services != null) {
            services.close();
        }
        scripts.close();
        if (scratchLock == null) {
            return;  // another run owns the scratch folders
        }
        if (options.keep()) {
            Log.info("kept " + scratch);
        } else {
            Trees.delete(scratch);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GcBenchException("interrupted", e);
        }
    }

    /** Every node's GC counters, summed. */
    private record ClusterMetrics(List<GcAdminClient> clients) {
        GcCounters scrape() {
            List<GcCounters> each = new ArrayList<>();
            for (GcAdminClient c : clients) {
                PrometheusText text = c.metrics();
                if (!GcCounters.present(text)) {
                    throw new GcBenchException(c.base() + "/metrics has no flotilla_gc_* metrics: is the GC merged "
                            + "and the node rebuilt?");
                }
                each.add(GcCounters.of(text));
            }
            return GcCounters.sum(each);
        }
    }
}
