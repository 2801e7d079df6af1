package io.flotilla.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flotilla.node.http.OciTestClient.Blob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static io.flotilla.node.http.OciTestClient.OCI_EMPTY;
import static io.flotilla.node.http.OciTestClient.OCI_INDEX;
import static io.flotilla.node.http.OciTestClient.OCI_MANIFEST;
import static io.flotilla.node.http.OciTestClient.assertError;
import static io.flotilla.node.http.OciTestClient.bytes;
import static io.flotilla.node.http.OciTestClient.descriptor;
import static io.flotilla.node.http.OciTestClient.header;
import static io.flotilla.node.http.OciTestClient.imageManifest;
import static io.flotilla.node.http.OciTestClient.index;
import static io.flotilla.node.http.OciTestClient.json;
import static io.flotilla.node.http.OciTestClient.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** end-12a and end-12b: {@code GET /v2/<name>/referrers/<digest>}, with and without an artifactType filter. */
class ReferrersHttpTest {
    private static final String SBOM = "application/vnd.example.sbom.v1";
    private static final String SIGNATURE_CONFIG = "application/vnd.example.signature.config.v1+json";

    @RegisterExtension
    static final OciTestClient oci = OciTestClient.perClass();

    private static HttpResponse<byte[]> referrers(String repo, String subject, String query) {
        HttpResponse<byte[]> r = oci.get("/v2/" + repo + "/referrers/" + subject + (query == null ? "" : "?" + query));
        assertEquals(200, r.statusCode(), () -> OciTestClient.text(r));
        assertEquals(OCI_INDEX, header(r, "Content-Type"));
        JsonNode index = json(r);
        assertEquals(2, index.get("schemaVersion").asInt());
        assertEquals(OCI_INDEX, index.get("mediaType").asText());
        assertTrue(index.get("manifests").isArray());
        return r;
    }

    /** The referrers listed, by digest. */
    private static Map<String, JsonNode> listed(HttpResponse<byte[]> r) {
        Map<String, JsonNode> byDigest = new HashMap<>();
        json(r).get("manifests").forEach(d -> byDigest.put(d.get("digest").asText(), d));
        return byDigest;
    }

    /** Pushes a manifest whose subject is {@code subject}, by digest; returns its bytes. */
    private static byte[] pushReferrer(String repo, String subject, ObjectNode manifest, String mediaType) {
        manifest.set("subject", descriptor(OCI_MANIFEST, subject, 100));
        byte[] body = bytes(manifest);
        HttpResponse<byte[]> r = oci.pushManifest(repo, sha256(body), mediaType, body);
        assertEquals(subject, header(r, "OCI-Subject"));
        return body;
    }

