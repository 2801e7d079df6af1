package io.flotilla.bench.gc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What {@code ./flotilla bench gc} was asked for.
 *
 * @param root             the repository: ./flotilla and deploy/local live there
 * @param out              where gc-results.md, gc-results.json and gc-timeline.csv go
 * @param blobs            how many unreferenced blobs to seed and collect
 * @param nodes            registry nodes
 * @param metadata         cluster.sh --metadata: cassandra (or embedded with one node)
 * @param blobBackend      cluster.sh --blobs: s3 (RGW), rados or fs
 * @param blobBytes        size of each seeded blob
 * @param connections      concurrent upload connections, spread over the nodes
 * @param delaySeconds     gc.delay-seconds
 * @param graceSeconds     gc.grace-seconds
 * @param intervalMs       gc.interval-ms, or the node's default
 * @param batch            gc.batch, or the node's default
 * @param concurrency      gc.concurrency (reviews a node runs at once), or the node's default
 * @param maxTransitions   gc.max-transitions-per-second (per node), or the node's default
 * @param maxDeletes       gc.max-deletes-per-second (per node), or the node's default
 * @param timeout          how long collection may take after the resume before the run fails
 * @param sampleEvery      how often the nodes' metrics are read during collection
 * @param verifySample     how many seeded blobs are checked afterwards
 * @param keep             keep the scratch folder (node data, logs)
 * @param jfr              record a JFR profile of every node into out/gc-node-PID.jfr
 */
public record GcOptions(Path root, Path out, long blobs, int nodes, String metadata, String blobBackend,
                        int blobBytes, int connections, int delaySeconds, int graceSeconds, OptionalInt intervalMs,
                        OptionalInt batch, OptionalInt concurrency, OptionalInt maxTransitions, OptionalInt maxDeletes, Duration timeout,
                        Duration sampleEvery, int verifySample, boolean keep, boolean jfr) {

    /** Harbor's reported GC rate on object storage (issue 8), deletes a minute. */
    public static final double HARBOR_DELETES_PER_MINUTE = 300;
    /** Issue 8's goal for blobs deleted a minute. */
    public static final double GOAL_DELETES_PER_MINUTE = 3000;

    /**
     * The collection time the goal allows for {@code blobs}, plus the pipeline's own latency (the delay is
     * already over at resume; a review, a grace between marked and purging, a few polls) and 30 s of slack.
     */
    public static Duration defaultTimeout(long blobs, int graceSeconds) {
        long goalSeconds = (long) Math.ceil(blobs / (GOAL_DELETES_PER_MINUTE / 60));
        return Duration.ofSeconds(goalSeconds + 2L * graceSeconds + 30);
    }

    /** The gc.* settings every node gets, as FLOTILLA_GC_* variables. */
    public Map<String, String> nodeSettings() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("FLOTILLA_GC_ENABLED", "true");
        env.put("FLOTILLA_GC_DELAY_SECONDS", Integer.toString(delaySeconds));
        env.put("FLOTILLA_GC_GRACE_SECONDS", Integer.toString(graceSeconds));
        intervalMs.ifPresent(v -> env.put("FLOTILLA_GC_INTERVAL_MS", Integer.toString(v)));
        batch.ifPresent(v -> env.put("FLOTILLA_GC_BATCH", Integer.toString(v)));
        concurrency.ifPresent(v -> env.put("FLOTILLA_GC_CONCURRENCY", Integer.toString(v)));
        maxTransitions.ifPresent(v -> env.put("FLOTILLA_GC_MAX_TRANSITIONS_PER_SECOND", Integer.toString(v)));
        maxDeletes.ifPresent(v -> env.put("FLOTILLA_GC_MAX_DELETES_PER_SECOND", Integer.toString(v)));
        if (jfr) {
            // %p: one recording per node JVM; dumped when cluster.sh down stops the node.
            env.put("FLOTILLA_JAVA_OPTS", "-XX:StartFlightRecording=filename=" + out.resolve("gc-node-%p.jfr")
                    + ",settings=profile,dumponexit=true");
        }
        return env;
    }

    /** The Ceph and Cassandra services this run needs (services.sh names). */
    public List<String> services() {
        List<String> s = new ArrayList<>();
        if (metadata.equals("cassandra")) {
            s.add("cassandra");
        }
        if (blobBackend.equals("s3") || blobBackend.equals("rados")) {
            s.add("ceph");
        }
        return s;
    }
}
