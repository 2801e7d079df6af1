package io.flotilla.chaos.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WorkloadSettingsTest {

    @Test
    void aChunkOfZeroOrAtLeastTheLayerMeansOnePut() {
        assertTrue(new WorkloadSettings("r", 1, 1, 100, 0, false, 1).monolithic(100));
        WorkloadSettings chunked = new WorkloadSettings("r", 1, 1, 100, 10, false, 1);
        assertTrue(chunked.monolithic(10));
        assertFalse(chunked.monolithic(11));
    }

    @Test
    void sharedTagsGoInPairsAndOthersAreTheClientsOwn() {
        WorkloadSettings shared = new WorkloadSettings("r", 4, 1, 1, 0, true, 1);
        assertEquals(shared.tag(0), shared.tag(2));
        assertEquals(shared.tag(1), shared.tag(3));
        assertFalse(shared.tag(0).equals(shared.tag(1)));
        WorkloadSettings own = new WorkloadSettings("r", 4, 1, 1, 0, false, 1);
        assertFalse(own.tag(0).equals(own.tag(2)));
    }

    @Test
    void rejectsWhatCannotRun() {
        assertThrows(IllegalArgumentException.class, () -> new WorkloadSettings("r", 0, 1, 1, 0, false, 1));
        assertThrows(IllegalArgumentException.class, () -> new WorkloadSettings("r", 1, 5, 4, 0, false, 1));
        assertThrows(IllegalArgumentException.class, () -> new WorkloadSettings("r", 1, 1, 1, -1, false, 1));
    }
}
