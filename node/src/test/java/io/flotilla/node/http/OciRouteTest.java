package io.flotilla.node.http;

import io.flotilla.model.InvalidNameException;
import io.flotilla.node.http.OciRoute.Kind;
import io.flotilla.node.registry.ErrorCode;
import io.flotilla.node.registry.RegistryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OciRouteTest {
    private static final String DIGEST = "sha256:" + "a".repeat(64);

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", textBlock = """
            # path                                  kind       repo                 argument
            /v2,                                    BASE,      -,                   -
            /v2/,                                   BASE,      -,                   -
            /v2/_catalog,                           CATALOG,   -,                   -
            /v2/library/alpine/tags/list,           TAGS,      library/alpine,      -
            /v2/alpine/manifests/latest,            MANIFEST,  alpine,              latest
            /v2/a/b/c/manifests/v1.0,               MANIFEST,  a/b/c,               v1.0
            /v2/alpine/blobs/uploads,               UPLOADS,   alpine,              -
            /v2/alpine/blobs/uploads/,              UPLOADS,   alpine,              -
            /v2/alpine/blobs/uploads/0a-b,          UPLOAD,    alpine,              0a-b
            /v2/alpine/blobs/sha256:abc,            BLOB,      alpine,              sha256:abc
            /v2/alpine/referrers/sha256:abc,        REFERRERS, alpine,              sha256:abc
            # names may hold the segments the shapes end in
            /v2/blobs/blobs/x,                      BLOB,      blobs,               x
            /v2/a/blobs/blobs/uploads/,             UPLOADS,   a/blobs,             -
            /v2/a/blobs/uploads/blobs/uploads/id,   UPLOAD,    a/blobs/uploads,     id
            /v2/manifests/manifests/latest,         MANIFEST,  manifests,           latest
            /v2/a/manifests/b/tags/list,            TAGS,      a/manifests/b,       -
            /v2/tags/list/tags/list,                TAGS,      tags/list,           -
            /v2/a/manifests/b/blobs/uploads/id,     UPLOAD,    a/manifests/b,       id
            /v2/referrers/referrers/x,              REFERRERS, referrers,           x
            # escapes of ordinary characters are decoded
            /v2/%61lpine/manifests/%6Catest,        MANIFEST,  alpine,              latest
            """)
    void parsesEveryKind(String path, Kind kind, String repo, String argument) {
        OciRoute route = OciRoute.parse(path);
        assertEquals(kind, route.kind());
        assertEquals(repo, route.repo() == null ? null : route.repo().value());
        assertEquals(argument, route.argument());
    }

    @Test
    void argumentIsLeftForTheResourceToValidate() {
        assertEquals(DIGEST, OciRoute.parse("/v2/a/blobs/" + DIGEST).argument());
        assertEquals("NOT:a digest", OciRoute.parse("/v2/a/blobs/NOT:a%20digest").argument());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/v2/a/blobs/x%2Fy", "/v2/a/blobs/x%2fy", "/v2/a%2Fb/tags/list", "/v2/a/blobs/x%5Cy",
            "/v2/a/blobs/x%00", "/v2/a/blobs/x%0a", "/v2/a/blobs/x%7F", "/v2/a/blobs/x%C3%A9",
            "/v2/a/blobs/x%", "/v2/a/blobs/x%4", "/v2/a/blobs/x%zz", "/v2/a/blobs/x%4g", "/v2/a/blobs/%%41",
            // a raw character outside printable ASCII must not be narrowed into an ASCII one
            "/v2/%61\u0162/tags/list", "/v2/a/blobs/x\u012F%41", "/v2/a/blobs/\u00e9"})
    void refusesForbiddenEscapesAndCharacters(String path) {
        assertCode(ErrorCode.NAME_INVALID, path);
    }

    @Test
    void refusesTooLongPaths() {
        String name = "a/".repeat(1100) + "a";
        assertCode(ErrorCode.NAME_INVALID, "/v2/" + name + "/tags/list");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v2/Alpine/tags/list", "/v2/a//b/manifests/x", "/v2/-a/blobs/x", "/v2/a./tags/list",
            "/v2/%41/tags/list", "/v2/a%20b/tags/list", "/v2/../tags/list"})
    void refusesInvalidNames(String path) {
        InvalidNameException e = assertThrows(InvalidNameException.class, () -> OciRoute.parse(path));
        assertEquals(ErrorCode.NAME_INVALID, ErrorResponses.codeOf(e));
    }

    @Test
    void refusesNamesOverTheLengthLimit() {
        assertThrows(InvalidNameException.class, () -> OciRoute.parse("/v2/" + "a".repeat(256) + "/tags/list"));
        assertEquals(Kind.TAGS, OciRoute.parse("/v2/" + "a".repeat(255) + "/tags/list").kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v2/a", "/v2/a/", "/v2/_catalog/", "/v2/a/tags", "/v2/a/tags/list/",
            "/v2/a/manifests/", "/v2/a/manifests/x/", "/v2/a/blobs/", "/v2/a/blobs/uploads/x/y/",
            "/v2//tags/list", "/v2/a/referrers/", "/v3/", "/", "/v2x", "/v2/a/unknown/x"})
    void unknownShapesAreNotFound(String path) {
        assertCode(ErrorCode.NOT_FOUND, path);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", textBlock = """
            /v2/,                     base
            /v2/a/blobs/uploads/,     uploads
            /v2/a/referrers/x,        referrers
            /v2/a/nothing,            other
            /v2/A/tags/list,          other
            /v2/a/blobs/%2F,          other
            /v2/a/blobs/%,            other
            -,                        other
            """)
    void labelNeverThrows(String path, String label) {
        assertEquals(label, OciRoute.label(path));
    }

    @Test
    void labelOfAHugePathIsOther() {
        assertEquals("other", OciRoute.label("/v2/" + "a".repeat(100_000)));
    }

    @Test
    void baseHasNoRepository() {
        OciRoute base = OciRoute.parse("/v2/");
        assertNull(base.repo());
        assertNull(base.argument());
    }

    private static void assertCode(ErrorCode code, String path) {
        RegistryException e = assertThrows(RegistryException.class, () -> OciRoute.parse(path));
        assertEquals(code, e.code(), e.detail());
    }
}
