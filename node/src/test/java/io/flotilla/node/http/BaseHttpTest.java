package io.flotilla.node.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static io.flotilla.node.http.OciTestClient.assertError;
import static io.flotilla.node.http.OciTestClient.header;
import static io.flotilla.node.http.OciTestClient.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** end-1 ({@code GET /v2/}) and what every path under {@code /v2} shares: unknown shapes, methods, names. */
class BaseHttpTest {
    @RegisterExtension
    static final OciTestClient oci = OciTestClient.perClass();

    @Test
    void versionCheckAnswers200WithTheApiVersionHeader() {
        HttpResponse<byte[]> r = oci.get("/v2/");
        assertEquals(200, r.statusCode());
        assertEquals("registry/2.0", header(r, "Docker-Distribution-API-Version"));
        assertTrue(json(r).isObject());
        assertEquals(200, oci.get("/v2").statusCode());
        assertEquals(200, oci.head("/v2/").statusCode());
    }

    @Test
    void versionCheckRefusesOtherMethodsWith405AndAllow() {
        HttpResponse<byte[]> r = oci.post("/v2/", new byte[0]);
        assertError(r, 405, "UNSUPPORTED");
        assertEquals("GET, HEAD", header(r, "Allow"));
    }

    @Test
    void unknownPathsAre404InTheEnvelope() {
        assertError(oci.get("/v2/library/alpine/nothing/here"), 404, "UNSUPPORTED");
        assertError(oci.get("/v2/library/alpine"), 404, "UNSUPPORTED");
    }

    @Test
    void invalidRepositoryNamesAreNameInvalid() {
        assertError(oci.get("/v2/Upper/manifests/latest"), 400, "NAME_INVALID");
        assertError(oci.get("/v2/a..b/tags/list"), 400, "NAME_INVALID");
        assertError(oci.get("/v2/" + "a".repeat(256) + "/tags/list"), 400, "NAME_INVALID");
        assertError(oci.get("/v2/a%2Fb/tags/list"), 400, "NAME_INVALID");
    }

    @Test
    void repositoryNamesMayHoldTheWordsOfTheApi() {
        String repo = "x/blobs/uploads/manifests/tags/list/referrers";
        byte[] manifest = oci.pushImage(repo, "list", "api words");
        String digest = OciTestClient.sha256(manifest);

        assertArrayEquals(manifest, oci.get("/v2/" + repo + "/manifests/list").body());
        assertArrayEquals(manifest, oci.get("/v2/" + repo + "/manifests/" + digest).body());
        assertEquals("list", json(oci.get("/v2/" + repo + "/tags/list")).get("tags").get(0).asText());
        assertEquals(200, oci.get("/v2/" + repo + "/referrers/" + digest).statusCode());
        String layer = json(oci.get("/v2/" + repo + "/manifests/list")).get("layers").get(0).get("digest").asText();
        assertEquals("api words", new String(oci.get("/v2/" + repo + "/blobs/" + layer).body(), StandardCharsets.UTF_8));
        assertError(oci.get("/v2/x/blobs/uploads/manifests/tags/list/manifests/list"), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void everyApiResponseCarriesTheVersionHeader() {
        HttpResponse<byte[]> r = oci.get("/v2/never/pushed/manifests/latest");
        assertError(r, 404, "MANIFEST_UNKNOWN");
        assertEquals("registry/2.0", header(r, "Docker-Distribution-API-Version"));
    }

    @Test
    void methodsAResourceDoesNotServeAre405WithAllow() {
        String repo = OciTestClient.uniqueRepo("base");
        HttpResponse<byte[]> blob = oci.post("/v2/" + repo + "/blobs/" + OciTestClient.sha256(new byte[0]), new byte[0]);
        assertError(blob, 405, "UNSUPPORTED");
        assertEquals("GET, HEAD, DELETE", header(blob, "Allow"));
        HttpResponse<byte[]> uploads = oci.get("/v2/" + repo + "/blobs/uploads/");
        assertError(uploads, 405, "UNSUPPORTED");
        assertEquals("POST", header(uploads, "Allow"));
        HttpResponse<byte[]> manifest = oci.post("/v2/" + repo + "/manifests/latest", new byte[0]);
        assertError(manifest, 405, "UNSUPPORTED");
        assertEquals("GET, HEAD, PUT, DELETE", header(manifest, "Allow"));
        assertError(oci.delete("/v2/" + repo + "/tags/list"), 405, "UNSUPPORTED");
    }
}
