package io.flotilla.node.http;

import io.flotilla.model.Digest;
import io.flotilla.model.DigestAlgorithm;
import io.flotilla.node.http.SeededRepository.Blob;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static io.flotilla.node.http.HostileCase.named;
import static io.flotilla.node.http.SeededRepository.CONFIG_TYPE;
import static io.flotilla.node.http.SeededRepository.LAYER_TYPE;
import static io.flotilla.node.http.SeededRepository.OCI_MANIFEST;

/**
 * The table of malformed requests, grouped by what they attack. Every code is one of the spec's 14; where
 * the spec names no code for a case (unsatisfiable ranges, bad pagination, bad tags, unknown endpoints) the
 * choice is the one registered in {@code ErrorCode}. A request the HTTP layer cannot
 * parse is answered {@code UNSUPPORTED} with Helidon's 400 (or 414). Where the spec leaves the status or
 * code open, the choice is noted beside the case.
 */
final class HostileCases {
    private static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    private static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    private static final String OCTETS = "application/octet-stream";
    private static final int MAX_MANIFEST = 4 * 1024 * 1024;

    private final SeededRepository s;
    private final String repo;
    private final String absent;

    private HostileCases(SeededRepository seed) {
        this.s = seed;
        this.repo = "/v2/" + seed.repo();
        this.absent = Digest.sha256("never pushed".getBytes(StandardCharsets.UTF_8)).toString();
    }

    static List<HostileCase> all(SeededRepository seed) {
        HostileCases t = new HostileCases(seed);
        return Stream.of(t.names(), t.traversal(), t.digests(), t.tags(), t.lengths(), t.truncated(), t.framing(),
                t.manifests(), t.blobRanges(), t.uploadIds(), t.pagination(), t.methods(), t.endpoints())
                .flatMap(List::stream).toList();
    }

    private List<HostileCase> names() {
        String tooLong = "a".repeat(200) + "/" + "b".repeat(55);
        return List.of(
                named("name: uppercase").request("GET", "/v2/Hostile/App/tags/list").expect(400, "NAME_INVALID"),
                named("name: empty segment").request("GET", "/v2/hostile//app/tags/list").expect(400, "NAME_INVALID"),
                named("name: leading slash").request("GET", "/v2//hostile/app/tags/list").expect(400, "NAME_INVALID"),
                named("name: trailing slash").request("GET", repo + "//tags/list").expect(400, "NAME_INVALID"),
                named("name: leading separator").request("GET", "/v2/-hostile/app/tags/list").expect(400, "NAME_INVALID"),
                named("name: trailing separator").request("GET", "/v2/hostile/app_/tags/list").expect(400, "NAME_INVALID"),
                named("name: 256 characters").request("GET", "/v2/" + tooLong + "/tags/list").expect(400, "NAME_INVALID"),
                named("name: raw UTF-8 in the request line")
                        .request("GET", "/v2/hostile/\u00e4pp/tags/list").expect(400, "NAME_INVALID"),
                named("name: percent-encoded UTF-8")
                        .request("GET", "/v2/hostile/%C3%A4pp/tags/list").expect(400, "NAME_INVALID"),
                named("name: percent-encoded slash")
                        .request("GET", "/v2/hostile%2Fapp/tags/list").expect(400, "NAME_INVALID"),
                named("name: NUL").request("GET", "/v2/hostile%00/app/tags/list").expect(400, "NAME_INVALID"),
                // Helidon refuses an undecodable URI before routing; the node answers it as a malformed request.
                named("name: malformed escape").request("GET", "/v2/hostile%zz/tags/list").expect(400, "UNSUPPORTED"),
                named("name: uppercase on upload start")
                        .request("POST", "/v2/Hostile/app/blobs/uploads/").expect(400, "NAME_INVALID"));
    }

