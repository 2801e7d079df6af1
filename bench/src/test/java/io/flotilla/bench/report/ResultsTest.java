package io.flotilla.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsTest {

    @Test
    void aRatioIsTheSubjectsMedianOverTheReferences() {
        Results r = ResultsFixture.make();
        Results.Outcome push = r.outcome(r.comparisons(Comparison.Table.MAIN).get(0));
        assertEquals(2.1, push.ratio(), 1e-9);  // 420 / 200
        assertFalse(push.met());
        Results.Outcome head = r.outcome(r.comparisons(Comparison.Table.MAIN).get(1));
        assertEquals(8.0, head.ratio(), 1e-9);
        assertFalse(head.met());
    }

    @Test
    void aFailedSideLeavesNoRatioAndNoVerdict() {
        Results r = ResultsFixture.make();
        Results.Outcome cluster = r.outcome(r.comparisons(Comparison.Table.CLUSTER).getFirst());
        assertNull(cluster.ratio());
        assertNull(cluster.met());
    }

    @Test
    void everyExpectedMeasurementThatIsMissingOrFailedIsAFailure() {
        Results r = ResultsFixture.make();
        List<String> failures = r.failures();
        assertEquals(1, failures.size(), failures.toString());
        assertTrue(failures.getFirst().contains("cluster (3 nodes): did not start"), failures.getFirst());
        r.add(new Row("x", "never measured", Unit.MB_PER_S, List.of(Contestants.NGINX)));
        assertTrue(r.failures().contains("never measured: nginx: not measured"), r.failures().toString());
    }
}
