package io.flotilla.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {

    @Test
    void theMainTableHasBothRegistriesTheRatioTheGoalAndTheVerdict() {
        String md = MarkdownReport.render(ResultsFixture.make());
        assertTrue(md.contains("docker-registry"));
        assertTrue(md.contains("| row | unit | Flotilla | docker-registry | ratio (Flotilla / peer) | goal | met |"));
        List<List<String>> rows = MarkdownReport.tableRows(md, "## Flotilla against docker-registry");
        assertEquals(List.of("push 512 MiB monolithic", "MiB/s", "420.0", "200.0", "2.10x", ">= 2.5x", "**no**"),
                rows.get(0));
        assertEquals(List.of("HEAD blob", "req/s", "40000", "5000", "8.00x", ">= 10x, p99 <= 10 ms", "**no**"),
                rows.get(1));
    }

    @Test
    void latencyPhysicalAndClusterTablesShowTheirNumbers() {
        String md = MarkdownReport.render(ResultsFixture.make());
        List<List<String>> latency = MarkdownReport.tableRows(md, "### Latency");
        assertEquals(List.of("HEAD blob", "0.50", "4.00", "5.00", "20.00", "-"), latency.getFirst());
        List<List<String>> physical = MarkdownReport.tableRows(md, "## Physical references");
        assertEquals(List.of("plain Helidon push", "MiB/s", "500.0", "Flotilla push 512 MiB monolithic", "420.0",
                "0.84x", "-", "-"), physical.get(0));
        assertEquals(List.of("dd of 1 GiB", "MB/s", "945.0", "-", "-", "-", "-", "-"), physical.get(1));
        List<List<String>> cluster = MarkdownReport.tableRows(md, "## Cluster");
        assertEquals("failed", cluster.getFirst().get(2));
        assertEquals("n/a", cluster.getFirst().get(5));
    }

    @Test
    void theRunsAndTheFailuresAreListed() {
        String md = MarkdownReport.render(ResultsFixture.make());
        assertTrue(md.contains("- push 512 MiB monolithic (MiB/s): Flotilla: 400.0 440.0 420.0 (median 420.0); "
                + "docker-registry: 200.0 210.0 190.0 (median 200.0); plain Helidon: 500.0"), md);
        assertTrue(md.contains("## Failures"));
        assertTrue(md.contains("- HEAD blob: cluster (3 nodes): did not start: cassandra did not come up"));
        assertTrue(md.contains("load average (1, 5, 15 min): at start 0.5 0.4 0.3; transfers 0.9 0.5 0.3; at end 1.5 1.0 0.8"), md);
    }
}
