package io.flotilla.storage.bench;

import io.flotilla.storage.spi.BlobStore;
import io.flotilla.storage.spi.Piece;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Blob throughput: {@code put} (streamed, with the store verifying the SHA-256 as it goes) and {@code get}
 * ({@code open} of the whole piece, read to the end), per size, then {@code stage} of one piece.
 *
 * <p>Like push-pull.sh, the backends are measured in interleaved rounds: round i puts blob i into every
 * backend, in an order rotated by one each round, then the get rounds go the same way. A slow drift of the
 * box (other work, page-cache writeback) then hits every backend alike. sync(1) runs before every timed
 * write. Every run writes different bytes, so no store can skip a put of a digest it already holds.
 */
final class BlobBench {
    static final long MIB = 1L << 20;
    private static final int READ_BUFFER = 1 << 20;

    /** One line of the table: the MiB/s of each run ({@code batch} blobs of {@code mib} each). */
    record Row(String backend, String op, int mib, int batch, List<Double> runs) {
    }

    private final BenchSettings settings;
    private final List<BlobBackend> backends;
    private final Map<String, String> failed = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();
    private long nextSeed = 1;

    BlobBench(BenchSettings settings, List<BlobBackend> backends) {
        this.settings = settings;
        this.backends = backends;
    }

    List<Row> rows() {
        return rows;
    }

    /** Backends that failed part way, with the reason; their rows hold the runs measured before. */
    Map<String, String> failed() {
        return failed;
    }

    void run() throws IOException {
        warmUp();
        for (int mib : settings.sizesMiB()) {
            putAndGet(mib);
        }
        if (settings.stageMiB() > 0) {
            stage(settings.stageMiB());
        }
    }

    /** An untimed put and get per backend: JIT, connection pools, first-object costs. */
    private void warmUp() throws IOException {
        if (settings.warmupMiB() <= 0) {
            return;
        }
        BlobContent blob = new BlobContent(settings.warmupMiB() * MIB, 0);
        blob.digest();
        for (BlobBackend b : active(0)) {
            BackendBench.progress(b.name() + ": warm-up put and get of " + settings.warmupMiB() + " MiB (untimed)");
            try {
                Piece piece = b.store().put(blob.digest(), blob.stream());
                readAll(b.store(), piece);
                b.store().delete(List.of(piece.key()));
            } catch (IOException | RuntimeException e) {
                fail(b, "warm-up", e);
            }
        }
    }

    private void putAndGet(int mib) throws IOException {
        int runs = settings.runsFor(mib);
        int batch = settings.batchFor(mib);
        BlobContent[][] blobs = new BlobContent[runs][batch];
        BackendBench.progress("preparing " + runs + " x " + batch + " blob(s) of " + mib + " MiB (hashing, untimed)");
        for (BlobContent[] run : blobs) {
            for (int k = 0; k < batch; k++) {
                run[k] = new BlobContent(mib * MIB, nextSeed++);
                run[k].digest();
            }
        }
        Map<String, Row> puts = new LinkedHashMap<>();
        Map<String, Row> gets = new LinkedHashMap<>();
        Map<String, Piece[][]> pieces = new HashMap<>();
        for (BlobBackend b : backends) {
            puts.put(b.name(), new Row(b.name(), "put", mib, batch, new ArrayList<>()));
            gets.put(b.name(), new Row(b.name(), "get", mib, batch, new ArrayList<>()));
            pieces.put(b.name(), new Piece[runs][batch]);
        }
        for (int run = 0; run < runs; run++) {
            for (BlobBackend b : active(run)) {
                try {
                    Scratch.sync();
                    Piece[] out = pieces.get(b.name())[run];
                    long t0 = System.nanoTime();
                    for (int k = 0; k < batch; k++) {
                        out[k] = b.store().put(blobs[run][k].digest(), blobs[run][k].stream());
                    }
                    long nanos = System.nanoTime() - t0;
                    for (Piece p : out) {
                        check(p.length() == mib * MIB, "put returned a piece of " + p.length() + " bytes");
                    }
                    record(puts.get(b.name()), run, runs, nanos);
                } catch (IOException | RuntimeException e) {
                    fail(b, "put " + mib + " MiB, run " + (run + 1), e);
                }
            }
        }
        for (int run = 0; run < runs; run++) {
            for (BlobBackend b : active(run)) {
                try {
                    long t0 = System.nanoTime();
                    for (Piece p : pieces.get(b.name())[run]) {
                        readAll(b.store(), p);
                    }
                    record(gets.get(b.name()), run, runs, System.nanoTime() - t0);
                } catch (IOException | RuntimeException e) {
                    fail(b, "get " + mib + " MiB, run " + (run + 1), e);
                }
            }
        }
        for (BlobBackend b : backends) {
            removeQuietly(b, pieces.get(b.name()));
        }
        rows.addAll(puts.values());
        rows.addAll(gets.values());
    }

