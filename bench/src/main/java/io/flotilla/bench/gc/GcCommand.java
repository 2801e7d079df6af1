package io.flotilla.bench.gc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./flotilla bench gc}. Exit status: 0 when every seeded blob was collected in time and the checks
 * afterwards found none of them (a missed rate goal is a result, not an error); 1 when seeding failed, GC did
 * not collect everything before the timeout, or a check found a blob still there; 2 on a usage error.
 */
@Command(name = "gc", mixinStandardHelpOptions = true, sortOptions = false,
        description = "GC throughput: seeds unreferenced blobs into a cluster with GC paused, resumes it and measures "
                + "transitions, delete calls and blobs deleted per minute against Harbor's ~300/min; writes "
                + "gc-results.md, gc-results.json and gc-timeline.csv.")
public final class GcCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--blobs", paramLabel = "N", defaultValue = "100000",
            description = "Unreferenced blobs to seed and collect (default: ${DEFAULT-VALUE}).")
    long blobs;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "3", description = "Registry nodes (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--metadata", paramLabel = "cassandra|embedded", defaultValue = "cassandra",
            description = "Metadata store (embedded only with one node; default: ${DEFAULT-VALUE}).")
    String metadata;

    @Option(names = "--blobs-backend", paramLabel = "s3|rados|fs", defaultValue = "s3",
            description = "Blob store: s3 is Ceph's RGW (default: ${DEFAULT-VALUE}).")
    String blobBackend;

    @Option(names = "--blob-bytes", paramLabel = "N", defaultValue = "1024",
            description = "Size of each seeded blob (default: ${DEFAULT-VALUE}).")
    int blobBytes;

    @Option(names = "--connections", paramLabel = "N", defaultValue = "96",
            description = "Concurrent upload connections, spread over the nodes (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--delay-seconds", paramLabel = "S", defaultValue = "3",
            description = "gc.delay-seconds of the nodes (default: ${DEFAULT-VALUE}).")
    int delaySeconds;

    @Option(names = "--grace-seconds", paramLabel = "S", defaultValue = "1",
            description = "gc.grace-seconds of the nodes, at most the delay (default: ${DEFAULT-VALUE}).")
    int graceSeconds;

    @Option(names = "--interval-ms", paramLabel = "MS", description = "gc.interval-ms (default: the node's).")
    Integer intervalMs;

    @Option(names = "--batch", paramLabel = "N", description = "gc.batch (default: the node's).")
    Integer batch;

    @Option(names = "--concurrency", paramLabel = "N",
            description = "gc.concurrency, reviews a node runs at once (default: the node's).")
    Integer concurrency;

    @Option(names = "--max-transitions-per-second", paramLabel = "N",
            description = "gc.max-transitions-per-second per node (default: the node's).")
    Integer maxTransitions;

    @Option(names = "--max-deletes-per-second", paramLabel = "N",
            description = "gc.max-deletes-per-second per node (default: the node's).")
    Integer maxDeletes;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "How long collection may take after the resume before the run fails (default: what the "
                    + "3,000/min goal allows for --blobs, plus 30 s and two grace periods).")
    Long timeoutSeconds;

    @Option(names = "--sample-seconds", paramLabel = "S", defaultValue = "2",
            description = "How often every node's /metrics is read during collection (default: ${DEFAULT-VALUE}).")
    double sampleSeconds;

    @Option(names = "--verify", paramLabel = "N", defaultValue = "50",
            description = "Seeded blobs checked afterwards: GC state, HEAD and the blob store (default: ${DEFAULT-VALUE}).")
    int verifySample;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the results go (default: bench/target/gc-results).")
    Path out;

    @Option(names = "--keep", description = "Keep the scratch folder (node data, configs, logs).")
    boolean keep;

    @Option(names = "--jfr", description = "Record a JFR profile of every node into DIR/gc-node-PID.jfr.")
    boolean jfr;

    @Override
    public Integer call() {
        GcOptions options = options();
        GcBenchRun run = new GcBenchRun(options);
        Runtime.getRuntime().addShutdownHook(new Thread(run::tearDown, "bench-gc-teardown"));
        return run.run();
    }

    GcOptions options() {
        require(blobs >= 1 && blobs <= 10_000_000, "--blobs must be between 1 and 10,000,000");
        require(nodes >= 1 && nodes <= 9, "--nodes must be between 1 and 9");
        require(metadata.equals("cassandra") || metadata.equals("embedded"), "--metadata must be cassandra or embedded");
        require(nodes == 1 || metadata.equals("cassandra"), "more than one node needs --metadata cassandra");
        require(blobBackend.equals("s3") || blobBackend.equals("rados") || blobBackend.equals("fs"),
                "--blobs-backend must be s3, rados or fs");
        require(blobBytes >= 24 && blobBytes <= (1 << 20), "--blob-bytes must be between 24 and 1048576");
        require(connections >= 1 && connections <= 1024, "--connections must be between 1 and 1024");
        require(graceSeconds >= 0 && delaySeconds >= graceSeconds, "--grace-seconds must be between 0 and --delay-seconds");
        require(positive(intervalMs) && positive(batch) && positive(concurrency) && positive(maxTransitions)
                && positive(maxDeletes), "--interval-ms, --batch, --concurrency and the rate limits must be positive");
        require(timeoutSeconds == null || timeoutSeconds > 0, "--timeout must be positive");
        require(sampleSeconds >= 0.2 && sampleSeconds <= 60, "--sample-seconds must be between 0.2 and 60");
        require(verifySample >= 0, "--verify must not be negative");
        // The launcher cds into the repository; a relative --out means relative to where the user was.
        Path root = Path.of(System.getProperty("flotilla.root", ".")).toAbsolutePath().normalize();
        Path cwd = Path.of(System.getProperty("flotilla.cwd", ".")).toAbsolutePath();
        Path results = out == null ? root.resolve("bench/target/gc-results") : cwd.resolve(out).normalize();
        Duration timeout = timeoutSeconds == null ? GcOptions.defaultTimeout(blobs, graceSeconds)
                : Duration.ofSeconds(timeoutSeconds);
        return new GcOptions(root, results, blobs, nodes, metadata, blobBackend, blobBytes, connections, delaySeconds,
                graceSeconds, optional(intervalMs), optional(batch), optional(concurrency), optional(maxTransitions),
                optional(maxDeletes),
                timeout, Duration.ofMillis((long) (sampleSeconds * 1000)), verifySample, keep, jfr);
    }

    private void require(boolean ok, String message) {
        if (!ok) {
            throw new CommandLine.ParameterException(spec.commandLine(), message);
        }
    }

    private static boolean positive(Integer v) {
        return v == null || v > 0;
    }

    private static OptionalInt optional(Integer v) {
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }
}