    private static Blob emptyConfig(String repo) {
        return oci.pushBlob(repo, OCI_EMPTY, "{}".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void referrersAreListedWithArtifactTypeAndAnnotations() {
        String repo = OciTestClient.uniqueRepo("referrers");
        String subject = sha256(oci.pushImage(repo, "subject", "subject image"));

        ObjectNode sbom = imageManifest(OCI_MANIFEST, emptyConfig(repo));
        sbom.put("artifactType", SBOM);
        sbom.putObject("annotations").put("org.example.sbom.format", "json").put("org.opencontainers.image.created", "2024");
        byte[] sbomBody = pushReferrer(repo, subject, sbom, OCI_MANIFEST);

        Blob sigConfig = oci.pushBlob(repo, SIGNATURE_CONFIG, "{\"sig\":true}".getBytes(StandardCharsets.UTF_8));
        byte[] sigBody = pushReferrer(repo, subject, imageManifest(OCI_MANIFEST, sigConfig), OCI_MANIFEST);

        ObjectNode untypedIndex = index(OCI_INDEX);
        untypedIndex.putObject("annotations").put("org.example.kind", "bundle");
        byte[] indexBody = pushReferrer(repo, subject, untypedIndex, OCI_INDEX);

        Map<String, JsonNode> found = listed(referrers(repo, subject, null));
        assertEquals(3, found.size());

        JsonNode s = found.get(sha256(sbomBody));
        assertEquals(OCI_MANIFEST, s.get("mediaType").asText());
        assertEquals(sbomBody.length, s.get("size").asLong());
        assertEquals(SBOM, s.get("artifactType").asText());
        assertEquals("json", s.get("annotations").get("org.example.sbom.format").asText());
        assertEquals("2024", s.get("annotations").get("org.opencontainers.image.created").asText());

        JsonNode sig = found.get(sha256(sigBody));
        assertEquals(SIGNATURE_CONFIG, sig.get("artifactType").asText(), "falls back to the config's mediaType");
        assertEquals(sigBody.length, sig.get("size").asLong());

        JsonNode idx = found.get(sha256(indexBody));
        assertEquals(OCI_INDEX, idx.get("mediaType").asText());
        assertFalse(idx.has("artifactType"), "an index without artifactType lists none");
        assertEquals("bundle", idx.get("annotations").get("org.example.kind").asText());
    }

    @Test
    void theArtifactTypeFilterIsAppliedAndAnnounced() {
        String repo = OciTestClient.uniqueRepo("referrers");
        String subject = sha256(oci.pushImage(repo, "subject", "filtered subject"));
        ObjectNode sbom = imageManifest(OCI_MANIFEST, emptyConfig(repo));
        sbom.put("artifactType", SBOM);
        byte[] sbomBody = pushReferrer(repo, subject, sbom, OCI_MANIFEST);
        ObjectNode other = imageManifest(OCI_MANIFEST, emptyConfig(repo));
        other.put("artifactType", "application/vnd.example.other.v1");
        pushReferrer(repo, subject, other, OCI_MANIFEST);

        HttpResponse<byte[]> all = referrers(repo, subject, null);
        assertEquals(2, listed(all).size());
        assertFalse(all.headers().firstValue("OCI-Filters-Applied").isPresent());

        HttpResponse<byte[]> filtered = referrers(repo, subject, "artifactType=" + SBOM);
        assertEquals("artifactType", header(filtered, "OCI-Filters-Applied"));
        assertEquals(Set.of(sha256(sbomBody)), listed(filtered).keySet());

        HttpResponse<byte[]> none = referrers(repo, subject, "artifactType=application/vnd.example.none");
        assertEquals("artifactType", header(none, "OCI-Filters-Applied"));
        assertTrue(listed(none).isEmpty());
    }

    @Test
    void noReferrersIsAnEmptyIndexNotA404() {
        String repo = OciTestClient.uniqueRepo("referrers");
        String subject = sha256(oci.pushImage(repo, "lonely", "no referrers"));
        assertTrue(listed(referrers(repo, subject, null)).isEmpty());
        assertTrue(listed(referrers(repo, sha256("never pushed".getBytes(StandardCharsets.UTF_8)), null)).isEmpty());
        assertTrue(listed(referrers("never/pushed", subject, null)).isEmpty());
    }

    @Test
    void referrersPushedBeforeTheirSubjectAreListed() {
        String repo = OciTestClient.uniqueRepo("referrers");
        ObjectNode sbom = imageManifest(OCI_MANIFEST, emptyConfig(repo));
        sbom.put("artifactType", SBOM);
        byte[] image = "later image".getBytes(StandardCharsets.UTF_8);
        String subject = sha256(image);
        byte[] sbomBody = pushReferrer(repo, subject, sbom, OCI_MANIFEST);

        assertEquals(Set.of(sha256(sbomBody)), listed(referrers(repo, subject, null)).keySet());
    }

    @Test
    void referrersAreScopedToTheRepositoryAndDropOutWhenDeleted() {
        String repo = OciTestClient.uniqueRepo("referrers");
        String other = OciTestClient.uniqueRepo("referrers");
        String subject = sha256(oci.pushImage(repo, "subject", "scoped"));
        ObjectNode sbom = imageManifest(OCI_MANIFEST, emptyConfig(repo));
        sbom.put("artifactType", SBOM);
        byte[] sbomBody = pushReferrer(repo, subject, sbom, OCI_MANIFEST);

        assertTrue(listed(referrers(other, subject, null)).isEmpty());
        assertEquals(202, oci.delete("/v2/" + repo + "/manifests/" + sha256(sbomBody)).statusCode());
        assertTrue(listed(referrers(repo, subject, null)).isEmpty());
    }

    @Test
    void anInvalidDigestIs400() {
        String repo = OciTestClient.uniqueRepo("referrers");
        assertError(oci.get("/v2/" + repo + "/referrers/sha256:nothex"), 400, "DIGEST_INVALID");
        assertError(oci.get("/v2/" + repo + "/referrers/latest"), 400, "DIGEST_INVALID");
    }
}