    private List<HostileCase> traversal() {
        return List.of(
                named("traversal: '..' segment in name")
                        .request("GET", "/v2/hostile/../app/tags/list").expect(400, "NAME_INVALID"),
                named("traversal: encoded '..' in name")
                        .request("GET", "/v2/hostile/%2e%2e/%2e%2e/tags/list").expect(400, "NAME_INVALID"),
                // Helidon removes dot-segments (RFC 3986) before routing, so this one lands outside the API.
                named("traversal: '..' out of /v2")
                        .request("GET", repo + "/blobs/../../../../etc/passwd").expect(404, "UNSUPPORTED"),
                named("traversal: encoded '..' as digest")
                        .request("GET", repo + "/blobs/%2e%2e").expect(400, "DIGEST_INVALID"),
                named("traversal: '..' inside a digest")
                        .request("GET", repo + "/blobs/sha256:..%5c..").expect(400, "NAME_INVALID"),
                named("traversal: encoded '..' as upload id")
                        .request("DELETE", repo + "/blobs/uploads/%2e%2e").expect(404, "BLOB_UPLOAD_UNKNOWN"),
                named("traversal: dotted upload id")
                        .request("PATCH", repo + "/blobs/uploads/..." + s.uploadId())
                        .header("Content-Type", OCTETS).body("x").expect(404, "BLOB_UPLOAD_UNKNOWN"),
                named("traversal: encoded '..' as reference")
                        .request("GET", repo + "/manifests/%2e%2e").expect(400, "MANIFEST_INVALID"),
                named("traversal: encoded '..' as reference on PUT")
                        .request("PUT", repo + "/manifests/%2e%2e").header("Content-Type", OCI_MANIFEST)
                        .body(s.manifest("traversal")).expect(400, "MANIFEST_INVALID"));
    }

    private List<HostileCase> digests() {
        String hex = Digest.sha256(new byte[0]).hex();
        return List.of(
                blobDigest("unknown algorithm", "md5:" + hex.substring(0, 32)),
                blobDigest("sha256 too short", "sha256:" + hex.substring(0, 63)),
                blobDigest("sha256 too long", "sha256:" + hex + "0"),
                blobDigest("uppercase hex", "sha256:" + hex.toUpperCase(Locale.ROOT)),
                blobDigest("missing colon", "sha256" + hex),
                blobDigest("non-hex", "sha256:" + "g".repeat(64)),
                blobDigest("sha512 with sha256 length", "sha512:" + hex),
                blobDigest("empty encoding", "sha256:"),
                blobDigest("300 characters", "sha256:" + "a".repeat(293)),
                named("digest: invalid on HEAD, which has no body").request("HEAD", repo + "/blobs/sha256:1")
                        .expect(400, null),
                named("digest: invalid on upload commit")
                        .request("PUT", s.uploadPath() + "?digest=sha256:abc").header("Content-Type", OCTETS)
                        .body("more").expect(400, "DIGEST_INVALID"),
                // The spec requires the parameter but names no code; DIGEST_INVALID is the closest.
                named("digest: missing on upload commit")
                        .request("PUT", s.uploadPath()).header("Content-Type", OCTETS).body("more")
                        .expect(400, "DIGEST_INVALID"),
                named("digest: invalid on monolithic push")
                        .request("POST", repo + "/blobs/uploads/?digest=sha512:" + hex)
                        .header("Content-Type", OCTETS).body("data").expect(400, "DIGEST_INVALID"),
                named("digest: invalid mount")
                        .request("POST", repo + "/blobs/uploads/?mount=sha256:zz&from=hostile/app")
                        .expect(400, "DIGEST_INVALID"),
                named("mount: invalid source repository")
                        .request("POST", "/v2/hostile/other/blobs/uploads/?mount=" + s.layer().digest() + "&from=../app")
                        .expect(400, "NAME_INVALID"),
                named("digest: invalid referrers subject")
                        .request("GET", repo + "/referrers/sha256:" + hex.substring(1)).expect(400, "DIGEST_INVALID"),
                named("digest: invalid manifest reference")
                        .request("GET", repo + "/manifests/sha256:" + hex.toUpperCase(Locale.ROOT))
                        .expect(400, "DIGEST_INVALID"));
    }

    private HostileCase blobDigest(String what, String digest) {
        return named("digest: " + what).request("GET", repo + "/blobs/" + digest).expect(400, "DIGEST_INVALID");
    }

