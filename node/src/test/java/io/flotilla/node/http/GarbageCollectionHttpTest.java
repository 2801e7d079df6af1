package io.flotilla.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static io.flotilla.node.http.OciTestClient.OCI_CONFIG;
import static io.flotilla.node.http.OciTestClient.OCI_LAYER;
import static io.flotilla.node.http.OciTestClient.OCI_MANIFEST;
import static io.flotilla.node.http.OciTestClient.assertError;
import static io.flotilla.node.http.OciTestClient.bytes;
import static io.flotilla.node.http.OciTestClient.imageManifest;
import static io.flotilla.node.http.OciTestClient.json;
import static io.flotilla.node.http.OciTestClient.sha256;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Online garbage collection through a node's HTTP API, with a delay of seconds: what is unreferenced goes, what
 * is referenced or recently read stays, and the admin API pauses, reports and sets policies.
 */
class GarbageCollectionHttpTest {
    private static final Duration DELAY = Duration.ofSeconds(2);
    /** Delay, grace and a few polls, with room for a slow machine. */
    private static final Duration COLLECTED_WITHIN = Duration.ofSeconds(30);

    @RegisterExtension
    static final OciTestClient oci = OciTestClient.perClass(Map.of(
            "gc.delay-seconds", Long.toString(DELAY.toSeconds()),
            "gc.grace-seconds", "1",
            "gc.interval-ms", "200"));

    private static final String GC = "/api/v2.0/system/gc";

