package io.flotilla.bench.measure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.bench.client.RegistryClient;
import io.flotilla.bench.client.RegistryEndpoint;
import io.flotilla.bench.client.TestImage;
import io.flotilla.bench.client.Wrk;
import io.flotilla.bench.report.Results;
import io.flotilla.bench.report.Row;
import io.flotilla.bench.sys.Log;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The listing rows: one page (n=100, from the middle) of a repository's tag list and of the catalog, under the
 * same load as the small requests. The fixtures go in over HTTP, 16 requests in flight, untimed: one small
 * image under the plan's number of tags in {@code bench/tags}, and the same image in as many repositories
 * {@code bench/r/NNNNN}, its blobs mounted from {@code bench/tags}. Each row also records how many entries one
 * response held: the peer ignores n and last on tag lists and answers every tag.
 */
public final class ListingBench {
    static final String TAGS_REPO = "bench/tags";
    private static final int IN_FLIGHT = 16;
    private static final int PAGE = 100;

    private final Plan plan;
    private final Results results;
    private final Map<String, RegistryEndpoint> registries;
    private final LoadRunner load;

    public ListingBench(Plan plan, Results results, Map<String, RegistryEndpoint> registries, Wrk wrk) {
        this.plan = plan;
        this.results = results;
        this.registries = registries;
        this.load = new LoadRunner(plan, wrk, null);
    }

    public void run() {
        TestImage image = TestImage.random(new Random(), 4096);
        String tagPage = "/v2/" + TAGS_REPO + "/tags/list?n=" + PAGE + "&last=" + tag(plan.tags() / 2);
        String catalogPage = "/v2/_catalog?n=" + PAGE + "&last=" + repo(plan.repositories() / 2);
        for (Map.Entry<String, RegistryEndpoint> r : registries.entrySet()) {
            String name = r.getKey();
            RegistryClient client = new RegistryClient(r.getValue());
            try {
                loadFixtures(name, client, image);
            } catch (RuntimeException e) {
                Log.info(name + ": listing fixtures failed: " + e.getMessage());
                results.row(Catalog.TAG_PAGE).fail(name, "fixture: " + e.getMessage());
                results.row(Catalog.CATALOG_PAGE).fail(name, "fixture: " + e.getMessage());
                continue;
            }
            measure(results.row(Catalog.TAG_PAGE), name, client, r.getValue(), tagPage, "tags",
                    "repository:" + TAGS_REPO + ":pull");
            measure(results.row(Catalog.CATALOG_PAGE), name, client, r.getValue(), catalogPage, "repositories",
                    "registry:catalog:*");
        }
    }

    /** One page read once (its entry count), then under load with the login's headers for {@code scope}. */
    private void measure(Row row, String name, RegistryClient client, RegistryEndpoint registry, String page,
                         String field, String scope) {
        List<String> auth;
        try {
            JsonNode body = new ObjectMapper().readTree(client.get(page, null).body());
            row.entries(name, body.path(field).size());
            auth = registry.login().headers(scope);
        } catch (IOException | RuntimeException e) {
            row.fail(name, "reading one page: " + e.getMessage());
            return;
        }
        load.get(row, name, client.url(page), auth);
    }

    private void loadFixtures(String name, RegistryClient client, TestImage image) {
        long start = System.nanoTime();
        client.pushBlob(TAGS_REPO, image.config(), image.configDigest());
        client.pushBlob(TAGS_REPO, image.layer(), image.layerDigest());
        parallel(plan.tags(), i -> client.putManifest(TAGS_REPO, tag(i), image.manifest(), TestImage.MANIFEST_TYPE));
        Log.info(String.format(Locale.ROOT, "%s: %,d tags in %s loaded in %.1f s", name, plan.tags(), TAGS_REPO,
                (System.nanoTime() - start) / 1e9));
        start = System.nanoTime();
        AtomicInteger uploaded = new AtomicInteger();
        parallel(plan.repositories(), i -> {
            String repo = repo(i);
            if (!client.mount(repo, TAGS_REPO, image.configDigest(), image.config())) {
                uploaded.incrementAndGet();
            }
            if (!client.mount(repo, TAGS_REPO, image.layerDigest(), image.layer())) {
                uploaded.incrementAndGet();
            }
            client.putManifest(repo, "latest", image.manifest(), TestImage.MANIFEST_TYPE);
        });
        Log.info(String.format(Locale.ROOT, "%s: %,d repositories loaded in %.1f s", name, plan.repositories(),
                (System.nanoTime() - start) / 1e9));
        if (client.retried() > 0) {
            long requests = 2 + plan.tags() + 3L * plan.repositories();
            results.note(String.format(Locale.ROOT, "%s: while the listing fixtures loaded (%d requests in flight), "
                    + "%d of about %,d requests were answered 503 or 429 and sent again; the first said: %s", name,
                    IN_FLIGHT, client.retried(), requests, client.firstRetry()));
        }
        if (uploaded.get() > 0) {
            results.note(name + ": " + uploaded.get() + " of " + 2 * plan.repositories()
                    + " cross-repository mounts answered 202 instead of 201, so those blobs were uploaded instead");
        }
    }

    /** Runs {@code task} for 0..count-1 with {@link #IN_FLIGHT} at a time; the first failure fails all. */
    private static void parallel(int count, IntConsumer task) {
        ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> task.accept(n)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading fixtures", e);
        } finally {
            pool.shutdownNow();
        }
    }

    static String tag(int i) {
        return String.format(Locale.ROOT, "t-%05d", i);
    }

    static String repo(int i) {
        return String.format(Locale.ROOT, "bench/r/%05d", i);
    }
}