    private List<HostileCase> tags() {
        return List.of(
                named("tag: 129 characters").request("GET", repo + "/manifests/" + "t".repeat(129))
                        .expect(400, "MANIFEST_INVALID"),
                named("tag: leading '.'").request("GET", repo + "/manifests/.hidden").expect(400, "MANIFEST_INVALID"),
                named("tag: leading '-'").request("GET", repo + "/manifests/-rf").expect(400, "MANIFEST_INVALID"),
                named("tag: '+' is not allowed").request("GET", repo + "/manifests/v1+1").expect(400, "MANIFEST_INVALID"),
                named("tag: encoded space").request("GET", repo + "/manifests/v%201").expect(400, "MANIFEST_INVALID"),
                named("tag: invalid on PUT, valid body")
                        .request("PUT", repo + "/manifests/-latest").header("Content-Type", OCI_MANIFEST)
                        .body(s.manifest("bad tag")).expect(400, "MANIFEST_INVALID"),
                named("tag: invalid on DELETE").request("DELETE", repo + "/manifests/.v1").expect(400, "MANIFEST_INVALID"),
                named("tag: invalid 'last' of a tag list")
                        .request("GET", repo + "/tags/list?last=-x").expect(400, "MANIFEST_INVALID"));
    }

    /** Declared lengths and ranges that disagree, against the open upload (which holds 5 bytes). */
    private List<HostileCase> lengths() {
        String upload = s.uploadPath();
        return List.of(
                patch("Content-Length shorter than Content-Range", "5-9", "abc").expect(400, "SIZE_INVALID"),
                patch("Content-Length longer than Content-Range", "5-6", "abcdef").expect(400, "SIZE_INVALID"),
                // Known only after reading: the staged piece must be removed again.
                patch("chunked body shorter than Content-Range", "5-9", "abc").chunked().expect(400, "SIZE_INVALID"),
                patch("chunked body longer than Content-Range", "5-6", "abcdef").chunked().expect(400, "SIZE_INVALID"),
                // The spec gives no code for an inverted or unparsable range; 400 BLOB_UPLOAD_INVALID.
                patch("Content-Range end before start", "9-5", "abcde").expect(400, "BLOB_UPLOAD_INVALID"),
                patch("Content-Range not numeric", "bytes=a-b", "abcde").expect(400, "BLOB_UPLOAD_INVALID"),
                patch("Content-Range open-ended", "5-", "abcde").expect(400, "BLOB_UPLOAD_INVALID"),
                patch("Content-Range negative", "-5-9", "abcde").expect(400, "BLOB_UPLOAD_INVALID"),
                patch("Content-Range beyond a long", "5-9999999999999999999", "abcde").expect(400, "BLOB_UPLOAD_INVALID"),
                patch("chunk out of order (rewinds)", "0-2", "abc").withRange("0-4").expect(416, "BLOB_UPLOAD_INVALID"),
                patch("chunk out of order (gap)", "10-12", "abc").withRange("0-4").expect(416, "BLOB_UPLOAD_INVALID"),
                named("upload: final chunk out of order")
                        .request("PUT", upload + "?digest=" + absent).header("Content-Type", OCTETS)
                        .header("Content-Range", "1-3").body("abc").withRange("0-4").expect(416, "BLOB_UPLOAD_INVALID"),
                named("upload: digest mismatch on commit")
                        .request("PUT", upload + "?digest=" + absent).header("Content-Type", OCTETS)
                        .header("Content-Range", "5-7").body("abc").expect(400, "DIGEST_INVALID"),
                named("upload: digest mismatch on commit, sha512")
                        .request("PUT", upload + "?digest=" + Digest.compute(DigestAlgorithm.SHA512, new byte[1]))
                        .header("Content-Type", OCTETS).body("abc").expect(400, "DIGEST_INVALID"),
                named("upload: monolithic digest mismatch")
                        .request("POST", repo + "/blobs/uploads/?digest=" + absent).header("Content-Type", OCTETS)
                        .body("not what the digest says").expect(400, "DIGEST_INVALID"),
                named("upload: monolithic digest mismatch in a new repository")
                        .request("POST", "/v2/hostile/fresh/blobs/uploads/?digest=" + absent)
                        .header("Content-Type", OCTETS).body("still not it").expect(400, "DIGEST_INVALID"),
                named("upload: monolithic digest mismatch, chunked")
                        .request("POST", repo + "/blobs/uploads/?digest=" + s.layer().digest())
                        .header("Content-Type", OCTETS).body("close, but no").chunked().expect(400, "DIGEST_INVALID"));
    }

    private HostileCase.Builder patch(String what, String contentRange, String body) {
        return named("upload: " + what).request("PATCH", s.uploadPath()).header("Content-Type", OCTETS)
                .header("Content-Range", contentRange).body(body);
    }

