package io.flotilla.bench.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.bench.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Usage errors exit 2 before anything starts (valid options would start a cluster). */
class GcCommandTest {

    @Test
    void refusesSettingsTheClusterCannotRun() {
        assertEquals(2, run("gc", "--nodes", "3", "--metadata", "embedded"));
        assertEquals(2, run("gc", "--blobs-backend", "gcs"));
        assertEquals(2, run("gc", "--blobs", "0"));
        assertEquals(2, run("gc", "--delay-seconds", "2", "--grace-seconds", "5"));
        assertEquals(2, run("gc", "--max-deletes-per-second", "0"));
        assertEquals(2, run("gc", "--blob-bytes", "8"));
        assertEquals(2, run("gc", "--no-such-option"));
    }

    @Test
    void optionsBecomeTheNodesGcSettings() {
        GcCommand gc = new GcCommand();
        new CommandLine(gc).parseArgs("--blobs", "2000", "--delay-seconds", "2", "--grace-seconds", "1",
                "--max-transitions-per-second", "500", "--max-deletes-per-second", "250");
        GcOptions o = gc.options();
        assertEquals("2", o.nodeSettings().get("FLOTILLA_GC_DELAY_SECONDS"));
        assertEquals("1", o.nodeSettings().get("FLOTILLA_GC_GRACE_SECONDS"));
        assertEquals("500", o.nodeSettings().get("FLOTILLA_GC_MAX_TRANSITIONS_PER_SECOND"));
        assertEquals("250", o.nodeSettings().get("FLOTILLA_GC_MAX_DELETES_PER_SECOND"));
        assertTrue(!o.nodeSettings().containsKey("FLOTILLA_GC_BATCH"), "unset keys keep the node's default");
        assertEquals(java.util.List.of("cassandra", "ceph"), o.services());
        // 2,000 blobs at the goal's 3,000/min take 40 s; plus 30 s and two graces.
        assertEquals(Duration.ofSeconds(72), o.timeout());
    }

    private static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setErr(new PrintWriter(new StringWriter()));
        return cli.execute(args);
    }
}
