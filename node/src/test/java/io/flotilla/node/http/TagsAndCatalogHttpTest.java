package io.flotilla.node.http;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.flotilla.node.http.OciTestClient.OCI_LAYER;
import static io.flotilla.node.http.OciTestClient.OCI_MANIFEST;
import static io.flotilla.node.http.OciTestClient.assertError;
import static io.flotilla.node.http.OciTestClient.header;
import static io.flotilla.node.http.OciTestClient.json;
import static io.flotilla.node.http.OciTestClient.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** end-8a, end-8b ({@code /v2/<name>/tags/list}) and the catalog extension ({@code /v2/_catalog}). */
class TagsAndCatalogHttpTest {
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");
    private static final List<String> TAGS = List.of("1.0", "1.1", "2.0", "alpha", "beta", "latest", "z_last");

    @RegisterExtension
    static final OciTestClient oci = OciTestClient.perClass();
    private static String repo;

    @BeforeAll
    static void seed() {
        repo = OciTestClient.uniqueRepo("tags");
        byte[] manifest = oci.pushImage(repo, "latest", "tagged");
        for (String tag : List.of("beta", "z_last", "1.1", "alpha", "2.0", "1.0")) {
            oci.pushManifest(repo, tag, OCI_MANIFEST, manifest);
        }
    }

    private static List<String> tags(HttpResponse<byte[]> r) {
        assertEquals(200, r.statusCode(), () -> OciTestClient.text(r));
        assertEquals(repo, json(r).get("name").asText());
        return strings(json(r).get("tags"));
    }

    private static String next(HttpResponse<byte[]> r) {
        Matcher m = NEXT.matcher(header(r, "Link"));
        assertTrue(m.matches(), () -> "not an RFC 5988 next link: " + header(r, "Link"));
        return m.group(1);
    }

    @Test
    void allTagsAreListedInLexicalOrder() {
        HttpResponse<byte[]> r = oci.get("/v2/" + repo + "/tags/list");
        assertEquals(TAGS, tags(r));
        assertTrue(header(r, "Content-Type").startsWith("application/json"));
        assertFalse(r.headers().firstValue("Link").isPresent());
    }

    @Test
    void mixedCaseTagsAreInAsciibeticalOrder() {
        String mixed = OciTestClient.uniqueRepo("tags");
        byte[] manifest = oci.pushImage(mixed, "b", "mixed case");
        for (String tag : List.of("A", "a", "B")) {
            oci.pushManifest(mixed, tag, OCI_MANIFEST, manifest);
        }
        assertEquals(List.of("A", "B", "a", "b"), strings(json(oci.get("/v2/" + mixed + "/tags/list")).get("tags")));
    }

    @Test
    void nLimitsThePageAndLinkLeadsToTheNext() {
        HttpResponse<byte[]> first = oci.get("/v2/" + repo + "/tags/list?n=3");
        assertEquals(TAGS.subList(0, 3), tags(first));
        assertEquals("/v2/" + repo + "/tags/list?n=3&last=2.0", next(first));

        HttpResponse<byte[]> second = oci.get(next(first));
        assertEquals(TAGS.subList(3, 6), tags(second));
        HttpResponse<byte[]> third = oci.get(next(second));
        assertEquals(TAGS.subList(6, 7), tags(third));
        assertFalse(third.headers().firstValue("Link").isPresent());
    }

    @Test
    void anExactFinalPageHasNoLink() {
        HttpResponse<byte[]> r = oci.get("/v2/" + repo + "/tags/list?n=" + TAGS.size());
        assertEquals(TAGS, tags(r));
        assertFalse(r.headers().firstValue("Link").isPresent());
        assertEquals(TAGS, tags(oci.get("/v2/" + repo + "/tags/list?n=1000")));
    }

    @Test
    void nZeroIsAnEmptyListWithoutLink() {
        HttpResponse<byte[]> r = oci.get("/v2/" + repo + "/tags/list?n=0");
        assertEquals(List.of(), tags(r));
        assertFalse(r.headers().firstValue("Link").isPresent());
    }

    @Test
    void lastStartsAfterTheNamedTag() {
        assertEquals(TAGS.subList(4, 7), tags(oci.get("/v2/" + repo + "/tags/list?last=alpha")));
        assertEquals(TAGS.subList(4, 6), tags(oci.get("/v2/" + repo + "/tags/list?n=2&last=alpha")));
        assertEquals(List.of("alpha", "beta"), tags(oci.get("/v2/" + repo + "/tags/list?n=2&last=2.5")));
        assertEquals(List.of(), tags(oci.get("/v2/" + repo + "/tags/list?last=z_last")));
    }

    @Test
    void aRepositoryWithBlobsButNoTagsListsNone() {
        String untagged = OciTestClient.uniqueRepo("tags");
        oci.pushBlob(untagged, OCI_LAYER, "no tags here".getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> r = oci.get("/v2/" + untagged + "/tags/list");
        assertEquals(200, r.statusCode());
        assertEquals(0, json(r).get("tags").size());
    }

    @Test
    void unknownRepositoriesAre404NameUnknown() {
        assertError(oci.get("/v2/never/pushed/tags/list"), 404, "NAME_UNKNOWN");
    }

    @Test
    void invalidPaginationIs400() {
        assertError(oci.get("/v2/" + repo + "/tags/list?n=-1"), 400, "UNSUPPORTED");
        assertError(oci.get("/v2/" + repo + "/tags/list?n=ten"), 400, "UNSUPPORTED");
        assertError(oci.get("/v2/" + repo + "/tags/list?last=-bad"), 400, "MANIFEST_INVALID");
    }

    @Test
    void theCatalogListsRepositoriesInOrderAcrossPages() {
        List<String> mine = List.of("catalog/a", "catalog/b", "catalog/c", "catalog/d");
        for (String name : mine) {
            oci.pushBlob(name, OCI_LAYER, name.getBytes(StandardCharsets.UTF_8));
        }
        HttpResponse<byte[]> whole = oci.get("/v2/_catalog");
        assertEquals(200, whole.statusCode());
        List<String> all = strings(json(whole).get("repositories"));
        assertTrue(all.containsAll(mine), all::toString);
        assertEquals(all.stream().sorted().toList(), all);

        List<String> paged = new ArrayList<>();
        String page = "/v2/_catalog?n=2";
        while (page != null) {
            HttpResponse<byte[]> r = oci.get(page);
            List<String> items = strings(json(r).get("repositories"));
            assertTrue(items.size() <= 2);
            paged.addAll(items);
            page = r.headers().firstValue("Link").isPresent() ? next(r) : null;
        }
        assertEquals(all, paged);

        HttpResponse<byte[]> afterB = oci.get("/v2/_catalog?n=1&last=catalog/b");
        assertEquals(List.of("catalog/c"), strings(json(afterB).get("repositories")));
        assertEquals("/v2/_catalog?n=1&last=catalog%2Fc", next(afterB));
        assertEquals(List.of("catalog/d"), strings(json(oci.get(next(afterB))).get("repositories")));
        HttpResponse<byte[]> zero = oci.get("/v2/_catalog?n=0");
        assertEquals(0, json(zero).get("repositories").size());
        assertFalse(zero.headers().firstValue("Link").isPresent());
    }
}
