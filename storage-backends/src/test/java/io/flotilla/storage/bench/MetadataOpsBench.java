package io.flotilla.storage.bench;

import io.flotilla.model.Digest;
import io.flotilla.model.RepositoryName;
import io.flotilla.model.Tag;
import io.flotilla.storage.spi.MetadataStore;
import io.flotilla.storage.spi.Versioned;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/**
 * Metadata operations per second at each concurrency, in a repository of their own:
 * <ul>
 *   <li><b>manifest put</b>: {@code putManifest} of a new 2 KiB image manifest naming three blobs
 *       ({@link Manifests}), made on the calling thread;</li>
 *   <li><b>tag CAS</b>: {@code putTag} with the version the thread last read or wrote: each thread moves a
 *       tag of its own between two digests, so no compare-and-set loses, as when pushes to different tags of
 *       one repository run side by side;</li>
 *   <li><b>tag read</b>: {@code getTag} of those tags, round robin.</li>
 * </ul>
 */
final class MetadataOpsBench {
    /** One line of the table. */
    record Row(String backend, String op, OpsRunner.Result result) {
    }

    private final BenchSettings settings;

    MetadataOpsBench(BenchSettings settings) {
        this.settings = settings;
    }

    List<Row> run(MetadataBackend backend) throws InterruptedException {
        MetadataStore store = backend.store();
        long nonce = ThreadLocalRandom.current().nextLong() >>> 1;
        RepositoryName repo = RepositoryName.parse("bench/ops-" + Long.toHexString(nonce));
        store.ensureRepository(repo);
        int most = Collections.max(settings.concurrency());
        List<Tag> tags = new ArrayList<>();
        long[] versions = new long[most];
        Digest[] targets = {Digest.sha256(new byte[] {1}), Digest.sha256(new byte[] {2})};
        for (int w = 0; w < most; w++) {
            tags.add(Tag.parse("cas-" + w));
            versions[w] = store.putTag(repo, tags.get(w), targets[0], Versioned.ABSENT);
        }
        List<Row> rows = new ArrayList<>();
        for (int threads : settings.concurrency()) {
            Manifests manifests = new Manifests(repo, nonce + threads);
            rows.add(measure(backend, "manifest put", threads,
                    w -> i -> store.putManifest(manifests.next(w, i))));
        }
        for (int threads : settings.concurrency()) {
            rows.add(measure(backend, "tag CAS", threads, w -> new OpsRunner.Worker() {
                @Override
                public void op(long i) {
                    versions[w] = store.putTag(repo, tags.get(w), targets[(int) ((i + 1) % 2)], versions[w]);
                }

                @Override
                public void recover() {
                    versions[w] = store.getTag(repo, tags.get(w)).map(Versioned::version).orElse(Versioned.ABSENT);
                }
            }));
        }
        for (int threads : settings.concurrency()) {
            rows.add(measure(backend, "tag read", threads, w -> i -> {
                if (store.getTag(repo, tags.get((int) ((w + i) % most))).isEmpty()) {
                    throw new IllegalStateException("tag " + tags.get((int) ((w + i) % most)) + " is missing");
                }
            }));
        }
        return rows;
    }

    private Row measure(MetadataBackend backend, String op, int threads,
                        IntFunction<OpsRunner.Worker> workers) throws InterruptedException {
        BackendBench.progress(backend.name() + ": " + op + " on " + threads + " thread(s) for "
                + settings.opsDuration().toMillis() / 1000.0 + " s (after " + settings.opsWarmup().toMillis() / 1000.0
                + " s untimed)");
        OpsRunner.Result r = OpsRunner.run(threads, settings.opsWarmup(), settings.opsDuration(), workers);
        BackendBench.progress(backend.name() + ": " + op + " x" + threads + ": " + Stats.rate(r.opsPerSecond())
                + " ops/s, p50 " + Stats.millis(r.p50Nanos()) + " ms, p99 " + Stats.millis(r.p99Nanos()) + " ms"
                + (r.errors() > 0 ? ", " + r.errors() + " errors, first: " + r.firstError() : ""));
        return new Row(backend.name(), op, r);
    }
}
