package io.flotilla.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GoalTest {

    @Test
    void aRatioGoalIsMetAtOrAboveItsRatio() {
        Goal push = Goal.atLeast(2.5);
        assertTrue(push.met(2.5, null));
        assertTrue(push.met(3.0, null));
        assertFalse(push.met(2.49, null));
        assertEquals(">= 2.5x", push.describe());
    }

    @Test
    void aLatencyGoalNeedsBothTheRatioAndTheP99() {
        Goal small = Goal.atLeast(10, 10);
        assertTrue(small.met(12.0, 9.9));
        assertFalse(small.met(12.0, 10.1));
        assertFalse(small.met(9.0, 1.0));
        assertNull(small.met(12.0, null));
        assertEquals(">= 10x, p99 <= 10 ms", small.describe());
    }

    @Test
    void nothingIsJudgedWithoutARatioOrWithoutATarget() {
        assertNull(Goal.atLeast(1).met(null, null));
        assertNull(Goal.NONE.met(5.0, 1.0));
        assertNull(Goal.EXEMPT.met(0.1, 1.0));
        assertEquals("-", Goal.NONE.describe());
        assertEquals("exempt", Goal.EXEMPT.describe());
        assertEquals(">= 0.9x", Goal.atLeast(0.9).describe());
    }
}
