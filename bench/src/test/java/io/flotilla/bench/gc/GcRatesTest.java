package io.flotilla.bench.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GcRatesTest {

    private static GcSample at(double seconds, double deleted, double calls) {
        return new GcSample(seconds, new GcCounters(deleted, deleted, deleted, deleted, 0, 0, deleted, deleted * 1024,
                calls, 0, 0));
    }

    @Test
    void ratesRunFromTheResumeToTheFirstSampleThatSawEveryBlobDeleted() {
        // Nothing for 4 s (the pipeline's latency), then 100 blobs a second until 1,000 at 14 s.
        List<GcSample> samples = new ArrayList<>();
        for (int t = 2; t <= 20; t += 2) {
            samples.add(at(t, Math.min(1000, Math.max(0, (t - 4) * 100)), Math.min(10, Math.max(0, t - 4))));
        }
        GcRates r = GcRates.of(samples, 1000);
        assertTrue(r.complete());
        assertEquals(14, r.elapsed());
        assertEquals(1000.0 / 14 * 60, r.deletedPerMinute(), 1e-9);
        assertEquals(10.0 / 14 * 60, r.deleteCallsPerMinute(), 1e-9);
        assertEquals(3000.0 / 14 * 60, r.transitionsPerMinute(), 1e-9);
        assertEquals(6, r.firstDeleteSeconds());
        // 10% (100) first seen at 6 s with 200, 90% (900) at 14 s with 1000: 800 in 8 s.
        assertEquals(6000, r.steadyDeletedPerMinute(), 1e-9);
    }

    @Test
    void aRunThatTimedOutIsIncompleteAndMeasuredToItsLastSample() {
        GcRates r = GcRates.of(List.of(at(5, 0, 0), at(10, 300, 3)), 1000);
        assertFalse(r.complete());
        assertEquals(10, r.elapsed());
        assertEquals(1800, r.deletedPerMinute(), 1e-9);
        assertTrue(Double.isNaN(r.steadyDeletedPerMinute()), "90% was never reached");
    }

    @Test
    void noSamplesMeansNoRate() {
        GcRates r = GcRates.of(List.of(), 10);
        assertFalse(r.complete());
        assertTrue(Double.isNaN(r.deletedPerMinute()));
    }
}