    /** Bodies that end before their declared length; nothing may be kept of them. */
    private List<HostileCase> truncated() {
        byte[] ten = "0123456789".getBytes(StandardCharsets.US_ASCII);
        byte[] someJson = s.manifest("cut").substring(0, 40).getBytes(StandardCharsets.UTF_8);
        return List.of(
                named("truncated: PATCH chunk").request("PATCH", s.uploadPath()).header("Content-Type", OCTETS)
                        .truncated(1000, ten).expectEndOrClientError(),
                named("truncated: ranged PATCH chunk").request("PATCH", s.uploadPath()).header("Content-Type", OCTETS)
                        .header("Content-Range", "5-1004").truncated(1000, ten).expectEndOrClientError(),
                named("truncated: final PUT").request("PUT", s.uploadPath() + "?digest=" + absent)
                        .header("Content-Type", OCTETS).truncated(1000, ten).expectEndOrClientError(),
                named("truncated: monolithic POST").request("POST", repo + "/blobs/uploads/?digest=" + absent)
                        .header("Content-Type", OCTETS).truncated(1000, ten).expectEndOrClientError(),
                named("truncated: manifest PUT").request("PUT", repo + "/manifests/cut")
                        .header("Content-Type", OCI_MANIFEST).truncated(500, someJson).expectEndOrClientError(),
                named("truncated: no body at all").request("PUT", repo + "/manifests/v1")
                        .header("Content-Type", OCI_MANIFEST).truncated(300, new byte[0]).expectEndOrClientError(),
                // Content-Length shorter than what follows: the node reads a prefix, a cut-off JSON document.
                named("truncated: chunked body ends inside a chunk").request("PATCH", s.uploadPath())
                        .header("Content-Type", OCTETS).rawChunked("a\r\n01234", true).expectEndOrClientError(),
                named("truncated: chunked body without its last chunk").request("POST", repo
                        + "/blobs/uploads/?digest=" + absent).header("Content-Type", OCTETS)
                        .rawChunked("5\r\n01234\r\n", true).expectEndOrClientError(),
                named("lying length: manifest cut by Content-Length").request("PUT", repo + "/manifests/v1")
                        .header("Content-Type", OCI_MANIFEST).header("Content-Length", "40")
                        .body(s.manifest("longer than declared")).expect(400, "MANIFEST_INVALID"));
    }

    /** Framing that contradicts itself, which Helidon refuses before any route runs. */
    private List<HostileCase> framing() {
        String upload = s.uploadPath();
        return List.of(
                named("framing: Content-Length not a number").request("PATCH", upload)
                        .header("Content-Type", OCTETS).header("Content-Length", "five").body("12345")
                        .expect(400, "UNSUPPORTED"),
                named("framing: negative Content-Length").request("PATCH", upload)
                        .header("Content-Type", OCTETS).header("Content-Length", "-5").body("12345")
                        .expect(400, "UNSUPPORTED"),
                named("framing: two different Content-Lengths").request("PATCH", upload)
                        .header("Content-Type", OCTETS).header("Content-Length", "3").header("Content-Length", "5")
                        .body("12345").expect(400, "UNSUPPORTED"),
                named("framing: Content-Length as a list").request("PATCH", upload)
                        .header("Content-Type", OCTETS).header("Content-Length", "3, 5").body("12345")
                        .expect(400, "UNSUPPORTED"),
                named("framing: Content-Length and chunked together").request("PATCH", upload)
                        .header("Content-Type", OCTETS).header("Content-Length", "3")
                        .rawChunked("5\r\n12345\r\n0\r\n\r\n", false).expect(400, "UNSUPPORTED"),
                named("framing: a 64 KiB header").request("GET", repo + "/tags/list")
                        .header("X-Padding", "p".repeat(64 * 1024)).expect(400, "UNSUPPORTED"),
                named("framing: a 3,000-character path").request("GET", "/v2/" + "a/".repeat(1_500) + "tags/list")
                        .expect(400, "NAME_INVALID"),
                // Over Helidon's request-line limit: refused before routing, with its 414.
                named("framing: a 10,000-character path").request("GET", "/v2/" + "a/".repeat(5_000) + "tags/list")
                        .expect(414, "UNSUPPORTED"),
                named("framing: chunk size not hex").request("PATCH", upload).header("Content-Type", OCTETS)
                        .rawChunked("zz\r\n12345\r\n0\r\n\r\n", false).expect(400, "UNSUPPORTED"));
    }

