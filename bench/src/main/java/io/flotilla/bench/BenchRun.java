package io.flotilla.bench;

import io.flotilla.bench.client.BenchCredentials;
import io.flotilla.bench.client.BlobFile;
import io.flotilla.bench.client.BlobPush;
import io.flotilla.bench.client.Curl;
import io.flotilla.bench.client.HeadLoad;
import io.flotilla.bench.client.RegistryEndpoint;
import io.flotilla.bench.client.RegistryLogin;
import io.flotilla.bench.client.Wrk;
import io.flotilla.bench.measure.BlobFiles;
import io.flotilla.bench.measure.Catalog;
import io.flotilla.bench.measure.ListingBench;
import io.flotilla.bench.measure.PhysicalBench;
import io.flotilla.bench.measure.Plan;
import io.flotilla.bench.measure.SmallRequestBench;
import io.flotilla.bench.measure.TransferBench;
import io.flotilla.bench.measure.TransferTarget;
import io.flotilla.bench.report.Contestants;
import io.flotilla.bench.report.JsonReport;
import io.flotilla.bench.report.MarkdownReport;
import io.flotilla.bench.report.RatioChart;
import io.flotilla.bench.report.Results;
import io.flotilla.bench.report.Row;
import io.flotilla.bench.servers.BackingServices;
import io.flotilla.bench.servers.BenchCluster;
import io.flotilla.bench.servers.DockerRegistryServer;
import io.flotilla.bench.servers.FlotillaServer;
import io.flotilla.bench.servers.NginxServer;
import io.flotilla.bench.servers.PlainHelidonProcess;
import io.flotilla.bench.servers.Server;
import io.flotilla.bench.sys.Log;
import io.flotilla.bench.sys.Machine;
import io.flotilla.bench.sys.Packages;
import io.flotilla.bench.sys.Processes;
import io.flotilla.bench.sys.ScratchLock;
import io.flotilla.bench.sys.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One run of the bench, start to end: scratch folders, contestants, the measurements in order (transfers,
 * small requests, listings, the machine's limits), the result files, and a teardown that stops everything
 * this run started, also when it is cut short.
 */
final class BenchRun {
    private final BenchOptions options;
    private final Plan plan;
    private final Path scratch = tmp().resolve("flotilla-bench");
    /** The admin every Flotilla node of this run creates, with a password of this run's own. */
    private final BenchCredentials admin = BenchCredentials.randomAdmin();
    /** Servers and the measuring clients: stopped first at teardown. */
    private final Processes processes = new Processes();
    /** cluster.sh and services.sh: they must still run at teardown, after the servers are gone. */
    private final Processes scripts = new Processes();
    private final Map<String, Server> servers = new LinkedHashMap<>();
    private final AtomicBoolean tornDown = new AtomicBoolean();
    private Path blobDir;
    private FileLock scratchLock;
    // Set by the thread that starts the cluster, read at teardown.
    private volatile BackingServices services;
    private volatile BenchCluster cluster;

    BenchRun(BenchOptions options) {
        this.options = options;
        this.plan = options.smoke() ? Plan.forSmoke() : Plan.forFull(options.runs());
    }

    int run() {
        Machine machine = Machine.describe();
        Results results = new Results(new Results.RunInfo(plan.smoke(), Instant.now(), machine.summary(),
                machine.java(), Machine.loadAverage()));
        Catalog.define(results, plan, options.cluster());
        try {
            Files.createDirectories(options.out());
            lockScratch();
            prepareScratch();
            Log.info("scratch " + scratch + ", blobs in " + blobDir + ", results to " + options.out());
            CompletableFuture<URI> clusterUp = options.cluster()
                    ? CompletableFuture.supplyAsync(this::startCluster) : CompletableFuture.completedFuture(null);
            BlobFiles blobs = makeBlobs();
            startServers(results, blobs);
            URI clusterBase = awaitCluster(results, clusterUp);
            SetupNotes.add(results, plan, options, blobDir, processes);
            measure(results, blobs, clusterBase);
        } catch (IOException | RuntimeException e) {
            Log.info("the run broke: " + e);
            results.note("the run broke before it ended: " + e.getMessage());
        }
        results.loadAtEnd(Machine.loadAverage());
        List<String> failures = results.failures();
        write(results);
        if (!failures.isEmpty()) {
            keepLogs();
        }
        tearDown();
        if (!failures.isEmpty()) {
            Log.info(failures.size() + " measurements failed; see the Failures section of "
                    + options.out().resolve("results.md"));
        }
        return failures.isEmpty() ? 0 : 1;
    }

    private static Path tmp() {
        return ScratchLock.tmp();
    }

    private void lockScratch() throws IOException {
        scratchLock = ScratchLock.acquire();
    }

    private void prepareScratch() throws IOException {
        Trees.delete(scratch);
        Files.createDirectories(scratch);
        // The source blobs live in tmpfs when it can hold them, so the client's reads never bound a push.
        Path shm = Path.of("/dev/shm");
        long needed = BlobFiles.bytesNeeded(plan) + plan.referenceBytes() + (256L << 20);
        blobDir = Files.isDirectory(shm) && Files.isWritable(shm) && Files.getFileStore(shm).getUsableSpace() > needed
                ? shm.resolve("flotilla-bench-blobs") : scratch.resolve("blobs");
        Trees.delete(blobDir);
        // Three registries store every blob; nginx keeps copies of the largest; dd writes its own.
        long disk = 3 * BlobFiles.bytesNeeded(plan) + plan.ddBytes() + (1L << 30);
        long free = Files.getFileStore(scratch).getUsableSpace();
        if (free < disk) {
            throw new IOException(scratch + " has " + (free >> 20) + " MiB free; this run needs about "
                    + (disk >> 20) + " MiB");
        }
    }

    private BlobFiles makeBlobs() throws IOException {
        long start = System.nanoTime();
        BlobFiles blobs = BlobFiles.make(plan, blobDir);
        Log.info(String.format("made %d MiB of random blobs in %.1f s", BlobFiles.bytesNeeded(plan) >> 20,
                (System.nanoTime() - start) / 1e9));
        return blobs;
    }

    private void startServers(Results results, BlobFiles blobs) {
        Packages packages = new Packages(processes);
        start(results, Contestants.FLOTILLA, () -> FlotillaServer.start(processes, options.root(),
                scratch.resolve("flotilla"), admin.password(), options.flotillaAuth(),
                options.jfr() ? options.out().resolve("flotilla.jfr") : null));
        start(results, Contestants.PEER, () -> DockerRegistryServer.start(processes, packages,
                scratch.resolve("docker-registry")));
        start(results, Contestants.PLAIN_HELIDON, () -> PlainHelidonProcess.start(processes,
                scratch.resolve("plain-helidon")));
        start(results, Contestants.NGINX, () -> {
            Server nginx = NginxServer.start(processes, packages, scratch.resolve("nginx"));
            // nginx serves its copies from disk, as the registries serve theirs, not from tmpfs.
            for (BlobFile blob : concat(blobs.warmup(), blobs.row(Catalog.PUSH_512))) {
                Files.copy(blob.file(), nginx.home().resolve("root").resolve(blob.name()),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            return nginx;
        });
    }

    private interface Starter {
        Server start() throws IOException;
    }

    private void start(Results results, String name, Starter starter) {
        try {
            servers.put(name, starter.start());
        } catch (IOException | RuntimeException e) {
            Log.info(name + ": did not start: " + e.getMessage());
            failEverywhere(results, name, "did not start: " + e.getMessage());
        }
    }

    private URI startCluster() {
        services = new BackingServices(scripts, options.root(), scratch.resolve("services.log"));
        Map<String, String> env = services.ensure();
        String runName = "bench-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(5));
        cluster = new BenchCluster(scripts, options.root(), scratch.resolve("cluster"), scratch.resolve("cluster.log"),
                env, runName, admin.password(), options.flotillaAuth());
        return cluster.up(3);
    }

    private URI awaitCluster(Results results, CompletableFuture<URI> up) {
        try {
            return up.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            Log.info("cluster: did not start: " + cause.getMessage());
            failEverywhere(results, Contestants.CLUSTER, "did not start: " + cause.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the cluster started", e);
        }
    }

    private void measure(Results results, BlobFiles blobs, URI clusterBase) {
        Curl curl = new Curl(processes, plan.transferTimeout());
        Map<String, RegistryEndpoint> registries = new LinkedHashMap<>();
        if (servers.containsKey(Contestants.FLOTILLA)) {
            URI base = servers.get(Contestants.FLOTILLA).base();
            registries.put(Contestants.FLOTILLA, new RegistryEndpoint(base, flotillaLogin(base)));
        }
        if (servers.containsKey(Contestants.PEER)) {
            registries.put(Contestants.PEER, new RegistryEndpoint(servers.get(Contestants.PEER).base(),
                    RegistryLogin.none()));  // docker-registry runs without auth
        }
        if (clusterBase != null) {
            registries.put(Contestants.CLUSTER, new RegistryEndpoint(clusterBase, flotillaLogin(clusterBase)));
        }
        Map<String, TransferTarget> targets = new LinkedHashMap<>();
        BlobPush pusher = new BlobPush(curl);
        registries.forEach((name, registry) -> targets.put(name, new TransferTarget.Registry(name, registry, pusher)));
        if (servers.containsKey(Contestants.PLAIN_HELIDON)) {
            targets.put(Contestants.PLAIN_HELIDON, new TransferTarget.PlainHelidon(Contestants.PLAIN_HELIDON,
                    servers.get(Contestants.PLAIN_HELIDON).base(), curl));
        }
        Server nginx = servers.get(Contestants.NGINX);
        if (nginx != null) {
            targets.put(Contestants.NGINX, new TransferTarget.StaticFiles(Contestants.NGINX, nginx.base()));
        }
        Packages packages = new Packages(processes);
        Wrk wrk = new Wrk(processes, packages.require("wrk", "wrk").toString(), plan.connections());
        HeadLoad head = new HeadLoad(plan.connections(), 1); // one thread, as wrk: see Wrk

        phase(results, "transfers", () -> new TransferBench(plan, results, blobs, curl, processes, targets).run());
        phase(results, "small requests", () -> new SmallRequestBench(plan, results, registries,
                nginx == null ? null : nginx.base(), nginx == null ? null : nginx.home().resolve("root"), wrk, head)
                .run());
        Map<String, RegistryEndpoint> single = new LinkedHashMap<>(registries);
        single.remove(Contestants.CLUSTER);
        phase(results, "listings", () -> new ListingBench(plan, results, single, wrk).run());
        phase(results, "physical references",
                () -> new PhysicalBench(plan, results, processes, blobs, scratch).run());
    }

    /** How requests to a Flotilla node (or the cluster's balancer) at {@code base} sign in, as the options say. */
    private RegistryLogin flotillaLogin(URI base) {
        if (!options.flotillaAuth()) {
            return RegistryLogin.none();
        }
        return options.auth() == BenchOptions.Auth.TOKEN ? RegistryLogin.token(base, admin)
                : RegistryLogin.basic(admin);
    }

    /** Runs one phase; if it breaks, its rows stay unmeasured (and so fail the run), and the next phase runs. */
    private static void phase(Results results, String name, Runnable phase) {
        Log.info("== " + name);
        results.phaseLoad(name, Machine.loadAverage());
        try {
            phase.run();
        } catch (Exception e) {  // also a checked one a library rethrew undeclared
            Log.info(name + " broke: " + e);
        }
    }

    private void write(Results results) {
        String markdown = MarkdownReport.render(results);
        try {
            Files.writeString(options.out().resolve("results.md"), markdown);
            Files.writeString(options.out().resolve("results.json"), JsonReport.render(results));
            RatioChart.write(results, options.out().resolve("ratios.png"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results into " + options.out(), e);
        }
        System.out.print(markdown);
        System.out.flush();
        Log.info("wrote results.md, results.json and ratios.png to " + options.out());
    }

    /** A failed run keeps the end of every server's log next to its results. */
    private void keepLogs() {
        Path logs = options.out().resolve("logs");
        try {
            Files.createDirectories(logs);
            for (Server s : servers.values()) {
                Files.writeString(logs.resolve(s.name() + ".log"), Trees.tail(s.log(), 256 * 1024));
            }
            for (String script : List.of("services.log", "cluster.log")) {
                if (Files.exists(scratch.resolve(script))) {
                    Files.copy(scratch.resolve(script), logs.resolve(script), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            if (cluster != null) {
                cluster.keepLogs(logs);
            }
            Log.info("kept the servers' logs in " + logs);
        } catch (IOException e) {
            Log.info("could not keep the logs: " + e.getMessage());
        }
    }

    /**
     * Stops everything this run started, once: the servers and any client still running, then the cluster (its
     * keyspace and RADOS objects go too), then the services it started; then removes the scratch folders.
     */
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
            Log.info("kept " + scratch + (blobDir != null ? " and " + blobDir : ""));
        } else {
            Trees.delete(scratch);
            if (blobDir != null) {
                Trees.delete(blobDir);
            }
        }
    }

    private static void failEverywhere(Results results, String contestant, String reason) {
        for (Row row : results.rows()) {
            if (row.expected().contains(contestant)) {
                row.fail(contestant, reason);
            }
        }
    }

    private static List<BlobFile> concat(BlobFile first, List<BlobFile> rest) {
        List<BlobFile> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }
}
