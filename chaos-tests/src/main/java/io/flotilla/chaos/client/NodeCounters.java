package io.flotilla.chaos.client;

import java.net.URI;

/** Reads counters from a node's Prometheus text at {@code /metrics}. */
public final class NodeCounters {

    private final OciClient client;

    public NodeCounters(OciClient client) {
        this.client = client;
    }

    /**
     * Registry API requests the node has served: the sum of {@code flotilla_http_requests_seconds_count} over
     * every route but {@code system} (the node's label for paths outside {@code /v2}), so the balancer's health
     * checks on {@code /readyz} do not count.
     */
    public long registryRequests(URI node) {
        return sumExcept(metrics(node), "flotilla_http_requests_seconds_count{", "route=\"system\"");
    }

    /** Lookups in the shared cache {@code cache} (e.g. {@code manifests}) that ended as {@code result} (hit, miss). */
    public long cacheGets(URI node, String cache, String result) {
        return sumExcept(metrics(node), "flotilla_cache_gets_total{cache=\"" + cache + "\",result=\"" + result + "\"}",
                "\u0000");
    }

    private String metrics(URI node) {
        OciResponse res = client.get(node, "/metrics");
        if (res.status() != 200) {
            throw new IllegalStateException("GET /metrics on " + node + ": " + res);
        }
        return res.text();
    }

    /** The sum of the samples whose line starts with {@code prefix} and does not contain {@code label}. */
    static long sumExcept(String exposition, String prefix, String label) {
        double total = 0;
        for (String line : exposition.split("\n")) {
            if (line.startsWith(prefix) && !line.contains(label)) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) total;
    }
}