    private List<HostileCase> manifests() {
        String config = descriptor(CONFIG_TYPE, s.config());
        String layer = descriptor(LAYER_TYPE, s.layer());
        byte[] huge = oversized();
        List<HostileCase> cases = new ArrayList<>(List.of(
                named("manifest: over 4 MiB, declared").request("PUT", repo + "/manifests/huge")
                        .header("Content-Type", OCI_MANIFEST).body(huge).expect(413, "SIZE_INVALID"),
                named("manifest: over 4 MiB, chunked").request("PUT", repo + "/manifests/huge")
                        .header("Content-Type", OCI_MANIFEST).body(huge).chunked().expect(413, "SIZE_INVALID"),
                named("manifest: over 4 MiB, declared length only")
                        .request("PUT", repo + "/manifests/huge").header("Content-Type", OCI_MANIFEST)
                        .header("Content-Length", Integer.toString(MAX_MANIFEST + 1)).body("{}")
                        .expect(413, "SIZE_INVALID"),
                manifest("10,000 nested arrays", "[".repeat(10_000) + "]".repeat(10_000)),
                manifest("deeply nested annotations", "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST
                        + "\",\"annotations\":" + "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000) + "}"),
                manifest("a 100,000-digit number", "{\"schemaVersion\":" + "9".repeat(100_000) + "}"),
                manifest("invalid JSON", "{\"schemaVersion\":2,"),
                manifest("empty body", ""),
                manifest("invalid UTF-8", new String(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'},
                        StandardCharsets.ISO_8859_1)),
                manifest("a comment", "{\"schemaVersion\":2 /* hi */}"),
                manifest("trailing document", s.manifest("one") + s.manifest("two")),
                manifest("a JSON array", "[]"),
                manifest("a JSON string", "\"manifest\""),
                manifest("JSON null", "null"),
                manifest("schemaVersion 1", image(1, config, layer, OCI_MANIFEST)),
                manifest("schemaVersion as a string", image("\"2\"", config, layer, OCI_MANIFEST)),
                manifest("schemaVersion missing", "{\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":" + config
                        + ",\"layers\":[" + layer + "]}"),
                manifest("duplicate key", "{\"schemaVersion\":2,\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST
                        + "\",\"config\":" + config + ",\"layers\":[" + layer + "]}"),
                manifest("negative size", image(2, config,
                        "{\"mediaType\":\"" + LAYER_TYPE + "\",\"digest\":\"" + s.layer().digest() + "\",\"size\":-1}",
                        OCI_MANIFEST)),
                manifest("fractional size", image(2, config,
                        "{\"mediaType\":\"" + LAYER_TYPE + "\",\"digest\":\"" + s.layer().digest() + "\",\"size\":1.5}",
                        OCI_MANIFEST)),
                manifest("descriptor with a bad digest", image(2, config,
                        "{\"mediaType\":\"" + LAYER_TYPE + "\",\"digest\":\"sha256:../../etc\",\"size\":1}",
                        OCI_MANIFEST)),
                manifest("descriptor without mediaType", image(2, config,
                        "{\"digest\":\"" + s.layer().digest() + "\",\"size\":" + s.layer().size() + "}", OCI_MANIFEST)),
                manifest("layers not an array", "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST
                        + "\",\"config\":" + config + ",\"layers\":" + layer + "}"),
                manifest("annotation value not a string", "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST
                        + "\",\"config\":" + config + ",\"layers\":[],\"annotations\":{\"a\":1}}"),
                manifest("index entry without digest", OCI_INDEX, "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX
                        + "\",\"manifests\":[{\"mediaType\":\"" + OCI_MANIFEST + "\",\"size\":10}]}"),
                manifest("Docker manifest without mediaType", DOCKER_MANIFEST,
                        "{\"schemaVersion\":2,\"config\":" + config + ",\"layers\":[" + layer + "]}"),
                manifest("body mediaType differs from Content-Type", OCI_INDEX, s.manifest("mismatch")),
                // Unknown types get MANIFEST_INVALID, as in Distribution; the spec names no code.
                manifest("unknown media type", "application/vnd.example.thing+json",
                        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.example.thing+json\"}"),
                manifest("no Content-Type and no mediaType", null,
                        "{\"schemaVersion\":2,\"config\":" + config + ",\"layers\":[" + layer + "]}"),
                // The descriptor is well formed but its size disagrees with the stored blob.
                manifest("layer size differs from the blob's", image(2, config,
                        "{\"mediaType\":\"" + LAYER_TYPE + "\",\"digest\":\"" + s.layer().digest() + "\",\"size\":"
                                + (s.layer().size() + 1) + "}", OCI_MANIFEST))));
        cases.addAll(List.of(
                named("manifest: layer blob unknown").request("PUT", repo + "/manifests/v1")
                        .header("Content-Type", OCI_MANIFEST)
                        .body(SeededRepository.imageManifest(OCI_MANIFEST, s.config(), new Blob(absent, 3), "x"))
                        .expect(400, "MANIFEST_BLOB_UNKNOWN"),
                named("manifest: blob only in another repository").request("PUT", "/v2/hostile/other/manifests/v1")
                        .header("Content-Type", OCI_MANIFEST).body(s.manifest("borrowed"))
                        .expect(400, "MANIFEST_BLOB_UNKNOWN"),
                named("manifest: PUT by digest that does not match").request("PUT", repo + "/manifests/" + s.v1())
                        .header("Content-Type", OCI_MANIFEST).body(s.manifest("not the first"))
                        .expect(400, "DIGEST_INVALID"),
                named("manifest: PUT by sha512 digest that does not match")
                        .request("PUT", repo + "/manifests/" + Digest.compute(DigestAlgorithm.SHA512, new byte[0]))
                        .header("Content-Type", OCI_MANIFEST).body(s.manifest("first"))
                        .expect(400, "DIGEST_INVALID")));
        return cases;
    }

