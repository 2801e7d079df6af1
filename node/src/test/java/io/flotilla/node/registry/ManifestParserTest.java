package io.flotilla.node.registry;

import io.flotilla.model.Descriptor;
import io.flotilla.model.Digest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.flotilla.model.MediaTypes.DOCKER_MANIFEST;
import static io.flotilla.model.MediaTypes.DOCKER_MANIFEST_LIST;
import static io.flotilla.model.MediaTypes.OCI_EMPTY;
import static io.flotilla.model.MediaTypes.OCI_INDEX;
import static io.flotilla.model.MediaTypes.OCI_MANIFEST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Bodies are written with single quotes for readability; {@link #parse} turns them into JSON. */
class ManifestParserTest {
    private static final String D1 = "sha256:" + "1".repeat(64);
    private static final String D2 = "sha256:" + "2".repeat(64);
    private static final String D3 = "sha512:" + "3".repeat(128);
    private static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    private static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    private static final String CONFIG = desc(OCI_CONFIG, D1, 7);
    private static final String LAYER = desc("application/vnd.oci.image.layer.v1.tar+gzip", D2, 32);

    private final ManifestParser parser = new ManifestParser();

    // ---- valid manifests ------------------------------------------------------------------------

    static Stream<Arguments> valid() {
        return Stream.of(
                // name, Content-Type, body, media type, artifactType, required blobs, children
                arguments("oci image", OCI_MANIFEST, image(OCI_MANIFEST, CONFIG, LAYER),
                        OCI_MANIFEST, OCI_CONFIG, List.of(D1, D2), List.of()),
                arguments("oci image typed only by header", OCI_MANIFEST, image(null, CONFIG, LAYER),
                        OCI_MANIFEST, OCI_CONFIG, List.of(D1, D2), List.of()),
                arguments("oci image typed only by body", null, image(OCI_MANIFEST, CONFIG, LAYER),
                        OCI_MANIFEST, OCI_CONFIG, List.of(D1, D2), List.of()),
                arguments("header with parameters and case", "Application/VND.oci.image.manifest.v1+json; charset=utf-8",
                        image(OCI_MANIFEST, CONFIG, LAYER), OCI_MANIFEST, OCI_CONFIG, List.of(D1, D2), List.of()),
                arguments("blank header falls back to body", " ", image(OCI_MANIFEST, CONFIG, ""),
                        OCI_MANIFEST, OCI_CONFIG, List.of(D1), List.of()),
                arguments("no layers", OCI_MANIFEST, image(OCI_MANIFEST, CONFIG, ""),
                        OCI_MANIFEST, OCI_CONFIG, List.of(D1), List.of()),
                arguments("sha512 layer", OCI_MANIFEST, image(OCI_MANIFEST, CONFIG, desc("a/b", D3, 0)),
                        OCI_MANIFEST, OCI_CONFIG, List.of(D1, D3), List.of()),
                arguments("artifact with empty config", OCI_MANIFEST,
                        "{'schemaVersion':2,'mediaType':'" + OCI_MANIFEST + "','artifactType':'application/vnd.example+type',"
                                + "'config':" + desc(OCI_EMPTY, D1, 2) + ",'layers':[" + LAYER + "]}",
                        OCI_MANIFEST, "application/vnd.example+type", List.of(D1, D2), List.of()),
                arguments("artifact typed by its config", OCI_MANIFEST,
                        image(OCI_MANIFEST, desc("application/vnd.example.config+json", D1, 2), ""),
                        OCI_MANIFEST, "application/vnd.example.config+json", List.of(D1), List.of()),
                arguments("foreign layer with urls is not required", DOCKER_MANIFEST,
                        image(DOCKER_MANIFEST, desc(DOCKER_CONFIG, D1, 7),
                                "{'mediaType':'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip','digest':'" + D3
                                        + "','size':9,'urls':['https://example.com/layer']}," + LAYER),
                        DOCKER_MANIFEST, DOCKER_CONFIG, List.of(D1, D2), List.of()),
                arguments("layer with empty urls is required", OCI_MANIFEST,
                        image(OCI_MANIFEST, CONFIG, "{'mediaType':'a/b','digest':'" + D2 + "','size':1,'urls':[]}"),
                        OCI_MANIFEST, OCI_CONFIG, List.of(D1, D2), List.of()),
                arguments("docker manifest", DOCKER_MANIFEST, image(DOCKER_MANIFEST, desc(DOCKER_CONFIG, D1, 7), LAYER),
                        DOCKER_MANIFEST, DOCKER_CONFIG, List.of(D1, D2), List.of()),
                arguments("docker manifest typed by body", null, image(DOCKER_MANIFEST, desc(DOCKER_CONFIG, D1, 7), LAYER),
                        DOCKER_MANIFEST, DOCKER_CONFIG, List.of(D1, D2), List.of()),
                arguments("oci index", OCI_INDEX, index(OCI_INDEX, desc(OCI_MANIFEST, D1, 500) + "," + desc(OCI_MANIFEST, D2, 600)),
                        OCI_INDEX, null, List.of(), List.of(D1, D2)),
                arguments("oci index typed only by header", OCI_INDEX, index(null, desc(OCI_MANIFEST, D1, 500)),
                        OCI_INDEX, null, List.of(), List.of(D1)),
                arguments("empty oci index", OCI_INDEX, index(OCI_INDEX, ""), OCI_INDEX, null, List.of(), List.of()),
                arguments("oci index with artifactType", OCI_INDEX,
                        "{'schemaVersion':2,'mediaType':'" + OCI_INDEX + "','artifactType':'application/x.sig','manifests':[]}",
                        OCI_INDEX, "application/x.sig", List.of(), List.of()),
                arguments("docker manifest list", DOCKER_MANIFEST_LIST,
                        index(DOCKER_MANIFEST_LIST, desc(DOCKER_MANIFEST, D1, 500)),
                        DOCKER_MANIFEST_LIST, null, List.of(), List.of(D1)),
                arguments("unknown fields are ignored", OCI_MANIFEST,
                        "{'schemaVersion':2,'config':" + CONFIG + ",'layers':[],'x-extra':{'a':[1,2,{'b':null}]}}",
                        OCI_MANIFEST, OCI_CONFIG, List.of(D1), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void valid(String name, String contentType, String body, String mediaType, String artifactType,
               List<String> required, List<String> children) {
        ParsedManifest m = parse(contentType, body);
        assertEquals(mediaType, m.mediaType());
        assertEquals(artifactType, m.artifactType());
        assertEquals(required, m.requiredBlobs().stream().map(d -> d.digest().toString()).toList());
        assertEquals(children, m.children().stream().map(d -> d.digest().toString()).toList());
        assertNull(m.subject());
    }

    @Test
    void subjectAndAnnotationsAreKept() {
        ParsedManifest m = parse(OCI_MANIFEST, "{'schemaVersion':2,'config':" + CONFIG + ",'layers':[],"
                + "'subject':{'mediaType':'" + OCI_MANIFEST + "','digest':'" + D3 + "','size':99,'annotations':{'k':'v'}},"
                + "'annotations':{'org.opencontainers.image.created':'2024-01-01T00:00:00Z'}}");
        assertEquals(new Descriptor(OCI_MANIFEST, Digest.parse(D3), 99, null, Map.of("k", "v")), m.subject());
        assertEquals(Map.of("org.opencontainers.image.created", "2024-01-01T00:00:00Z"), m.annotations());
        assertEquals(List.of(Digest.parse(D1)), m.references());
    }

    @Test
    void indexChildrenKeepTheirArtifactTypeAndAreReferences() {
        ParsedManifest m = parse(OCI_INDEX, index(OCI_INDEX,
                "{'mediaType':'" + OCI_MANIFEST + "','digest':'" + D1 + "','size':5,'artifactType':'application/x.sbom'}"));
        assertEquals("application/x.sbom", m.children().getFirst().artifactType());
        assertEquals(List.of(Digest.parse(D1)), m.references());
    }

    // ---- invalid manifests ----------------------------------------------------------------------

    static Stream<Arguments> invalid() {
        String deep = "[".repeat(40) + "]".repeat(40);
        return Stream.of(
                // name, Content-Type, body, fragment of the detail
                arguments("empty body", OCI_MANIFEST, "", "JSON object"),
                arguments("not json", OCI_MANIFEST, "{", "not valid JSON"),
                arguments("array", OCI_MANIFEST, "[]", "JSON object"),
                arguments("string", OCI_MANIFEST, "'manifest'", "JSON object"),
                arguments("null", OCI_MANIFEST, "null", "JSON object"),
                arguments("number", OCI_MANIFEST, "2", "JSON object"),
                arguments("trailing object", OCI_MANIFEST, image(OCI_MANIFEST, CONFIG, LAYER) + " {}", "not a single JSON value"),
                arguments("trailing garbage", OCI_MANIFEST, image(OCI_MANIFEST, CONFIG, LAYER) + "x", "not valid JSON"),
                arguments("comment", OCI_MANIFEST, "/* c */" + image(OCI_MANIFEST, CONFIG, LAYER), "not valid JSON"),
                arguments("duplicate key", OCI_MANIFEST,
                        "{'schemaVersion':2,'schemaVersion':2,'config':" + CONFIG + ",'layers':[]}", "not valid JSON"),
                arguments("duplicate nested key", OCI_MANIFEST,
                        "{'schemaVersion':2,'config':" + CONFIG + ",'layers':[],'annotations':{'a':'1','a':'2'}}",
                        "not valid JSON"),
                arguments("nesting too deep", OCI_MANIFEST,
                        "{'schemaVersion':2,'config':" + CONFIG + ",'layers':[],'x':" + deep + "}", "nesting deeper than 32"),
                // media types
                arguments("no media type anywhere", null, image(null, CONFIG, LAYER), "unsupported manifest media type"),
                arguments("unknown header type", "application/json", image(OCI_MANIFEST, CONFIG, LAYER), "unsupported"),
                arguments("unknown body type", null, image("application/vnd.oci.image.config.v1+json", CONFIG, LAYER), "unsupported"),
                arguments("body type is not a string", OCI_MANIFEST,
                        "{'schemaVersion':2,'mediaType':7,'config':" + CONFIG + ",'layers':[]}", "mediaType must be a string"),
                arguments("body and header disagree", OCI_INDEX, image(OCI_MANIFEST, CONFIG, LAYER), "does not match"),
                arguments("body type differs in case", OCI_MANIFEST,
                        image(OCI_MANIFEST.toUpperCase(java.util.Locale.ROOT), CONFIG, LAYER), "does not match"),
                arguments("docker manifest needs body mediaType", DOCKER_MANIFEST,
                        image(null, desc(DOCKER_CONFIG, D1, 7), LAYER), "must declare"),
                arguments("docker list needs body mediaType", DOCKER_MANIFEST_LIST,
                        index(null, desc(DOCKER_MANIFEST, D1, 5)), "must declare"),
                // structure
                arguments("schemaVersion missing", OCI_MANIFEST, "{'config':" + CONFIG + ",'layers':[]}", "schemaVersion"),
                arguments("schemaVersion 1", OCI_MANIFEST, "{'schemaVersion':1,'config':" + CONFIG + ",'layers':[]}", "schemaVersion"),
                arguments("schemaVersion string", OCI_MANIFEST, "{'schemaVersion':'2','config':" + CONFIG + ",'layers':[]}", "schemaVersion"),
                arguments("schemaVersion float", OCI_MANIFEST, "{'schemaVersion':2.0,'config':" + CONFIG + ",'layers':[]}", "schemaVersion"),
                arguments("config missing", OCI_MANIFEST, "{'schemaVersion':2,'layers':[]}", "config must be"),
                arguments("config not an object", OCI_MANIFEST, "{'schemaVersion':2,'config':[],'layers':[]}", "config must be"),
                arguments("layers missing", OCI_MANIFEST, "{'schemaVersion':2,'config':" + CONFIG + "}", "layers must be"),
                arguments("layers not an array", OCI_MANIFEST, "{'schemaVersion':2,'config':" + CONFIG + ",'layers':{}}", "layers must be"),
                arguments("layer not an object", OCI_MANIFEST, image(OCI_MANIFEST, CONFIG, "'" + D2 + "'"), "layers[0]"),
                arguments("index without manifests", OCI_INDEX, "{'schemaVersion':2}", "manifests must be"),
                arguments("index manifests null", OCI_INDEX, "{'schemaVersion':2,'manifests':null}", "manifests must be"),
                arguments("index child invalid", OCI_INDEX, index(OCI_INDEX, desc(OCI_MANIFEST, "sha256:1", 5)), "manifests[0].digest"),
                // descriptors
                arguments("descriptor without mediaType", OCI_MANIFEST,
                        image(OCI_MANIFEST, "{'digest':'" + D1 + "','size':1}", ""), "config.mediaType is required"),
                arguments("descriptor with bad mediaType", OCI_MANIFEST, image(OCI_MANIFEST, desc("config", D1, 1), ""),
                        "config.mediaType must be a media type"),
                arguments("descriptor without digest", OCI_MANIFEST,
                        image(OCI_MANIFEST, "{'mediaType':'a/b','size':1}", ""), "config.digest is required"),
                arguments("digest not a string", OCI_MANIFEST,
                        image(OCI_MANIFEST, "{'mediaType':'a/b','digest':1,'size':1}", ""), "config.digest is required"),
                arguments("digest too short", OCI_MANIFEST, image(OCI_MANIFEST, desc("a/b", "sha256:abc", 1), ""), "config.digest"),
                arguments("digest upper case", OCI_MANIFEST,
                        image(OCI_MANIFEST, desc("a/b", "sha256:" + "A".repeat(64), 1), ""), "config.digest"),
                arguments("digest algorithm unknown", OCI_MANIFEST,
                        image(OCI_MANIFEST, desc("a/b", "md5:" + "1".repeat(32), 1), ""), "config.digest"),
                arguments("digest garbage", OCI_MANIFEST, image(OCI_MANIFEST, desc("a/b", "not a digest", 1), ""), "config.digest"),
                arguments("size missing", OCI_MANIFEST,
                        image(OCI_MANIFEST, "{'mediaType':'a/b','digest':'" + D1 + "'}", ""), "config.size"),
                arguments("size negative", OCI_MANIFEST, image(OCI_MANIFEST, CONFIG, sized("-1")), "layers[0].size"),
                arguments("size float", OCI_MANIFEST, image(OCI_MANIFEST, CONFIG, sized("1.5")), "layers[0].size"),
                arguments("size integral float", OCI_MANIFEST, image(OCI_MANIFEST, CONFIG, sized("1.0")), "layers[0].size"),
                arguments("size exponent", OCI_MANIFEST, image(OCI_MANIFEST, CONFIG, sized("1e3")), "layers[0].size"),
                arguments("size beyond a long", OCI_MANIFEST,
                        image(OCI_MANIFEST, CONFIG, sized("9223372036854775808")), "layers[0].size"),
                arguments("size string", OCI_MANIFEST, image(OCI_MANIFEST, CONFIG, sized("'1'")), "layers[0].size"),
                arguments("size null", OCI_MANIFEST, image(OCI_MANIFEST, CONFIG, sized("null")), "layers[0].size"),
                arguments("urls not an array", OCI_MANIFEST,
                        image(OCI_MANIFEST, CONFIG, "{'mediaType':'a/b','digest':'" + D2 + "','size':1,'urls':'x'}"),
                        "layers[0].urls"),
                arguments("descriptor artifactType not a media type", OCI_INDEX,
                        index(OCI_INDEX, "{'mediaType':'a/b','digest':'" + D2 + "','size':1,'artifactType':'x'}"),
                        "manifests[0].artifactType"),
                // annotations, artifactType, subject
                arguments("annotation number", OCI_MANIFEST, withTop("'annotations':{'a':1}"), "annotations values must be strings"),
                arguments("annotation null", OCI_MANIFEST, withTop("'annotations':{'a':null}"), "annotations values must be strings"),
                arguments("annotation object", OCI_MANIFEST, withTop("'annotations':{'a':{}}"), "annotations values must be strings"),
                arguments("annotations array", OCI_MANIFEST, withTop("'annotations':['a']"), "annotations must be"),
                arguments("descriptor annotation number", OCI_MANIFEST,
                        image(OCI_MANIFEST, "{'mediaType':'a/b','digest':'" + D1 + "','size':1,'annotations':{'a':true}}", ""),
                        "config.annotations values must be strings"),
                arguments("artifactType not a string", OCI_MANIFEST, withTop("'artifactType':1"), "artifactType must be"),
                arguments("artifactType not a media type", OCI_MANIFEST, withTop("'artifactType':'sbom'"), "artifactType must be"),
                arguments("subject not an object", OCI_MANIFEST, withTop("'subject':'" + D1 + "'"), "subject must be"),
                arguments("subject null", OCI_MANIFEST, withTop("'subject':null"), "subject must be"),
                arguments("subject without digest", OCI_MANIFEST, withTop("'subject':{'mediaType':'a/b','size':1}"),
                        "subject.digest is required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void invalid(String name, String contentType, String body, String detail) {
        RegistryException e = assertThrows(RegistryException.class, () -> parse(contentType, body));
        assertEquals(ErrorCode.MANIFEST_INVALID, e.code());
        assertTrue(e.detail().contains(detail), () -> "expected \"" + detail + "\" in: " + e.detail());
    }

    @Test
    void moderateNestingIsAccepted() {
        String nested = "[".repeat(20) + "]".repeat(20);
        parse(OCI_MANIFEST, "{'schemaVersion':2,'config':" + CONFIG + ",'layers':[],'x':" + nested + "}");
    }

    @Test
    void aStoredCopyWithoutMediaTypeIsParsedAsTheKindItsFieldsShow() {
        assertEquals(OCI_MANIFEST, parseStored(image(null, CONFIG, LAYER)).mediaType());
        assertEquals(OCI_INDEX, parseStored(index(null, desc(OCI_MANIFEST, D1, 5))).mediaType());
        assertEquals("application/vnd.docker.distribution.manifest.v2+json",
                parseStored(image("application/vnd.docker.distribution.manifest.v2+json", CONFIG, LAYER)).mediaType());
    }

    // ---- helpers --------------------------------------------------------------------------------

    private ParsedManifest parse(String contentType, String singleQuoted) {
        return parser.parse(contentType, singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    private ParsedManifest parseStored(String singleQuoted) {
        return parser.parseStored(singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    private static String desc(String mediaType, String digest, long size) {
        return "{'mediaType':'" + mediaType + "','digest':'" + digest + "','size':" + size + "}";
    }

    /** An image manifest; a null media type leaves the field out. */
    private static String image(String mediaType, String config, String layers) {
        return "{'schemaVersion':2," + (mediaType == null ? "" : "'mediaType':'" + mediaType + "',")
                + "'config':" + config + ",'layers':[" + layers + "]}";
    }

    private static String index(String mediaType, String manifests) {
        return "{'schemaVersion':2," + (mediaType == null ? "" : "'mediaType':'" + mediaType + "',")
                + "'manifests':[" + manifests + "]}";
    }

    private static String sized(String size) {
        return "{'mediaType':'a/b','digest':'" + D2 + "','size':" + size + "}";
    }

    private static String withTop(String field) {
        return "{'schemaVersion':2,'config':" + CONFIG + ",'layers':[]," + field + "}";
    }
}
