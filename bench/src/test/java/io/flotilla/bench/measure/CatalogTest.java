package io.flotilla.bench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.bench.report.Comparison;
import io.flotilla.bench.report.Contestants;
import io.flotilla.bench.report.Goal;
import io.flotilla.bench.report.Results;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogTest {

    private static Results define(Plan plan, boolean cluster) {
        Results r = new Results(new Results.RunInfo(plan.smoke(), Instant.now(), "m", "j", "0 0 0"));
        Catalog.define(r, plan, cluster);
        return r;
    }

    @Test
    void theGoalsAreTheIssues() {
        assertEquals(Goal.atLeast(2.5), Catalog.goal(Catalog.PUSH_512_CHUNKED));
        assertEquals(Goal.atLeast(10, 10), Catalog.goal(Catalog.HEAD_BLOB));
        assertEquals(Goal.atLeast(10, 10), Catalog.goal(Catalog.MANIFEST_BY_DIGEST));
        assertEquals(Goal.EXEMPT, Catalog.goal(Catalog.TAG_PAGE));
        assertEquals(Goal.atLeast(1), Catalog.goal(Catalog.PULL_64));
        Results r = define(Plan.forFull(3), false);
        Comparison nginx = r.comparisons(Comparison.Table.PHYSICAL).getFirst();
        assertEquals(Contestants.NGINX, nginx.reference().contestant());
        assertEquals(Goal.atLeast(0.9), nginx.goal());
    }

    @Test
    void everyRowWithBothRegistriesIsComparedInTheMainTable() {
        Results r = define(Plan.forFull(3), true);
        assertEquals(11, r.comparisons(Comparison.Table.MAIN).size());
        // push 1 MiB and the listings are not cluster rows; the other 8 are
        assertEquals(8, r.comparisons(Comparison.Table.CLUSTER).size());
        assertTrue(r.row(Catalog.PULL_512).expected().containsAll(
                List.of(Contestants.NGINX, Contestants.PLAIN_HELIDON, Contestants.CLUSTER)));
    }

    @Test
    void withoutTheClusterNoRowExpectsIt() {
        Results r = define(Plan.forFull(3), false);
        assertTrue(r.comparisons(Comparison.Table.CLUSTER).isEmpty());
        assertFalse(r.rows().stream().anyMatch(row -> row.expected().contains(Contestants.CLUSTER)));
    }

    @Test
    void aSmokeRunIsTinyOnceAndSaysSoInItsLabels() {
        Plan smoke = Plan.forSmoke();
        assertEquals(1, smoke.runs());
        assertTrue(smoke.pushes().stream().allMatch(p -> p.bytes() == Plan.MIB));
        assertEquals(Plan.MIB / 4, smoke.push(Catalog.PUSH_512_CHUNKED).chunkBytes());
        assertEquals(100, smoke.tags());
        Results r = define(smoke, true);
        assertTrue(r.row(Catalog.PUSH_512).label().endsWith("[smoke: 1 MiB]"));
        assertTrue(r.row(Catalog.TAG_PAGE).label().endsWith("[smoke: 100 tags]"));
    }

    @Test
    void aFullRunHasTheIssuesSizes() {
        Plan full = Plan.forFull(3);
        assertEquals(List.of(Plan.MIB, 64 * Plan.MIB, 512 * Plan.MIB, 512 * Plan.MIB),
                full.pushes().stream().map(Plan.PushRow::bytes).toList());
        assertEquals(16 * Plan.MIB, full.push(Catalog.PUSH_512_CHUNKED).chunkBytes());
        assertEquals(10_000, full.tags());
        assertEquals(10_000, full.repositories());
        assertEquals("1 GiB", Catalog.size(full.ddBytes()));
    }
}