    private HostileCase manifest(String what, String body) {
        return manifest(what, OCI_MANIFEST, body);
    }

    private HostileCase manifest(String what, String contentType, String body) {
        HostileCase.Builder b = named("manifest: " + what).request("PUT", repo + "/manifests/hostile")
                .body(body.getBytes(body.chars().allMatch(c -> c < 0x80) ? StandardCharsets.UTF_8
                        : StandardCharsets.ISO_8859_1));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return b.expect(400, "MANIFEST_INVALID");
    }

    private static String descriptor(String mediaType, Blob blob) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + blob.digest() + "\",\"size\":" + blob.size() + "}";
    }

    private static String image(Object schemaVersion, String config, String layer, String mediaType) {
        return "{\"schemaVersion\":" + schemaVersion + ",\"mediaType\":\"" + mediaType + "\",\"config\":" + config
                + ",\"layers\":[" + layer + "]}";
    }

    /** Valid JSON one byte over the limit, so only its size is wrong. */
    private static byte[] oversized() {
        String head = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"annotations\":{\"pad\":\"";
        String tail = "\"}}";
        return (head + "p".repeat(MAX_MANIFEST + 1 - head.length() - tail.length()) + tail)
                .getBytes(StandardCharsets.US_ASCII);
    }

    private List<HostileCase> blobRanges() {
        Blob layer = s.layer();
        String path = repo + "/blobs/" + layer.digest();
        String unsatisfiable = "bytes */" + layer.size();
        return List.of(
                range("start past the end", path, "bytes=" + layer.size() + "-").withContentRange(unsatisfiable)
                        .expect(416, "SIZE_INVALID"),
                range("end before start", path, "bytes=5-2").withContentRange(unsatisfiable).expect(416, "SIZE_INVALID"),
                range("empty suffix", path, "bytes=-0").withContentRange(unsatisfiable).expect(416, "SIZE_INVALID"),
                range("start beyond a long", path, "bytes=9999999999999999999-")
                        .withContentRange(unsatisfiable).expect(416, "SIZE_INVALID"),
                named("range: on a blob the repository lacks").request("GET", repo + "/blobs/" + absent)
                        .header("Range", "bytes=0-1").expect(404, "BLOB_UNKNOWN"));
    }

    private static HostileCase.Builder range(String what, String path, String range) {
        return named("range: " + what).request("GET", path).header("Range", range);
    }

    private List<HostileCase> uploadIds() {
        String other = "/v2/hostile/other/blobs/uploads/" + s.uploadId();
        String unknown = repo + "/blobs/uploads/3f1c2a9e-0b7d-4c1e-9a55-6d2b8e0f4a17";
        return List.of(
                named("upload id: well-formed, unknown").request("GET", unknown).expect(404, "BLOB_UPLOAD_UNKNOWN"),
                named("upload id: well-formed, unknown, PATCH").request("PATCH", unknown).header("Content-Type", OCTETS)
                        .body("abc").expect(404, "BLOB_UPLOAD_UNKNOWN"),
                named("upload id: illegal characters").request("GET", repo + "/blobs/uploads/not_an;id!")
                        .expect(404, "BLOB_UPLOAD_UNKNOWN"),
                named("upload id: 65 characters").request("PUT", repo + "/blobs/uploads/" + "a".repeat(65)
                        + "?digest=" + absent).body("abc").expect(404, "BLOB_UPLOAD_UNKNOWN"),
                named("upload id: another repository's, GET").request("GET", other).expect(404, "BLOB_UPLOAD_UNKNOWN"),
                named("upload id: another repository's, PATCH").request("PATCH", other).header("Content-Type", OCTETS)
                        .header("Content-Range", "5-7").body("abc").expect(404, "BLOB_UPLOAD_UNKNOWN"),
                named("upload id: another repository's, PUT")
                        .request("PUT", other + "?digest=" + Digest.sha256(SeededRepository.UPLOAD_BYTES))
                        .expect(404, "BLOB_UPLOAD_UNKNOWN"),
                named("upload id: another repository's, DELETE").request("DELETE", other)
                        .expect(404, "BLOB_UPLOAD_UNKNOWN"));
    }

    private List<HostileCase> pagination() {
        return List.of(
                named("pagination: negative n on the catalog").request("GET", "/v2/_catalog?n=-1")
                        .expect(400, "UNSUPPORTED"),
                named("pagination: non-numeric n on the catalog").request("GET", "/v2/_catalog?n=ten")
                        .expect(400, "UNSUPPORTED"),
                named("pagination: negative n on tags").request("GET", repo + "/tags/list?n=-5")
                        .expect(400, "UNSUPPORTED"),
                named("pagination: fractional n on tags").request("GET", repo + "/tags/list?n=1.5")
                        .expect(400, "UNSUPPORTED"),
                named("pagination: empty n").request("GET", repo + "/tags/list?n=").expect(400, "UNSUPPORTED"),
                named("pagination: invalid 'last' of the catalog").request("GET", "/v2/_catalog?last=../etc")
                        .expect(400, "NAME_INVALID"));
    }

    private List<HostileCase> methods() {
        return List.of(
                notAllowed("POST", repo + "/manifests/v1", "GET, HEAD, PUT, DELETE"),
                notAllowed("PATCH", repo + "/manifests/v1", "GET, HEAD, PUT, DELETE"),
                notAllowed("PUT", repo + "/blobs/" + s.layer().digest(), "GET, HEAD, DELETE"),
                notAllowed("POST", repo + "/blobs/" + s.layer().digest(), "GET, HEAD, DELETE"),
                notAllowed("GET", repo + "/blobs/uploads/", "POST"),
                notAllowed("POST", s.uploadPath(), "GET, PATCH, PUT, DELETE"),
                notAllowed("DELETE", "/v2/_catalog", "GET, HEAD"),
                notAllowed("PUT", repo + "/tags/list", "GET, HEAD"),
                notAllowed("DELETE", repo + "/referrers/" + s.v1(), "GET, HEAD"),
                notAllowed("POST", "/v2/", "GET, HEAD"),
                notAllowed("BREW", "/v2/", "GET, HEAD"),
                notAllowed("TRACE", repo + "/manifests/v1", "GET, HEAD, PUT, DELETE"));
    }

    private static HostileCase notAllowed(String method, String path, String allow) {
        return named("method: " + method + " " + path.replaceAll("[0-9a-f]{64}", "…").replaceAll("[0-9a-f-]{36}", "<id>"))
                .request(method, path).withAllow(allow).expect(405, "UNSUPPORTED");
    }

    private List<HostileCase> endpoints() {
        return List.of(
                named("endpoint: repository without a resource").request("GET", repo).expect(404, "UNSUPPORTED"),
                named("endpoint: empty digest").request("GET", repo + "/blobs/").expect(404, "UNSUPPORTED"),
                named("endpoint: empty reference").request("GET", repo + "/manifests/").expect(404, "UNSUPPORTED"),
                named("endpoint: under the catalog").request("GET", "/v2/_catalog/more").expect(404, "UNSUPPORTED"),
                named("endpoint: misspelt tag list").request("GET", repo + "/tags/lists").expect(404, "UNSUPPORTED"),
                named("endpoint: outside /v2").request("GET", "/v3/" + s.repo() + "/tags/list").expect(404, "UNSUPPORTED"));
    }
}
