package io.flotilla.bench.measure;

import io.flotilla.bench.client.HeadLoad;
import io.flotilla.bench.client.PushFailedException;
import io.flotilla.bench.client.RegistryEndpoint;
import io.flotilla.bench.client.RegistryClient;
import io.flotilla.bench.client.TestImage;
import io.flotilla.bench.client.Wrk;
import io.flotilla.bench.report.Contestants;
import io.flotilla.bench.report.Results;
import io.flotilla.bench.report.Row;
import io.flotilla.bench.sys.Log;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * The small-request rows at the plan's connection count: manifest GET by tag and by digest (wrk, with the
 * Accept header a pulling client sends) and HEAD of a blob (the HEAD client), against every registry; and
 * the same GET and HEAD of a static file from nginx, the ceiling of each client on this box. Each registry's
 * row sends its login's headers, asked for once per row (a token login fetches one token per row).
 */
public final class SmallRequestBench {
    static final String REPO = "bench/small";
    static final String STATIC_FILE = "small-4k";
    private static final List<String> ACCEPT = List.of("Accept: " + TestImage.MANIFEST_ACCEPT);

    private final Results results;
    private final Map<String, RegistryEndpoint> registries;
    private final URI nginx;
    private final Path nginxRoot;
    private final LoadRunner load;

    /** {@code nginx} may be null when it did not start; its rows then fail. */
    public SmallRequestBench(Plan plan, Results results, Map<String, RegistryEndpoint> registries, URI nginx, Path nginxRoot,
                             Wrk wrk, HeadLoad head) {
        this.results = results;
        this.registries = registries;
        this.nginx = nginx;
        this.nginxRoot = nginxRoot;
        this.load = new LoadRunner(plan, wrk, head);
    }

    public void run() {
        TestImage image = TestImage.random(new Random(), 4096);
        Map<String, RegistryEndpoint> ready = new LinkedHashMap<>();
        for (Map.Entry<String, RegistryEndpoint> r : registries.entrySet()) {
            try {
                pushImage(new RegistryClient(r.getValue()), image);
                ready.put(r.getKey(), r.getValue());
                Log.info(r.getKey() + ": pushed " + REPO + ":latest for the small-request rows");
            } catch (RuntimeException e) {
                for (String id : List.of(Catalog.MANIFEST_BY_TAG, Catalog.MANIFEST_BY_DIGEST, Catalog.HEAD_BLOB)) {
                    results.row(id).fail(r.getKey(), "fixture: " + e.getMessage());
                }
            }
        }
        measure(Catalog.MANIFEST_BY_TAG, ready, 0, b -> b.resolve("/v2/" + REPO + "/manifests/latest"), false);
        measure(Catalog.MANIFEST_BY_DIGEST, ready, 1,
                b -> b.resolve("/v2/" + REPO + "/manifests/" + image.manifestDigest()), false);
        measure(Catalog.HEAD_BLOB, ready, 2, b -> b.resolve("/v2/" + REPO + "/blobs/" + image.layerDigest()), true);
        references(image);
    }

    private void pushImage(RegistryClient client, TestImage image) {
        client.pushBlob(REPO, image.config(), image.configDigest());
        client.pushBlob(REPO, image.layer(), image.layerDigest());
        client.putManifest(REPO, "latest", image.manifest(), TestImage.MANIFEST_TYPE);
        String got = client.get("/v2/" + REPO + "/manifests/latest", TestImage.MANIFEST_ACCEPT).body();
        if (!got.equals(new String(image.manifest(), StandardCharsets.UTF_8))) {
            throw new PushFailedException("the manifest read back differs from the one pushed");
        }
    }

    /** One row against every ready registry, in an order rotated per row like the transfer rounds. */
    private void measure(String rowId, Map<String, RegistryEndpoint> ready, int turn, Function<URI, URI> url,
                         boolean headRow) {
        Row row = results.row(rowId);
        List<String> who = new ArrayList<>(row.expected().stream().filter(ready::containsKey).toList());
        for (String contestant : Rounds.order(who, turn)) {
            RegistryEndpoint registry = ready.get(contestant);
            URI target = url.apply(registry.base());
            List<String> auth;
            try {
                auth = registry.login().headers("repository:" + REPO + ":pull");
            } catch (RuntimeException e) {
                row.fail(contestant, "no credentials for the row: " + e.getMessage());
                continue;
            }
            if (headRow) {
                load.head(row, contestant, target, auth);
            } else {
                List<String> headers = new ArrayList<>(ACCEPT);
                headers.addAll(auth);
                load.get(row, contestant, target, headers);
            }
        }
    }

    private void references(TestImage image) {
        if (nginx == null) {
            return;  // the rows stay unmeasured, which reports nginx as missing
        }
        try {
            Files.write(nginxRoot.resolve(STATIC_FILE), image.layer());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        URI file = nginx.resolve("/" + STATIC_FILE);
        load.get(results.row(Catalog.STATIC_GET), Contestants.NGINX, file, List.of());
        load.head(results.row(Catalog.STATIC_HEAD), Contestants.NGINX, file, List.of());
    }
}
