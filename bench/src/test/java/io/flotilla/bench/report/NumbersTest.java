package io.flotilla.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NumbersTest {

    @Test
    void valuesKeepAsManyDigitsAsAComparisonNeeds() {
        assertEquals("66663", Numbers.value(66663.2));
        assertEquals("231.5", Numbers.value(231.46));
        assertEquals("9.98", Numbers.value(9.981));
        assertEquals("n/a", Numbers.value(null));
        assertEquals("0.63", Numbers.millis(0.6312));
        assertEquals("403", Numbers.millis(403.08));
    }

    @Test
    void aRatioJustUnderItsGoalDoesNotRoundOntoIt() {
        assertEquals("0.90x", Numbers.ratio(0.8995));
        assertEquals("0.899x", Numbers.ratio(0.8994, Goal.atLeast(0.9)));
        assertEquals("0.900x", Numbers.ratio(0.9001, Goal.atLeast(0.9)));
        assertEquals("1.48x", Numbers.ratio(1.476, Goal.atLeast(2.5)));
        assertEquals("1.48x", Numbers.ratio(1.476, Goal.NONE));
    }
}