    private void stage(int mib) throws IOException {
        int runs = settings.runsFor(mib);
        BlobContent[] blobs = new BlobContent[runs];
        for (int run = 0; run < runs; run++) {
            blobs[run] = new BlobContent(mib * MIB, nextSeed++);
        }
        Map<String, Row> stages = new LinkedHashMap<>();
        backends.forEach(b -> stages.put(b.name(), new Row(b.name(), "stage", mib, 1, new ArrayList<>())));
        for (int run = 0; run < runs; run++) {
            String uploadId = "bench-stage-" + run;
            for (BlobBackend b : active(run)) {
                try {
                    Scratch.sync();
                    long t0 = System.nanoTime();
                    Piece p = b.store().stage(uploadId, blobs[run].stream());
                    long nanos = System.nanoTime() - t0;
                    check(p.length() == mib * MIB, "stage returned a piece of " + p.length() + " bytes");
                    record(stages.get(b.name()), run, runs, nanos);
                    b.store().abortStaging(uploadId);
                } catch (IOException | RuntimeException e) {
                    fail(b, "stage " + mib + " MiB, run " + (run + 1), e);
                }
            }
        }
        rows.addAll(stages.values());
    }

    private static void readAll(BlobStore store, Piece piece) throws IOException {
        byte[] buffer = new byte[READ_BUFFER];
        long total = 0;
        try (InputStream in = store.open(piece, 0, piece.length())) {
            int n;
            while ((n = in.read(buffer, 0, buffer.length)) >= 0) {
                total += n;
            }
        }
        check(total == piece.length(), "read " + total + " bytes of a " + piece.length() + " byte piece");
    }

    private void record(Row row, int run, int runs, long nanos) {
        double mibps = (double) row.batch() * row.mib() / (nanos / 1e9);
        row.runs().add(mibps);
        BackendBench.progress(row.backend() + ": " + row.op() + " " + row.mib() + " MiB"
                + (row.batch() > 1 ? " x " + row.batch() : "") + " run " + (run + 1) + "/" + runs + ": "
                + Stats.millis(nanos) + " ms = " + Stats.oneDecimal(mibps) + " MiB/s");
    }

    private void removeQuietly(BlobBackend b, Piece[][] pieces) {
        List<String> keys = new ArrayList<>();
        for (Piece[] run : pieces) {
            for (Piece p : run) {
                if (p != null) {
                    keys.add(p.key());
                }
            }
        }
        try {
            b.store().delete(keys);
        } catch (IOException | RuntimeException e) {
            BackendBench.progress(b.name() + ": could not delete " + keys.size() + " blobs (" + e + "); cleanup at exit will");
        }
    }

    /** The backends still measured, rotated by {@code round}. */
    private List<BlobBackend> active(int round) {
        List<BlobBackend> on = backends.stream().filter(b -> !failed.containsKey(b.name())).toList();
        List<BlobBackend> rotated = new ArrayList<>(on.size());
        for (int k = 0; k < on.size(); k++) {
            rotated.add(on.get((k + round) % on.size()));
        }
        return rotated;
    }

    private void fail(BlobBackend b, String what, Exception e) {
        String reason = what + ": " + e;
        failed.put(b.name(), reason);
        BackendBench.progress(b.name() + ": no longer measured (" + reason + ")");
    }

    private static void check(boolean condition, String message) throws IOException {
        if (!condition) {
            throw new IOException(message);
        }
    }
}
