package io.flotilla.bench.measure;

import io.flotilla.bench.client.BlobFile;
import io.flotilla.bench.client.Curl;
import io.flotilla.bench.client.CurlResult;
import io.flotilla.bench.client.PushFailedException;
import io.flotilla.bench.report.Contestants;
import io.flotilla.bench.report.Results;
import io.flotilla.bench.report.Row;
import io.flotilla.bench.sys.Command;
import io.flotilla.bench.sys.Log;
import io.flotilla.bench.sys.Processes;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The push and pull rows. Every contestant first gets an untimed warm-up push and pull. Then each row runs in
 * rounds: round i pushes blob i to every contestant of the row, one after the other in an order rotated by one
 * each round, with {@code sync} before every timed push so earlier writes are not flushed inside someone
 * else's time. Pulls go the same way, each pulling the blob that contestant stored in the same round. Only one
 * transfer runs at a time. Last, one pull per contestant and row is hashed and must match the digest.
 */
public final class TransferBench {
    private final Plan plan;
    private final Results results;
    private final BlobFiles blobs;
    private final Curl curl;
    private final Processes processes;
    private final Map<String, TransferTarget> targets;
    /** "contestant blob-name" of every push that answered 201: only those can be pulled. */
    private final Set<String> stored = new HashSet<>();
    /** The plain Helidon server serves the last blob it stored, whatever the URL. */
    private final Map<String, BlobFile> lastStored = new HashMap<>();

    public TransferBench(Plan plan, Results results, BlobFiles blobs, Curl curl, Processes processes,
                         Map<String, TransferTarget> targets) {
        this.plan = plan;
        this.results = results;
        this.blobs = blobs;
        this.curl = curl;
        this.processes = processes;
        this.targets = targets;
    }

    public void run() {
        warmUp();
        for (Plan.PushRow push : plan.pushes()) {
            pushRow(push);
        }
        for (Plan.PullRow pull : plan.pulls()) {
            pullRow(pull);
        }
        for (Plan.PullRow pull : plan.pulls()) {
            verify(pull);
        }
    }

    private void warmUp() {
        for (TransferTarget t : targets.values()) {
            BlobFile blob = blobs.warmup();
            try {
                if (t.pushes()) {
                    t.push(blob);
                    stored(t, blob);
                }
                pull(t, blob);
                Log.info(t.name() + ": warm-up push and pull of " + Catalog.size(blob.size()) + " done (untimed)");
            } catch (RuntimeException e) {
                Log.info(t.name() + ": warm-up failed: " + e.getMessage());
                failEverywhere(t.name(), "warm-up failed: " + e.getMessage());
            }
        }
    }

    private void pushRow(Plan.PushRow push) {
        Row row = results.row(push.id());
        List<BlobFile> files = blobs.row(push.id());
        for (int round = 0; round < files.size(); round++) {
            BlobFile blob = files.get(round);
            for (TransferTarget t : Rounds.order(participants(row), round)) {
                if (row.failed(t.name())) {
                    continue;
                }
                sync();
                try {
                    double seconds = t.push(blob);
                    stored(t, blob);
                    double mibs = blob.size() / seconds / Plan.MIB;
                    row.sample(t.name(), mibs);
                    Log.info(String.format(Locale.ROOT, "%s: %s, run %d/%d: %.3f s = %.1f MiB/s", t.name(),
                            push.label(), round + 1, files.size(), seconds, mibs));
                } catch (RuntimeException e) {
                    fail(row, t, "run " + (round + 1) + ": " + e.getMessage());
                }
            }
        }
    }

    private void pullRow(Plan.PullRow pullRow) {
        Row row = results.row(pullRow.id());
        List<BlobFile> files = blobs.row(pullRow.pushRowId());
        for (int round = 0; round < files.size(); round++) {
            BlobFile blob = files.get(round);
            for (TransferTarget t : Rounds.order(participants(row), round)) {
                if (row.failed(t.name())) {
                    continue;
                }
                try {
                    requireStored(t, blob);
                    double mbs = pull(t, blob) / 1e6;
                    row.sample(t.name(), mbs);
                    Log.info(String.format(Locale.ROOT, "%s: %s, run %d/%d: %.1f MB/s", t.name(), pullRow.label(),
                            round + 1, files.size(), mbs));
                } catch (RuntimeException e) {
                    fail(row, t, "run " + (round + 1) + ": " + e.getMessage());
                }
            }
        }
    }

    /** One pull per contestant of the row, hashed as it arrives; a mismatch fails the row for it. */
    private void verify(Plan.PullRow pullRow) {
        Row row = results.row(pullRow.id());
        List<BlobFile> files = blobs.row(pullRow.pushRowId());
        for (TransferTarget t : participants(row)) {
            if (row.failed(t.name()) || files.isEmpty()) {
                continue;
            }
            BlobFile blob = t.name().equals(Contestants.PLAIN_HELIDON) ? lastStored.get(t.name()) : files.getFirst();
            try {
                requireStored(t, blob);
                String got = curl.sha256(t.pullUrl(blob), t.pullHeaders());
                if (!got.equals(blob.digest())) {
                    throw new PushFailedException("pulled bytes hash to " + got + ", not " + blob.digest());
                }
                Log.info(t.name() + ": " + pullRow.label() + ": the pulled blob hashes to its digest");
            } catch (RuntimeException e) {
                fail(row, t, "verification: " + e.getMessage());
            }
        }
    }

    /** A timed GET of the blob; answers curl's bytes per second. */
    private double pull(TransferTarget t, BlobFile blob) {
        CurlResult get = curl.download(t.pullUrl(blob), t.pullHeaders());
        if (get.status() != 200 || get.downloaded() != blob.size()) {
            throw new PushFailedException("GET " + t.pullUrl(blob).getPath() + " answered " + get.status()
                    + " with " + get.downloaded() + " of " + blob.size() + " bytes");
        }
        return get.bytesPerSecond();
    }

    private List<TransferTarget> participants(Row row) {
        return row.expected().stream().filter(targets::containsKey).map(targets::get).toList();
    }

    private void stored(TransferTarget t, BlobFile blob) {
        stored.add(t.name() + " " + blob.name());
        lastStored.put(t.name(), blob);
    }

    private void requireStored(TransferTarget t, BlobFile blob) {
        if (t.pushes() && (blob == null || !stored.contains(t.name() + " " + blob.name()))) {
            throw new PushFailedException("its push of that blob failed, so there is nothing to pull");
        }
    }

    /** Flushes dirty pages now, so that earlier writes are not written back inside the next push's time. */
    private void sync() {
        processes.run(Command.of("sync"), Duration.ofMinutes(5)).check();
    }

    private void fail(Row row, TransferTarget t, String reason) {
        Log.info(t.name() + ": " + row.label() + ": not measured (" + reason + ")");
        row.fail(t.name(), reason);
    }

    private void failEverywhere(String contestant, String reason) {
        Stream.concat(plan.pushes().stream().map(Plan.PushRow::id), plan.pulls().stream().map(Plan.PullRow::id))
                .map(results::row)
                .filter(r -> r.expected().contains(contestant))
                .forEach(r -> r.fail(contestant, reason));
    }
}
