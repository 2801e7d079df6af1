package io.flotilla.storage.bench;

import io.flotilla.model.Digest;
import io.flotilla.model.RepositoryName;
import io.flotilla.model.Tag;
import io.flotilla.storage.spi.MetadataStore;
import io.flotilla.storage.spi.TagEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The latency of one page of a large tag listing: a repository of {@code tags} tags ({@code t-000000} ...),
 * loaded the fastest honest way the backend allows, then {@code listTags(repo, after, n)} with {@code after}
 * drawn from the middle fifth of the listing, one read at a time. Every page is checked: n entries, starting
 * right after {@code after}.
 */
final class TagPageBench {
    private static final int WARMUP_READS = 20;

    /** One line of the table. */
    record Row(String backend, int tags, double loadSeconds, String loadedBy, int pageSize, int reads,
               long p50Nanos, long p99Nanos, long maxNanos) {
    }

    private final BenchSettings settings;

    TagPageBench(BenchSettings settings) {
        this.settings = settings;
    }

    Row run(MetadataBackend backend) throws Exception {
        MetadataStore store = backend.store();
        int count = settings.tags();
        int n = settings.pageSize();
        RepositoryName repo = RepositoryName.parse("bench/tags-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1));
        int width = Math.max(6, Integer.toString(count - 1).length());
        List<TagEntry> entries = new ArrayList<>(count);
        Digest[] targets = new Digest[16];
        for (int k = 0; k < targets.length; k++) {
            targets[k] = Digest.sha256(new byte[] {(byte) k, 7});
        }
        for (int i = 0; i < count; i++) {
            entries.add(new TagEntry(tag(i, width), targets[i % targets.length]));
        }
        BackendBench.progress(backend.name() + ": loading " + count + " tags into " + repo);
        long t0 = System.nanoTime();
        String loadedBy = backend.loadTags(repo, entries);
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        BackendBench.progress(backend.name() + ": loaded " + count + " tags in " + Stats.oneDecimal(loadSeconds)
                + " s (" + loadedBy + ")");
        List<TagEntry> last = store.listTags(repo, tag(count - 2, width), n);
        check(last.size() == 1 && last.get(0).tag().equals(tag(count - 1, width)),
                "the listing does not end at " + tag(count - 1, width) + ": " + last);

        checkLikePutTag(store, repo, entries.get(0), targets[targets.length - 1]);

        Random random = new Random(7);
        int low = count / 2 - count / 10;
        int span = Math.max(1, count / 5 - n);
        for (int r = 0; r < WARMUP_READS; r++) {
            readPage(store, repo, low + random.nextInt(span), width, n);
        }
        long[] nanos = new long[settings.pageReads()];
        for (int r = 0; r < nanos.length; r++) {
            nanos[r] = readPage(store, repo, low + random.nextInt(span), width, n);
        }
        long[] sorted = Stats.sorted(nanos, nanos.length);
        Row row = new Row(backend.name(), count, loadSeconds, loadedBy, n, nanos.length,
                Stats.percentile(sorted, 50), Stats.percentile(sorted, 99), sorted.length == 0 ? -1 : sorted[sorted.length - 1]);
        BackendBench.progress(backend.name() + ": page of " + n + " after the middle of " + count + " tags: median "
                + Stats.millis(row.p50Nanos()) + " ms, p99 " + Stats.millis(row.p99Nanos()) + " ms over " + nanos.length + " reads");
        return row;
    }

    /**
     * A loaded tag must be what {@code putTag} at ABSENT would have left: readable at version 1, movable by a
     * compare-and-set from there, with the listing following. Changes the first tag, which no page read shows.
     */
    private static void checkLikePutTag(MetadataStore store, RepositoryName repo, TagEntry first, Digest other) {
        var read = store.getTag(repo, first.tag()).orElseThrow(() -> new IllegalStateException(
                "loaded tag " + first.tag() + " cannot be read"));
        check(read.version() == 1 && read.value().equals(first.digest()), "loaded tag " + first.tag() + " reads as " + read);
        check(store.putTag(repo, first.tag(), other, 1) == 2, "a compare-and-set of a loaded tag did not give version 2");
        List<TagEntry> head = store.listTags(repo, null, 1);
        check(head.equals(List.of(new TagEntry(first.tag(), other))), "after a compare-and-set the listing starts " + head);
    }

    /** Reads the page after tag {@code index}; returns its latency. */
    private static long readPage(MetadataStore store, RepositoryName repo, int index, int width, int n) {
        long t0 = System.nanoTime();
        List<TagEntry> page = store.listTags(repo, tag(index, width), n);
        long nanos = System.nanoTime() - t0;
        check(page.size() == n, "a page after " + tag(index, width) + " has " + page.size() + " tags, not " + n);
        check(page.get(0).tag().equals(tag(index + 1, width)) && page.get(n - 1).tag().equals(tag(index + n, width)),
                "the page after " + tag(index, width) + " runs " + page.get(0).tag() + " .. " + page.get(n - 1).tag());
        return nanos;
    }

    private static Tag tag(int i, int width) {
        return Tag.parse(String.format(Locale.ROOT, "t-%0" + width + "d", i));
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
