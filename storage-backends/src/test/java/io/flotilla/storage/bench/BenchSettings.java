package io.flotilla.storage.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What to measure and how long, from {@code BENCH_*} environment variables (see deploy/bench/README.md);
 * the backends' own settings come from the {@code FLOTILLA_*} variables that {@code services.sh env} prints.
 *
 * @param blobBackends     {@code BENCH_BLOBS}: any of fs s3 rados
 * @param metadataBackends {@code BENCH_METADATA}: any of embedded cassandra
 * @param sizesMiB         {@code BENCH_SIZES_MIB}: blob sizes for put and get
 * @param runs             {@code BENCH_RUNS}: timed runs per blob measurement; the median is reported
 * @param largeRuns        {@code BENCH_LARGE_RUNS}: runs for sizes of 256 MiB and more
 * @param smallBatch       {@code BENCH_SMALL_BATCH}: blobs of under 16 MiB are timed this many in a row per run
 * @param stageMiB         {@code BENCH_STAGE_MIB}: the size of a staged piece (0 skips staging)
 * @param warmupMiB        {@code BENCH_WARMUP_MIB}: an untimed put and get per blob backend first (0 skips)
 * @param opsWarmup        {@code BENCH_OPS_WARMUP_SECONDS}: untimed lead-in of each metadata measurement
 * @param opsDuration      {@code BENCH_OPS_SECONDS}: timed length of each metadata measurement
 * @param concurrency      {@code BENCH_CONCURRENCY}: virtual threads per metadata measurement, one row each
 * @param tags             {@code BENCH_TAGS}: tags in the repository whose listing is paged
 * @param pageSize         {@code BENCH_PAGE_SIZE}: tags per page (n)
 * @param pageReads        {@code BENCH_PAGE_READS}: timed page reads
 * @param scratch          {@code BENCH_SCRATCH}: local scratch directory (fs blobs, SQLite, S3 spool)
 */
record BenchSettings(List<String> blobBackends, List<String> metadataBackends, List<Integer> sizesMiB, int runs,
                     int largeRuns, int smallBatch, int stageMiB, int warmupMiB, Duration opsWarmup,
                     Duration opsDuration, List<Integer> concurrency, int tags, int pageSize, int pageReads,
                     Path scratch) {

    static final int LARGE_MIB = 256;
    static final int SMALL_MIB = 16;

    static BenchSettings fromEnvironment(Map<String, String> env) {
        int runs = integer(env, "BENCH_RUNS", 3);
        return new BenchSettings(
                words(env, "BENCH_BLOBS", "fs s3 rados"),
                words(env, "BENCH_METADATA", "embedded cassandra"),
                words(env, "BENCH_SIZES_MIB", "1 64 512").stream().map(Integer::parseInt).toList(),
                runs,
                integer(env, "BENCH_LARGE_RUNS", runs),
                integer(env, "BENCH_SMALL_BATCH", 8),
                integer(env, "BENCH_STAGE_MIB", 64),
                integer(env, "BENCH_WARMUP_MIB", 64),
                Duration.ofMillis((long) (1000 * Double.parseDouble(env.getOrDefault("BENCH_OPS_WARMUP_SECONDS", "1")))),
                Duration.ofMillis((long) (1000 * Double.parseDouble(env.getOrDefault("BENCH_OPS_SECONDS", "5")))),
                words(env, "BENCH_CONCURRENCY", "1 16").stream().map(Integer::parseInt).toList(),
                integer(env, "BENCH_TAGS", 100_000),
                integer(env, "BENCH_PAGE_SIZE", 100),
                integer(env, "BENCH_PAGE_READS", 200),
                Path.of(env.getOrDefault("BENCH_SCRATCH",
                        System.getProperty("java.io.tmpdir") + "/flotilla-bench-backends")));
    }

    /** Timed runs for blobs of {@code mib}. */
    int runsFor(int mib) {
        return mib >= LARGE_MIB ? largeRuns : runs;
    }

    /** How many blobs one timed run puts or gets in a row: a single small put is too short to time alone. */
    int batchFor(int mib) {
        return mib < SMALL_MIB ? smallBatch : 1;
    }

    private static List<String> words(Map<String, String> env, String key, String fallback) {
        String value = env.getOrDefault(key, fallback).trim();
        return value.isEmpty() ? List.of() : Arrays.asList(value.split("\\s+"));
    }

    private static int integer(Map<String, String> env, String key, int fallback) {
        String value = env.get(key);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
