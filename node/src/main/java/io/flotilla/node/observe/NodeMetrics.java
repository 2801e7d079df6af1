package io.flotilla.node.observe;

import io.flotilla.cluster.Cache;
import io.flotilla.cluster.Caches;
import io.flotilla.cluster.ClusterStats;
import io.flotilla.cluster.Membership;
import io.flotilla.storage.spi.ManifestRecord;
import io.flotilla.storage.support.BackendHealth;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * The node's meters in one Prometheus registry: requests by route, method and status with latency
 * histograms, bytes received and sent, the cluster's open upload sessions, whether each storage
 * backend answered its last request, and this member's view of the cluster.
 */
public final class NodeMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter bytesIn;
    private final Counter bytesOut;

    public NodeMetrics(IntSupplier openUploadSessions, List<BackendHealth> backends) {
        bytesIn = Counter.builder("flotilla.http.received.bytes").description("request body bytes received")
                .baseUnit("bytes").register(registry);
        bytesOut = Counter.builder("flotilla.http.sent.bytes").description("response body bytes sent")
                .baseUnit("bytes").register(registry);
        Gauge.builder("flotilla.upload.sessions.open", openUploadSessions::getAsInt)
                .description("upload sessions open in the cluster").register(registry);
        for (BackendHealth backend : backends) {
            Gauge.builder("flotilla.backend.up", backend, b -> b.state().up() ? 1 : 0)
                    .description("1 while the backend answered its last request, 0 while it is unreachable")
                    .tag("backend", backend.name()).register(registry);
            FunctionCounter.builder("flotilla.backend.unavailable", backend, BackendHealth::failures)
                    .description("requests that failed because the backend was unreachable")
                    .tag("backend", backend.name()).register(registry);
        }
    }

    public void request(String route, String method, int status, Duration took, long in, long out) {
        Timer.builder("flotilla.http.requests")
                .description("HTTP requests by route, method and status")
                .tags("route", route, "method", method, "status", Integer.toString(status))
                .publishPercentileHistogram()
                .register(registry)
                .record(took);
        bytesIn.increment(in);
        bytesOut.increment(out);
    }

    /** Counts the access-log lines dropped because the log writer fell behind. */
    public void accessLog(AccessLogWriter writer) {
        FunctionCounter.builder("flotilla.access.log.dropped", writer, AccessLogWriter::dropped)
                .description("access-log lines dropped because the writer fell behind").register(registry);
    }

    /** The cluster's caches, counting their hits and misses under {@code flotilla_cache_gets_total}. */
    public Caches counted(Caches caches) {
        Cache<ManifestRecord> manifests = new CountingCache<>(caches.manifests(), "manifests", registry);
        Cache<Boolean> links = new CountingCache<>(caches.blobLinks(), "blob-links", registry);
        return new Caches() {
            @Override
            public Cache<ManifestRecord> manifests() {
                return manifests;
            }

            @Override
            public Cache<Boolean> blobLinks() {
                return links;
            }

            @Override
            public Cache<Long> blobReads() {
                return caches.blobReads();
            }
        };
    }

    /** The cluster as this member sees it: members, quorum, partitions, migrations and degraded calls. */
    public void cluster(ClusterStats stats, Membership membership) {
        Gauge.builder("flotilla.cluster.members", stats, ClusterStats::members)
                .description("members of the cluster as this node sees it").register(registry);
        Gauge.builder("flotilla.cluster.quorum", membership, m -> m.hasQuorum() ? 1 : 0)
                .description("1 while this side of the cluster has its minimum of members (or protection is off)")
                .register(registry);
        Gauge.builder("flotilla.cluster.partitions.owned", stats, ClusterStats::partitionsOwned)
                .description("partitions of the key space this member owns").register(registry);
        Gauge.builder("flotilla.upload.sessions.local", stats, ClusterStats::uploadSessionsOwned)
                .description("upload sessions whose partition this member owns").register(registry);
        FunctionCounter.builder("flotilla.cluster.migrations", stats, ClusterStats::migrationsCompleted)
                .description("partition replica migrations completed").register(registry);
        FunctionCounter.builder("flotilla.cluster.members.removed", stats, ClusterStats::membersRemoved)
                .description("members removed from this node's view: failure detection and graceful leaves")
                .register(registry);
        FunctionCounter.builder("flotilla.cluster.degraded.calls", stats, ClusterStats::degradedCalls)
                .description("grid calls that failed or timed out, after which the request went on without the grid")
                .register(registry);
    }

    /** The registry itself, for the meters of a subsystem that keeps its own (garbage collection). */
    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }
}
