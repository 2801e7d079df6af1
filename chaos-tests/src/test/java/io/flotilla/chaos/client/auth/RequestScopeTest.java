package io.flotilla.chaos.client.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The scopes must be spelled as Flotilla's RegistryGate challenges them, or every request would meet a 401. */
class RequestScopeTest {

    @Test
    void pullsNeedPull() {
        assertEquals(scope("repository:a/b:pull"), RequestScope.of("GET", "/v2/a/b/manifests/latest"));
        assertEquals(scope("repository:a/b:pull"), RequestScope.of("HEAD", "/v2/a/b/blobs/sha256:00"));
        assertEquals(scope("repository:a/b:pull"), RequestScope.of("GET", "/v2/a/b/tags/list"));
        assertEquals(scope("repository:a:pull"), RequestScope.of("GET", "/v2/a/referrers/sha256:00"));
    }

    @Test
    void uploadsAndManifestPutsNeedPullAndPush() {
        assertEquals(scope("repository:a/b:pull,push"), RequestScope.of("POST", "/v2/a/b/blobs/uploads/"));
        assertEquals(scope("repository:a/b:pull,push"), RequestScope.of("PATCH", "/v2/a/b/blobs/uploads/f00-ba4"));
        assertEquals(scope("repository:a/b:pull,push"), RequestScope.of("GET", "/v2/a/b/blobs/uploads/f00-ba4"));
        assertEquals(scope("repository:a/b:pull,push"), RequestScope.of("PUT", "/v2/a/b/manifests/v1"));
    }

    @Test
    void deletesNeedDelete() {
        assertEquals(scope("repository:a/b:delete"), RequestScope.of("DELETE", "/v2/a/b/manifests/sha256:00"));
        assertEquals(scope("repository:a/b:delete"), RequestScope.of("DELETE", "/v2/a/b/blobs/sha256:00"));
    }

    @Test
    void aNameMayHoldTheWordsOfARoute() {
        assertEquals(scope("repository:x/blobs/y:pull"), RequestScope.of("GET", "/v2/x/blobs/y/manifests/latest"));
    }

    @Test
    void theBaseNeedsALoginTheCatalogItsOwnScopeAndOtherPathsNothing() {
        assertEquals(scope(""), RequestScope.of("GET", "/v2/"));
        assertEquals(scope(""), RequestScope.of("GET", "/v2"));
        assertEquals(scope("registry:catalog:*"), RequestScope.of("GET", "/v2/_catalog"));
        assertEquals(Optional.empty(), RequestScope.of("GET", "/readyz"));
        assertEquals(Optional.empty(), RequestScope.of("GET", "/metrics"));
        assertEquals(Optional.empty(), RequestScope.of("GET", "/v2/nothing-known"));
    }

    private static Optional<String> scope(String s) {
        return Optional.of(s);
    }
}
