package io.flotilla.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.model.Digest;
import io.flotilla.node.http.RawHttp.Response;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Everything a hostile request could have changed, as text, so two fingerprints compare with a readable
 * diff: the catalog, every tag list, each tag's manifest (digest and bytes), a HEAD of each seeded blob,
 * the open upload's status, and every file and directory under the blob store except {@code tmp}.
 */
final class RegistryFingerprint {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryFingerprint() {
    }

    static String take(RawHttp http, Path blobRoot, SeededRepository seed) throws IOException {
        List<String> lines = new ArrayList<>();
        Response catalog = http.get("GET", "/v2/_catalog");
        lines.add("catalog " + catalog.status() + " " + catalog.bodyText());
        for (JsonNode repo : JSON.readTree(catalog.body()).path("repositories")) {
            Response tags = http.get("GET", "/v2/" + repo.asText() + "/tags/list");
            lines.add("tags " + repo.asText() + " " + tags.status() + " " + tags.bodyText());
            for (JsonNode tag : JSON.readTree(tags.body()).path("tags")) {
                Response m = http.get("GET", "/v2/" + repo.asText() + "/manifests/" + tag.asText());
                lines.add("manifest " + repo.asText() + ":" + tag.asText() + " " + m.status() + " "
                        + m.header("Docker-Content-Digest").orElse("-") + " " + Digest.sha256(m.body())
                        + " " + m.body().length);
            }
        }
        for (SeededRepository.Blob blob : seed.blobs()) {
            Response head = http.get("HEAD", "/v2/" + seed.repo() + "/blobs/" + blob.digest());
            lines.add("blob " + blob.digest() + " " + head.status() + " " + head.header("Content-Length").orElse("-")
                    + " " + head.header("Docker-Content-Digest").orElse("-"));
        }
        Response upload = http.get("GET", seed.uploadPath());
        lines.add("upload " + upload.status() + " " + upload.header("Range").orElse("-"));
        lines.addAll(files(blobRoot));
        return String.join("\n", lines);
    }

    /**
     * Every file the fs blob backend holds. With another blob backend the node keeps no blob files, and
     * the fingerprint rests on what HTTP shows.
     */
    private static List<String> files(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of("(no local blob files: " + System.getProperty("flotilla.test.blobs") + " backend)");
        }
        Path tmp = root.resolve("tmp");
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> !p.equals(root) && !p.startsWith(tmp))
                    .map(p -> describe(root, p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(Path root, Path p) {
        try {
            String rel = root.relativize(p).toString();
            return Files.isDirectory(p) ? "dir  " + rel + "/" : "file " + rel + " " + Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
