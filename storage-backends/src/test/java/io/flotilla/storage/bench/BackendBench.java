package io.flotilla.storage.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The storage backends benchmark: blob put/get/stage throughput on fs, s3 and rados, metadata operations
 * per second on embedded and cassandra, and the latency of one page of a 100,000-tag listing. Settings come
 * from the environment ({@link BenchSettings}; the backends' {@code FLOTILLA_*} variables); the table goes to
 * stdout, progress to stderr. Run it with {@code deploy/bench/backends.sh}, which starts the services.
 *
 * <p>Exit status: 0 when everything asked for was measured, 2 when the table says some backend was not.
 */
public final class BackendBench {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    /** The Cassandra driver logs start-up chatter (with a stack trace) at INFO through slf4j-jdk14; held strongly. */
    private static final Logger DRIVER_LOG = Logger.getLogger("com.datastax.oss.driver");

    private BackendBench() {
    }

    public static void main(String[] args) throws Exception {
        DRIVER_LOG.setLevel(Level.WARNING);
        BenchSettings settings = BenchSettings.fromEnvironment(System.getenv());
        Map<String, String> env = System.getenv();
        String loadStart = loadAverage();
        ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
        Scratch.delete(settings.scratch());
        Files.createDirectories(settings.scratch());
        progress("scratch " + settings.scratch() + "; blob backends " + settings.blobBackends()
                + ", metadata backends " + settings.metadataBackends());

        Map<String, String> notMeasured = new LinkedHashMap<>();
        BlobBench blobs = runBlobs(settings, env, notMeasured);
        List<MetadataOpsBench.Row> ops = new ArrayList<>();
        List<TagPageBench.Row> pages = new ArrayList<>();
        runMetadata(settings, env, notMeasured, ops, pages);
        Scratch.delete(settings.scratch());

        Report report = new Report(System.out, settings);
        report.header(started.truncatedTo(ChronoUnit.MINUTES), loadStart, loadAverage());
        report.blobs(blobs.rows(), blobs.failed(), notMeasured);
        report.operations(ops, notMeasured);
        report.pages(pages, notMeasured);
        System.out.flush();
        System.exit(notMeasured.isEmpty() && blobs.failed().isEmpty() ? 0 : 2);
    }

    private static BlobBench runBlobs(BenchSettings settings, Map<String, String> env, Map<String, String> notMeasured)
            throws IOException {
        List<BlobBackend> opened = new ArrayList<>();
        for (String name : settings.blobBackends()) {
            try {
                BlobBackend b = BlobBackend.open(name, env, settings.scratch());
                progress(name + ": blobs in " + b.where());
                opened.add(b);
            } catch (Exception e) {
                notMeasured.put(name, "cannot open: " + e);
                progress(name + ": not measured (cannot open: " + e + ")");
            }
        }
        BlobBench bench = new BlobBench(settings, opened);
        try {
            if (!opened.isEmpty()) {
                bench.run();
            }
        } finally {
            for (BlobBackend b : opened) {
                closeQuietly(b.name(), b);
            }
        }
        return bench;
    }

    private static void runMetadata(BenchSettings settings, Map<String, String> env, Map<String, String> notMeasured,
                                    List<MetadataOpsBench.Row> ops, List<TagPageBench.Row> pages) {
        for (String name : settings.metadataBackends()) {
            MetadataBackend backend;
            try {
                backend = MetadataBackend.open(name, env, settings.scratch());
                progress(name + ": metadata in " + backend.where());
            } catch (Exception e) {
                notMeasured.put(name, "cannot open: " + e);
                progress(name + ": not measured (cannot open: " + e + ")");
                continue;
            }
            try {
                ops.addAll(new MetadataOpsBench(settings).run(backend));
                pages.add(new TagPageBench(settings).run(backend));
            } catch (Exception e) {
                notMeasured.put(name, e.toString());
                progress(name + ": not measured (" + e + ")");
            } finally {
                closeQuietly(name, backend);
            }
        }
    }

    private static void closeQuietly(String name, AutoCloseable backend) {
        try {
            progress(name + ": removing what the benchmark wrote");
            backend.close();
        } catch (Exception e) {
            progress(name + ": cleanup failed: " + e);
        }
    }

    /** A line of progress on stderr. */
    static void progress(String message) {
        PrintStream err = System.err;
        err.println("[bench " + LocalTime.now().format(CLOCK) + "] " + message);
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
