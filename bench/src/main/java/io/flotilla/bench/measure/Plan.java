package io.flotilla.bench.measure;

import java.time.Duration;
import java.util.List;

/**
 * The sizes, counts and durations of one run. {@link #full} is what the issue asks for; {@link #smoke} runs
 * every row and code path at tiny sizes, once, to keep the runner working in CI.
 *
 * @param smoke            true for a smoke run
 * @param runs             timed runs per transfer row (the median is reported)
 * @param warmupBytes      untimed push and pull per contestant before the transfer rows
 * @param pushes           the push rows
 * @param pulls            the pull rows, each pulling the blobs of one push row
 * @param loadDuration     how long each load row (wrk, HEAD client) is measured
 * @param loadWarmup       untimed load before each, or zero
 * @param connections      concurrent connections of the load rows
 * @param tags             tags in the tag-list fixture
 * @param repositories     repositories in the catalog fixture
 * @param referenceBytes   size hashed by openssl
 * @param ddBytes          size written by dd
 * @param transferTimeout  longest one curl request may take
 */
public record Plan(boolean smoke, int runs, long warmupBytes, List<PushRow> pushes, List<PullRow> pulls,
                   Duration loadDuration, Duration loadWarmup, int connections, int tags, int repositories,
                   long referenceBytes, long ddBytes, Duration transferTimeout) {

    public static final long MIB = 1L << 20;

    /**
     * A push row.
     *
     * @param id          row id
     * @param label       name in the tables
     * @param bytes       blob size
     * @param chunkBytes  chunk size of a chunked push, or 0 for monolithic
     */
    public record PushRow(String id, String label, long bytes, long chunkBytes) {
    }

    /** A pull row, pulling the blobs pushed in row {@code pushRowId}. */
    public record PullRow(String id, String label, String pushRowId) {
    }

    public static Plan forFull(int runs) {
        return new Plan(false, runs, 64 * MIB, pushes(false), pulls(false), Duration.ofSeconds(10),
                Duration.ofSeconds(10), 32, 10_000, 10_000, 512 * MIB, 1024 * MIB, Duration.ofMinutes(10));
    }

    public static Plan forSmoke() {
        return new Plan(true, 1, MIB, pushes(true), pulls(true), Duration.ofSeconds(1), Duration.ZERO, 32, 100,
                100, 16 * MIB, 16 * MIB, Duration.ofMinutes(1));
    }

    public PushRow push(String id) {
        return pushes.stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no push row " + id));
    }

    /** Shown after a row's full-size name in a smoke run, so nobody mistakes its numbers for the real ones. */
    String smokeNote(String size) {
        return smoke ? " [smoke: " + size + "]" : "";
    }

    private static List<PushRow> pushes(boolean smoke) {
        String note = smoke ? " [smoke: 1 MiB]" : "";
        return List.of(
                new PushRow(Catalog.PUSH_1, "push 1 MiB monolithic" + note, MIB, 0),
                new PushRow(Catalog.PUSH_64, "push 64 MiB monolithic" + note, smoke ? MIB : 64 * MIB, 0),
                new PushRow(Catalog.PUSH_512, "push 512 MiB monolithic" + note, smoke ? MIB : 512 * MIB, 0),
                new PushRow(Catalog.PUSH_512_CHUNKED, "push 512 MiB in 16 MiB chunks"
                        + (smoke ? " [smoke: 1 MiB in 256 KiB chunks]" : ""),
                        smoke ? MIB : 512 * MIB, smoke ? MIB / 4 : 16 * MIB));
    }

    private static List<PullRow> pulls(boolean smoke) {
        String note = smoke ? " [smoke: 1 MiB]" : "";
        return List.of(
                new PullRow(Catalog.PULL_64, "pull 64 MiB" + note, Catalog.PUSH_64),
                new PullRow(Catalog.PULL_512, "pull 512 MiB" + note, Catalog.PUSH_512));
    }
}