    private static String state(String digest) {
        HttpResponse<byte[]> r = oci.get(GC + "/blobs/" + digest);
        assertEquals(200, r.statusCode(), () -> OciTestClient.text(r));
        return json(r).get("state").asText();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + COLLECTED_WITHIN.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(what + " did not happen within " + COLLECTED_WITHIN);
            }
            Thread.sleep(100);
        }
    }

    private static void awaitGone(String digest) throws InterruptedException {
        await(digest + " collected", () -> state(digest).equals("absent"));
    }

    /** Sleeps past every review that could collect something still due: the delay, the grace and a few polls. */
    private static void pastTheDelay() throws InterruptedException {
        Thread.sleep(DELAY.plusSeconds(3).toMillis());
    }

    private static OciTestClient.Blob blob(String repo, String text) {
        return oci.pushBlob(repo, OCI_LAYER, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBlobNoManifestReferencesIsCollectedAndReferencedOnesStay() throws Exception {
        String repo = OciTestClient.uniqueRepo("gc");
        byte[] manifest = oci.pushImage(repo, "kept", "a layer a manifest keeps");
        OciTestClient.Blob lone = blob(repo, "pushed and never referenced");

        awaitGone(lone.digest());
        assertEquals(404, oci.head("/v2/" + repo + "/blobs/" + lone.digest()).statusCode());
        pastTheDelay();
        JsonNode layers = json(oci.get("/v2/" + repo + "/manifests/kept")).get("layers");
        String layer = layers.get(0).get("digest").asText();
        assertEquals("live", state(layer));
        assertArrayEquals("a layer a manifest keeps".getBytes(StandardCharsets.UTF_8),
                oci.get("/v2/" + repo + "/blobs/" + layer).body());
        assertEquals("live", state(sha256(manifest)), "the manifest's own stored copy");
    }

    @Test
    void deletingAManifestCollectsWhatOnlyItUsed() throws Exception {
        String repo = OciTestClient.uniqueRepo("gc");
        OciTestClient.Blob shared = blob(repo, "a layer both images share");
        OciTestClient.Blob own = blob(repo, "a layer only the doomed image has");
        OciTestClient.Blob config = oci.pushBlob(repo, OCI_CONFIG, "{\"doomed\":true}".getBytes(StandardCharsets.UTF_8));
        OciTestClient.Blob otherConfig = oci.pushBlob(repo, OCI_CONFIG, "{\"kept\":true}".getBytes(StandardCharsets.UTF_8));
        byte[] doomed = bytes(imageManifest(OCI_MANIFEST, config, shared, own));
        oci.pushManifest(repo, "doomed", OCI_MANIFEST, doomed);
        oci.pushManifest(repo, "kept", OCI_MANIFEST, bytes(imageManifest(OCI_MANIFEST, otherConfig, shared)));

        assertEquals(202, oci.delete("/v2/" + repo + "/manifests/" + sha256(doomed)).statusCode());
        awaitGone(own.digest());
        awaitGone(config.digest());
        awaitGone(sha256(doomed));
        assertEquals("live", state(shared.digest()));
        assertArrayEquals(shared.content(), oci.get("/v2/" + repo + "/blobs/" + shared.digest()).body());
    }

    @Test
    void aBlobReadAgainAndAgainIsNotCollectedUntilTheReadsStop() throws Exception {
        String repo = OciTestClient.uniqueRepo("gc");
        OciTestClient.Blob read = blob(repo, "HEADed by a client that will PUT its manifest later");
        long until = System.nanoTime() + DELAY.multipliedBy(3).toNanos();
        while (System.nanoTime() < until) {
            assertEquals(200, oci.head("/v2/" + repo + "/blobs/" + read.digest()).statusCode(),
                    "collected while it was being read");
            Thread.sleep(200);
        }
        OciTestClient.Blob config = oci.pushBlob(repo, OCI_CONFIG, "{}".getBytes(StandardCharsets.UTF_8));
        oci.pushManifest(repo, "late", OCI_MANIFEST, bytes(imageManifest(OCI_MANIFEST, config, read)));
        pastTheDelay();
        assertEquals("live", state(read.digest()));
    }

    @Test
    void pausedCollectionCollectsNothingUntilResumedAndTheDryRunSaysWhatWouldGo() throws Exception {
        String repo = OciTestClient.uniqueRepo("gc");
        assertEquals(200, oci.post(GC + "/pause", new byte[0]).statusCode());
        OciTestClient.Blob lone;
        try {
            assertTrue(json(oci.get(GC)).get("paused").asBoolean());
            lone = blob(repo, "waits for the collector to resume");
            pastTheDelay();
            assertEquals("live", state(lone.digest()));
            JsonNode dry = json(oci.get(GC + "/dry-run?limit=10000"));
            boolean listed = false;
            for (JsonNode item : dry.get("wouldDelete")) {
                listed |= item.get("name").asText().equals(lone.digest());
            }
            assertTrue(listed, () -> "dry run does not list " + lone.digest() + ": " + dry);
        } finally {
            assertEquals(200, oci.post(GC + "/resume", new byte[0]).statusCode());
        }
        awaitGone(lone.digest());
        assertTrue(!json(oci.get(GC)).get("paused").asBoolean());
    }

    @Test
    void theUntaggedPolicyDeletesAManifestOnceItsTagMoves() throws Exception {
        String repo = OciTestClient.uniqueRepo("gc");
        HttpResponse<byte[]> set = oci.put(GC + "/untagged-policy?repository=" + repo,
                "{\"untagged\":\"delete\",\"afterHours\":0}".getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json");
        assertEquals(200, set.statusCode(), () -> OciTestClient.text(set));
        byte[] first = oci.pushImage(repo, "latest", "first build");
        String firstLayer = json(oci.get("/v2/" + repo + "/manifests/latest")).get("layers").get(0).get("digest").asText();
        oci.pushImage(repo, "latest", "second build");

        await("the untagged manifest deleted",
                () -> oci.get("/v2/" + repo + "/manifests/" + sha256(first)).statusCode() == 404);
        awaitGone(firstLayer);
        assertEquals(200, oci.get("/v2/" + repo + "/manifests/latest").statusCode());

        String keeper = OciTestClient.uniqueRepo("gc");
        byte[] old = oci.pushImage(keeper, "latest", "kept untagged by default");
        oci.pushImage(keeper, "latest", "newer");
        pastTheDelay();
        assertEquals(200, oci.get("/v2/" + keeper + "/manifests/" + sha256(old)).statusCode());
    }

    @Test
    void aReferrerGoesWithItsSubject() throws Exception {
        String repo = OciTestClient.uniqueRepo("gc");
        byte[] subject = oci.pushImage(repo, "signed", "a signed image");
        OciTestClient.Blob empty = oci.pushBlob(repo, "application/vnd.oci.empty.v1+json",
                "{}".getBytes(StandardCharsets.UTF_8));
        OciTestClient.Blob signature = blob(repo, "a signature");
        var referrer = imageManifest(OCI_MANIFEST, empty, signature);
        referrer.put("artifactType", "application/vnd.example.signature");
        referrer.set("subject", OciTestClient.descriptor(OCI_MANIFEST, sha256(subject), subject.length));
        byte[] referrerBytes = bytes(referrer);
        oci.pushManifest(repo, sha256(referrerBytes), OCI_MANIFEST, referrerBytes);

        pastTheDelay();
        assertEquals(200, oci.get("/v2/" + repo + "/manifests/" + sha256(referrerBytes)).statusCode(),
                "a referrer of a live subject stays");
        assertEquals(202, oci.delete("/v2/" + repo + "/manifests/" + sha256(subject)).statusCode());
        await("the referrer deleted",
                () -> oci.get("/v2/" + repo + "/manifests/" + sha256(referrerBytes)).statusCode() == 404);
        awaitGone(signature.digest());
    }

    @Test
    void theMetricsCountWhatWasCollected() throws Exception {
        String repo = OciTestClient.uniqueRepo("gc");
        awaitGone(blob(repo, "counted").digest());
        String metrics = OciTestClient.text(oci.get("/metrics"));
        assertTrue(metrics.contains("flotilla_gc_blobs_deleted_total"), metrics);
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("flotilla_gc_transitions_total{to=\"purging\"}")
                && !l.endsWith(" 0.0")), "no purging transition counted");
        assertTrue(metrics.contains("flotilla_gc_queue_due_items{partition=\"0\"}"));
    }

    @Test
    void badInputToTheApiIsRefusedClearly() {
        assertError(oci.get(GC + "/blobs/sha256:nothex"), 400, "DIGEST_INVALID");
        assertError(oci.get(GC + "/dry-run?limit=0"), 400, "UNSUPPORTED");
        assertError(oci.get(GC + "/untagged-policy"), 400, "UNSUPPORTED");
        assertError(oci.get(GC + "/untagged-policy?repository=Bad..Name"), 400, "NAME_INVALID");
        assertError(oci.put(GC + "/untagged-policy?repository=ok/repo", "{\"untagged\":\"sometimes\"}"
                .getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json"), 400, "UNSUPPORTED");
        assertError(oci.put(GC + "/untagged-policy?repository=ok/repo", "{\"untagged\":\"delete\",\"afterHours\":-2}"
                .getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json"), 400, "UNSUPPORTED");
        assertError(oci.send("GET", GC, java.net.http.HttpRequest.BodyPublishers.noBody(), "Authorization",
                "Basic " + java.util.Base64.getEncoder().encodeToString("nobody:wrong".getBytes())), 401, "UNAUTHORIZED");
    }
}
