package io.flotilla.node.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The node's own endpoints: {@code /healthz}, {@code /readyz} and {@code /metrics}. */
class HealthHttpTest {
    @RegisterExtension
    static final OciTestClient oci = OciTestClient.perClass();

    @Test
    void healthzAndReadyzAnswer200() {
        HttpResponse<byte[]> health = oci.get("/healthz");
        assertEquals(200, health.statusCode());
        assertEquals("ok\nmetadata: up\nblobs: up\n", body(health));
        HttpResponse<byte[]> ready = oci.get("/readyz");
        assertEquals(200, ready.statusCode());
        assertEquals("ready\n", body(ready));
    }

    @Test
    void metricsCountRequestsByRouteAndTrackOpenUploads() {
        String repo = OciTestClient.uniqueRepo("metrics");
        oci.get("/v2/");
        String upload = oci.startUpload(repo);

        String open = scrape();
        assertTrue(open.contains("flotilla_http_requests_seconds_count{method=\"POST\",route=\"uploads\",status=\"202\"}"),
                open);
        assertTrue(open.contains("flotilla_http_requests_seconds_count{method=\"GET\",route=\"base\",status=\"200\"}"),
                open);
        assertEquals(1.0, gauge(open, "flotilla_upload_sessions_open"));

        assertEquals(204, oci.delete(upload).statusCode());
        assertEquals(0.0, gauge(scrape(), "flotilla_upload_sessions_open"));
    }

    @Test
    void metricsShowEachBackendUpWithNoOutages() {
        String scrape = scrape();
        assertEquals(1.0, gauge(scrape, "flotilla_backend_up\\{backend=\"metadata\"}"));
        assertEquals(1.0, gauge(scrape, "flotilla_backend_up\\{backend=\"blobs\"}"));
        assertEquals(0.0, gauge(scrape, "flotilla_backend_unavailable_total\\{backend=\"metadata\"}"));
    }

    @Test
    void aRepeatedManifestPullHitsTheCacheAndTheClusterHasOneMember() {
        String repo = OciTestClient.uniqueRepo("cache");
        oci.pushImage(repo, "v1", "cached");
        double before = gauge(scrape(), "flotilla_cache_gets_total\\{cache=\"manifests\",result=\"hit\"}");
        assertEquals(200, oci.get("/v2/" + repo + "/manifests/v1").statusCode());
        assertEquals(200, oci.get("/v2/" + repo + "/manifests/v1").statusCode());
        String scrape = scrape();
        assertTrue(gauge(scrape, "flotilla_cache_gets_total\\{cache=\"manifests\",result=\"hit\"}") >= before + 1,
                scrape);
        assertEquals(1.0, gauge(scrape, "flotilla_cluster_members"));
    }

    @Test
    void clusterMetricsDescribeANodeAlone() {
        String scrape = scrape();
        assertEquals(1.0, gauge(scrape, "flotilla_cluster_quorum"));
        assertEquals(271.0, gauge(scrape, "flotilla_cluster_partitions_owned"));
        assertEquals(0.0, gauge(scrape, "flotilla_cluster_members_removed_total"));
        assertEquals(0.0, gauge(scrape, "flotilla_cluster_degraded_calls_total"));
        assertTrue(scrape.contains("\nflotilla_cluster_migrations_total "), "migrations counter missing");
        String upload = oci.startUpload(OciTestClient.uniqueRepo("local"));
        assertEquals(1.0, gauge(scrape(), "flotilla_upload_sessions_local"), "a node alone owns every session");
        assertEquals(204, oci.delete(upload).statusCode());
    }

    private static String scrape() {
        HttpResponse<byte[]> r = oci.get("/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        return body(r);
    }

    private static double gauge(String scrape, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? (\\S+)$").matcher(scrape);
        assertTrue(m.find(), () -> name + " missing from\n" + scrape);
        return Double.parseDouble(m.group(1));
    }

    private static String body(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }
}
