package io.flotilla.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class MeasurementTest {

    @Test
    void theMedianOfAnOddCountIsTheMiddleValue() {
        assertEquals(227.2, Measurement.median(List.of(187.9, 230.9, 227.2)), 1e-9);
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(2.5, Measurement.median(List.of(4.0, 1.0, 3.0, 2.0)), 1e-9);
    }

    @Test
    void aFailedOrEmptyMeasurementHasNoMedian() {
        assertNull(Measurement.empty().median());
        assertNull(Measurement.empty().withSample(3).withFailure("run 2: PUT answered 500").median());
    }

    @Test
    void theFirstFailureIsKept() {
        Measurement m = Measurement.empty().withFailure("first").withFailure("second");
        assertEquals("first", m.failure());
    }
}
