package io.flotilla.bench.measure;

import io.flotilla.bench.client.BlobFile;
import io.flotilla.bench.report.Contestants;
import io.flotilla.bench.report.Results;
import io.flotilla.bench.report.Row;
import io.flotilla.bench.sys.Command;
import io.flotilla.bench.sys.Exec;
import io.flotilla.bench.sys.Log;
import io.flotilla.bench.sys.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The machine's own limits, measured in the same run: how fast openssl hashes SHA-256 (a registry hashes
 * every byte it takes), and how fast the disk under the registries' data takes durable writes (dd with
 * fdatasync). The nginx and plain Helidon references are measured with the transfers.
 */
public final class PhysicalBench {
    private static final Pattern DD_RESULT = Pattern.compile("(\\d+) bytes .*copied, ([\\d.]+) s");

    private final Plan plan;
    private final Results results;
    private final Processes processes;
    private final BlobFiles blobs;
    private final Path diskDir;

    /** {@code diskDir} is on the same file system as the registries' data. */
    public PhysicalBench(Plan plan, Results results, Processes processes, BlobFiles blobs, Path diskDir) {
        this.plan = plan;
        this.results = results;
        this.processes = processes;
        this.blobs = blobs;
        this.diskDir = diskDir;
    }

    public void run() {
        sha256();
        diskWrite();
    }

    private void sha256() {
        Row row = results.row(Catalog.SHA256);
        try {
            BlobFile file = blobs.extra("sha256-reference", plan.referenceBytes());
            for (int run = 1; run <= plan.runs(); run++) {
                long start = System.nanoTime();
                Exec exec = processes.run(Command.of("openssl", "dgst", "-sha256", file.file().toString()),
                        Duration.ofMinutes(5)).check();
                double seconds = (System.nanoTime() - start) / 1e9;
                if (!exec.stdout().contains(file.digest().substring("sha256:".length()))) {
                    throw new IllegalStateException("openssl's digest differs from Java's: " + exec.stdout().strip());
                }
                double mbs = file.size() / seconds / 1e6;
                row.sample(Contestants.OPENSSL, mbs);
                Log.info(String.format(Locale.ROOT, "openssl: %s, run %d/%d: %.1f MB/s", row.label(), run,
                        plan.runs(), mbs));
            }
            Files.deleteIfExists(file.file());
        } catch (IOException | RuntimeException e) {
            row.fail(Contestants.OPENSSL, e.getMessage());
        }
    }

    private void diskWrite() {
        Row row = results.row(Catalog.DISK_WRITE);
        Path target = diskDir.resolve("dd.bin");
        try {
            for (int run = 1; run <= plan.runs(); run++) {
                Exec exec = processes.run(Command.of("dd", "if=/dev/zero", "of=" + target, "bs=1M",
                        "count=" + plan.ddBytes() / Plan.MIB, "conv=fdatasync").with("LC_ALL", "C"),
                        Duration.ofMinutes(10)).check();
                Files.deleteIfExists(target);
                double mbs = ddMegabytesPerSecond(exec.stderr());
                row.sample(Contestants.DD, mbs);
                Log.info(String.format(Locale.ROOT, "dd: %s, run %d/%d: %.1f MB/s", row.label(), run, plan.runs(),
                        mbs));
            }
        } catch (IOException | RuntimeException e) {
            row.fail(Contestants.DD, e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(target);
            } catch (IOException e) {
                Log.info("could not delete " + target + ": " + e.getMessage());
            }
        }
    }

    /** MB/s from dd's summary line ("N bytes (...) copied, S s, ..."), computed from its bytes and seconds. */
    static double ddMegabytesPerSecond(String stderr) {
        Matcher m = DD_RESULT.matcher(stderr);
        if (!m.find()) {
            throw new IllegalArgumentException("dd printed no summary: " + stderr.strip());
        }
        return Long.parseLong(m.group(1)) / Double.parseDouble(m.group(2)) / 1e6;
    }
}
